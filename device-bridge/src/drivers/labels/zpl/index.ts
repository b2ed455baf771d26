// ZPL II label printers (Zebra and compatibles).
export * from './codec';
export { ZplPrinter } from './driver';
export { createZplEmulator, type LabelEmulator, type LabelEmulatorOptions } from './emulator';
