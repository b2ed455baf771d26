// TSPL label printers (TSC and compatibles).
export * from './codec';
export { TsplPrinter } from './driver';
export { createTsplEmulator } from './emulator';
