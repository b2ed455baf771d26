// What is plugged in: serial ports, USB printers, HID devices. Optional packages missing → empty lists.
import { SerialPort } from 'serialport';
import { listUsbPrinters, type UsbPrinterInfo } from './usb';
import { listHidDevices, type HidInfo } from './hid';

export interface SerialPortInfo { path: string; manufacturer?: string; serialNumber?: string; vendorId?: string; productId?: string }
export interface Discovery { serial: SerialPortInfo[]; usbPrinters: UsbPrinterInfo[]; hid: HidInfo[] }

export async function discoverDevices(): Promise<Discovery> {
  const [serial, usbPrinters, hid] = await Promise.all([
    SerialPort.list()
      .then((ports) =>
        ports.map((p) => ({
          path: p.path,
          ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
          ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
          ...(p.vendorId ? { vendorId: p.vendorId } : {}),
          ...(p.productId ? { productId: p.productId } : {}),
        })),
      )
      .catch(() => []),
    listUsbPrinters(),
    listHidDevices(),
  ]);
  return { serial, usbPrinters, hid };
}
