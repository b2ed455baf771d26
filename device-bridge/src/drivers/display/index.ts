// Customer display (2×20 VFD): Epson and CD5220 command sets, driver and emulator.
export * from './protocols';
export * from './codec';
export { CustomerDisplay } from './driver';
export { createDisplayEmulator, type DisplayEmulator, type DisplayEmulatorOptions } from './emulator';
