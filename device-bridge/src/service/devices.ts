// The configured devices, each a transport plus a driver adapter chosen by its kind. Adapters translate the bridge's
// REST commands into the driver's own calls; a kind whose driver has not been written yet simply has no adapter.
import { EventEmitter } from 'node:events';
import { DomainError } from '@kasa/domain';
import type { DeviceConfig, DeviceKind } from '../config/config';
import { createTransport, type Transport } from '../transports';

export interface Weight {
  /** kg with 3 decimals, as a string (exact). */
  weight: string;
  unit: 'kg';
  stable: boolean;
}

/** What a driver can do, as seen by the REST API; each method is optional. */
export interface DeviceAdapter {
  printReceipt?(receipt: unknown): Promise<unknown>;
  printLabels?(labels: unknown): Promise<unknown>;
  openDrawer?(): Promise<unknown>;
  display?(content: unknown): Promise<unknown>;
  /** Fiscal operations: open-shift, receipt, cancel, cash-in, cash-out, x-report, z-report. */
  fiscal?(operation: string, payload: unknown): Promise<unknown>;
  lastDocumentNumber?(): Promise<number>;
  fiscalStatus?(): Promise<unknown>;
  readWeight?(): Promise<Weight>;
  /** Card payment terminal: purchase, refund or cancel (void) of an amount in minor units. */
  payment?(operation: string, request: unknown): Promise<unknown>;
  /** Pushes events (scan codes, weights) to the bridge. */
  subscribe?(emit: (event: 'scan' | 'weight', data: unknown) => void): () => void;
  close?(): Promise<void>;
}

export type AdapterFactory = (device: DeviceConfig, transport: Transport) => Promise<DeviceAdapter> | DeviceAdapter;

export interface DeviceEntry {
  config: DeviceConfig;
  transport: Transport;
  adapter?: DeviceAdapter;
  error?: string;
}

export interface DeviceStatus {
  id: string;
  kind: DeviceKind;
  name: string;
  transport: ReturnType<Transport['status']>;
  driver: boolean;
  error?: string;
}

export function deviceName(d: DeviceConfig): string {
  return d.name ?? d.id;
}

export class DeviceRegistry extends EventEmitter {
  private readonly entries = new Map<string, DeviceEntry>();
  private readonly unsubscribes: (() => void)[] = [];

  constructor(private readonly factories: Partial<Record<DeviceKind, AdapterFactory>>) {
    super();
  }

  /** Opens every device; a device that fails to open is listed with its error instead of stopping the bridge. */
  async start(devices: DeviceConfig[]): Promise<void> {
    for (const config of devices) {
      const transport = createTransport(config.transport);
      const entry: DeviceEntry = { config, transport };
      this.entries.set(config.id, entry);
      const factory = this.factories[config.kind];
      if (!factory) {
        entry.error = `no driver for ${config.kind}`;
        continue;
      }
      try {
        await transport.open();
        entry.adapter = await factory(config, transport);
        const unsub = entry.adapter.subscribe?.((event, data) => this.emit(event, { device: config.id, ...(data as object) }));
        if (unsub) this.unsubscribes.push(unsub);
      } catch (e) {
        entry.error = (e as Error).message;
      }
      this.emit('device:status', this.statusOf(entry));
    }
  }

  list(): DeviceStatus[] {
    return [...this.entries.values()].map((e) => this.statusOf(e));
  }

  private statusOf(e: DeviceEntry): DeviceStatus {
    return {
      id: e.config.id,
      kind: e.config.kind,
      name: deviceName(e.config),
      transport: e.transport.status(),
      driver: !!e.adapter,
      ...(e.error ? { error: e.error } : {}),
    };
  }

  get(id: string): DeviceEntry | undefined {
    return this.entries.get(id);
  }

  /** The device to use: the one named, or the first configured device that can do `capability`. */
  pick(capability: keyof DeviceAdapter, id?: string): DeviceEntry {
    if (id) {
      const e = this.entries.get(id);
      if (!e) throw new DomainError('device.unknown', { device: id }, 404);
      return e;
    }
    const candidates = [...this.entries.values()];
    const able = candidates.find((e) => e.adapter?.[capability]);
    if (able) return able;
    throw new DomainError('device.none', { kind: capability }, 404);
  }

  /** The adapter method, or a translated error naming the device and why it is unavailable. */
  adapterFor<K extends keyof DeviceAdapter>(e: DeviceEntry, capability: K): NonNullable<DeviceAdapter[K]> {
    if (!e.adapter) throw new DomainError('device.offline', { device: deviceName(e.config), cause: e.error ?? 'not open' }, 503);
    const fn = e.adapter[capability];
    if (!fn) throw new DomainError('device.unsupported', { device: deviceName(e.config), kind: capability }, 400);
    return (fn as (...a: unknown[]) => unknown).bind(e.adapter) as NonNullable<DeviceAdapter[K]>;
  }

  /** Closes every device and opens the given set instead. */
  async reload(devices: DeviceConfig[]): Promise<void> {
    await this.close();
    await this.start(devices);
  }

  async close(): Promise<void> {
    for (const u of this.unsubscribes.splice(0)) u();
    for (const e of this.entries.values()) {
      await e.adapter?.close?.().catch(() => {});
      await e.transport.close().catch(() => {});
    }
    this.entries.clear();
  }
}
