// Scanner drivers: turn a transport's bytes (serial lines or HID reports) into scans for the till.

import type { Transport } from '../../transports/transport';
import { HidKeyboardScanDecoder, decodeHidPosReport, type HidPosLayout } from './hid';
import { SerialScanDecoder } from './serial';
import type { Scan } from './symbology';

export type ScannerMode = { kind: 'serial' } | { kind: 'hid-pos'; layout?: HidPosLayout } | { kind: 'hid-keyboard' };

export class BarcodeScanner {
  private listeners = new Set<(s: Scan) => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly transport: Transport,
    private readonly mode: ScannerMode = { kind: 'serial' },
  ) {}

  async open(): Promise<void> {
    await this.transport.open();
    const mode = this.mode;
    let handle: (chunk: Uint8Array) => Scan[];
    if (mode.kind === 'serial') {
      const d = new SerialScanDecoder();
      handle = (c) => d.push(c);
    } else if (mode.kind === 'hid-keyboard') {
      const d = new HidKeyboardScanDecoder();
      handle = (c) => d.push(c);
    } else {
      // a HID transport delivers one report per chunk
      handle = (c) => {
        const s = decodeHidPosReport(c, mode.layout);
        return s ? [s] : [];
      };
    }
    this.unsubscribe = this.transport.onData((chunk) => handle(chunk).forEach((s) => this.listeners.forEach((l) => l(s))));
  }

  onScan(listener: (s: Scan) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    await this.transport.close();
  }
}
