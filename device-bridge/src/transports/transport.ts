// A transport moves bytes to and from a device; drivers never know which one they sit on.

export type TransportKind = 'serial' | 'tcp' | 'usb' | 'hid';

export interface TransportStatus {
  open: boolean;
  /** Human-readable address, e.g. "/dev/ttyUSB0@9600" or "192.168.1.50:9100". */
  address: string;
  error?: string;
}

export interface Transport {
  readonly kind: TransportKind;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  /** Subscribes to incoming bytes as they arrive (any chunking); returns an unsubscribe function. */
  onData(listener: (chunk: Uint8Array) => void): () => void;
  close(): Promise<void>;
  status(): TransportStatus;
}
