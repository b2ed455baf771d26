// HID transport (barcode scanners in HID-POS mode, customer displays) over the optional `node-hid` package.
import type { HidTransportConfig } from '../config/config';
import type { Transport, TransportStatus } from './transport';
import { DataListeners } from './listeners';

interface HidDeviceInfo { vendorId: number; productId: number; path?: string; product?: string; manufacturer?: string; usagePage?: number }
interface HidHandle {
  on(event: 'data', l: (b: Buffer) => void): void;
  on(event: 'error', l: (e: Error) => void): void;
  write(data: number[]): number;
  close(): void;
}
interface NodeHidLike {
  devices(): HidDeviceInfo[];
  HID: new (...args: [string] | [number, number]) => HidHandle;
}

async function loadNodeHid(): Promise<NodeHidLike | undefined> {
  try {
    const mod = (await import('node-hid')) as unknown as NodeHidLike & { default?: NodeHidLike };
    return typeof mod.devices === 'function' ? mod : mod.default;
  } catch {
    return undefined;
  }
}

export interface HidInfo { vendorId: number; productId: number; path?: string; name: string }

/** HID devices present; [] when the package is missing or enumeration fails. */
export async function listHidDevices(): Promise<HidInfo[]> {
  const hid = await loadNodeHid();
  if (!hid) return [];
  try {
    return hid.devices().map((d) => ({
      vendorId: d.vendorId,
      productId: d.productId,
      ...(d.path ? { path: d.path } : {}),
      name: [d.manufacturer, d.product].filter(Boolean).join(' ') || `HID ${d.vendorId.toString(16)}:${d.productId.toString(16)}`,
    }));
  } catch {
    return [];
  }
}

export class HidTransport implements Transport {
  readonly kind = 'hid' as const;
  private handle: HidHandle | undefined;
  private lastError: string | undefined;
  private readonly listeners = new DataListeners();

  constructor(private readonly cfg: HidTransportConfig) {}

  async open(): Promise<void> {
    if (this.handle) return;
    const hid = await loadNodeHid();
    if (!hid) throw new Error('HID support (package "node-hid") is not installed');
    const handle = this.cfg.path ? new hid.HID(this.cfg.path) : new hid.HID(this.cfg.vendorId ?? 0, this.cfg.productId ?? 0);
    handle.on('data', (b) => this.listeners.emit(new Uint8Array(b)));
    handle.on('error', (e) => (this.lastError = e.message));
    this.handle = handle;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.handle) await this.open();
    this.handle!.write(Array.from(bytes));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    this.handle?.close();
    this.handle = undefined;
  }

  status(): TransportStatus {
    const addr = this.cfg.path ?? `hid:${(this.cfg.vendorId ?? 0).toString(16)}:${(this.cfg.productId ?? 0).toString(16)}`;
    return { open: !!this.handle, address: addr, ...(this.lastError ? { error: this.lastError } : {}) };
  }
}
