// Transports: one per way of reaching a device; `createTransport` picks it from the device config.
import type { TransportConfig } from '../config/config';
import type { Transport } from './transport';
import { SerialTransport } from './serial';
import { TcpTransport } from './tcp';
import { UsbPrinterTransport } from './usb';
import { HidTransport } from './hid';

export * from './transport';
export { SerialTransport } from './serial';
export { TcpTransport } from './tcp';
export { UsbPrinterTransport, listUsbPrinters } from './usb';
export { HidTransport, listHidDevices } from './hid';
export { openPtyPair, type PtyPair } from './pty-pair';
export { discoverDevices, type Discovery } from './discovery';

export function createTransport(cfg: TransportConfig): Transport {
  switch (cfg.type) {
    case 'serial':
      return new SerialTransport(cfg);
    case 'tcp':
      return new TcpTransport(cfg);
    case 'usb':
      return new UsbPrinterTransport(cfg);
    case 'hid':
      return new HidTransport(cfg);
  }
}
