// Barcode scanners: serial, HID POS and keyboard-mode decoders, the browser wedge detector, driver and emulator.
export * from './symbology';
export * from './serial';
export * from './hid';
export * from './wedge';
export { BarcodeScanner, type ScannerMode } from './driver';
export { createScannerEmulator, type ScannerEmulator, type ScannerEmulatorOptions } from './emulator';
