// USB printer-class transport over the optional `usb` package (WebUSB API). Loaded lazily: a machine without the
// package or without USB devices still starts; discovery then lists none.
import type { UsbTransportConfig } from '../config/config';
import type { Transport, TransportStatus } from './transport';
import { DataListeners } from './listeners';

/** The slice of the WebUSB device API this transport uses. */
interface UsbEndpointLike { endpointNumber: number; direction: 'in' | 'out'; type: string }
interface UsbDeviceLike {
  vendorId: number;
  productId: number;
  serialNumber?: string;
  productName?: string;
  manufacturerName?: string;
  configuration?: { interfaces: { interfaceNumber: number; alternate: { interfaceClass: number; endpoints: UsbEndpointLike[] } }[] } | null;
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(n: number): Promise<void>;
  claimInterface(n: number): Promise<void>;
  releaseInterface(n: number): Promise<void>;
  transferOut(ep: number, data: Uint8Array): Promise<unknown>;
  transferIn(ep: number, len: number): Promise<{ data?: DataView; status?: string }>;
}
interface WebUsbLike { getDevices(): Promise<UsbDeviceLike[]> }

const PRINTER_CLASS = 7;

export async function loadWebUsb(): Promise<WebUsbLike | undefined> {
  try {
    const mod = (await import('usb')) as unknown as { WebUSB: new (o: { allowAllDevices: boolean }) => WebUsbLike };
    return new mod.WebUSB({ allowAllDevices: true });
  } catch {
    return undefined;
  }
}

export interface UsbPrinterInfo { vendorId: number; productId: number; serialNumber?: string; name: string }

/** USB devices exposing a printer-class interface; [] when the package or the USB bus is unavailable. */
export async function listUsbPrinters(): Promise<UsbPrinterInfo[]> {
  const webusb = await loadWebUsb();
  if (!webusb) return [];
  try {
    const devices = await webusb.getDevices();
    return devices
      .filter((d) => d.configuration?.interfaces.some((i) => i.alternate.interfaceClass === PRINTER_CLASS))
      .map((d) => ({
        vendorId: d.vendorId,
        productId: d.productId,
        ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
        name: [d.manufacturerName, d.productName].filter(Boolean).join(' ') || `USB ${d.vendorId.toString(16)}:${d.productId.toString(16)}`,
      }));
  } catch {
    return [];
  }
}

export class UsbPrinterTransport implements Transport {
  readonly kind = 'usb' as const;
  private device: UsbDeviceLike | undefined;
  private iface = 0;
  private epOut = 0;
  private epIn: number | undefined;
  private reading = false;
  private lastError: string | undefined;
  private readonly listeners = new DataListeners();

  constructor(private readonly cfg: UsbTransportConfig) {}

  async open(): Promise<void> {
    if (this.device) return;
    const webusb = await loadWebUsb();
    if (!webusb) throw new Error('USB support (package "usb") is not installed');
    const devices = await webusb.getDevices();
    const device = devices.find(
      (d) => d.vendorId === this.cfg.vendorId && d.productId === this.cfg.productId && (!this.cfg.serialNumber || d.serialNumber === this.cfg.serialNumber),
    );
    if (!device) throw new Error(`USB device ${this.cfg.vendorId.toString(16)}:${this.cfg.productId.toString(16)} not found`);
    await device.open();
    if (!device.configuration) await device.selectConfiguration(1);
    const printer = device.configuration?.interfaces.find((i) => i.alternate.interfaceClass === PRINTER_CLASS);
    if (!printer) throw new Error('USB device has no printer-class interface');
    const out = printer.alternate.endpoints.find((e) => e.direction === 'out' && e.type === 'bulk');
    if (!out) throw new Error('USB printer has no bulk OUT endpoint');
    await device.claimInterface(printer.interfaceNumber);
    this.iface = printer.interfaceNumber;
    this.epOut = out.endpointNumber;
    this.epIn = printer.alternate.endpoints.find((e) => e.direction === 'in' && e.type === 'bulk')?.endpointNumber;
    this.device = device;
    this.startReading();
  }

  private startReading(): void {
    if (this.epIn === undefined || this.reading) return;
    this.reading = true;
    const loop = async (): Promise<void> => {
      while (this.device && this.reading) {
        try {
          const r = await this.device.transferIn(this.epIn!, 64);
          if (r.data && r.data.byteLength) this.listeners.emit(new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength));
        } catch (e) {
          this.lastError = (e as Error).message;
          break;
        }
      }
      this.reading = false;
    };
    void loop();
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.device) await this.open();
    await this.device!.transferOut(this.epOut, bytes);
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    const d = this.device;
    this.device = undefined;
    this.reading = false;
    if (!d) return;
    await d.releaseInterface(this.iface).catch(() => {});
    await d.close().catch(() => {});
  }

  status(): TransportStatus {
    return { open: !!this.device, address: `usb:${this.cfg.vendorId.toString(16)}:${this.cfg.productId.toString(16)}`, ...(this.lastError ? { error: this.lastError } : {}) };
  }
}
