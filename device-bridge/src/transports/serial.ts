// Serial line transport (RS-232 / USB-serial / pty) over node-serialport.
import { SerialPort } from 'serialport';
import type { SerialTransportConfig } from '../config/config';
import type { Transport, TransportStatus } from './transport';
import { DataListeners } from './listeners';

export class SerialTransport implements Transport {
  readonly kind = 'serial' as const;
  private port: SerialPort | undefined;
  private lastError: string | undefined;
  private readonly listeners = new DataListeners();

  constructor(private readonly cfg: SerialTransportConfig) {}

  async open(): Promise<void> {
    if (this.port?.isOpen) return;
    const port = new SerialPort({
      path: this.cfg.path,
      baudRate: this.cfg.baudRate,
      dataBits: this.cfg.dataBits ?? 8,
      parity: this.cfg.parity ?? 'none',
      stopBits: this.cfg.stopBits ?? 1,
      autoOpen: false,
    });
    await new Promise<void>((res, rej) => port.open((err) => (err ? rej(err) : res())));
    port.on('data', (chunk: Buffer) => this.listeners.emit(new Uint8Array(chunk)));
    port.on('error', (err: Error) => (this.lastError = err.message));
    port.on('close', () => (this.port = undefined));
    this.port = port;
    this.lastError = undefined;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) throw new Error(`serial port ${this.cfg.path} is not open`);
    await new Promise<void>((res, rej) => port.write(Buffer.from(bytes), (err) => (err ? rej(err) : res())));
    await new Promise<void>((res, rej) => port.drain((err) => (err ? rej(err) : res())));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((res) => port.close(() => res()));
  }

  status(): TransportStatus {
    return { open: !!this.port?.isOpen, address: `${this.cfg.path}@${this.cfg.baudRate}`, ...(this.lastError ? { error: this.lastError } : {}) };
  }
}
