// Scales: codecs (CAS, Mettler Toledo 8217, Massa-K Protocol 100), the scale driver and the emulators.
export * from './weighing';
export * from './protocols/cas';
export * from './protocols/toledo8217';
export * from './protocols/massak';
export { ScaleDriver, type ScaleDriverOptions } from './scale-driver';
export { createCasEmulator, createToledo8217Emulator, createMassaKEmulator, type ScaleEmulator, type ScaleEmulatorOptions } from './scale-emulator';
export { FrameQueue, scanningDecoder, concatBytes, ascii, fromAscii, type ScanResult } from './frame-queue';

import { casProtocol } from './protocols/cas';
import { massaKProtocol } from './protocols/massak';
import { toledo8217Protocol } from './protocols/toledo8217';
export const scaleProtocols = { cas: casProtocol, toledo8217: toledo8217Protocol, massak: massaKProtocol } as const;
export { scaleMessages } from './messages';
