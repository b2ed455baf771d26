// Fiscal registers: the FiscalProtocol strategy and its Shtrih-M codec, driver and emulator.
export * from './fiscal-protocol';
export * as shtrihCodec from './shtrih/codec';
export { SHTRIH_ERRORS, shtrihErrorKey, shtrihError } from './shtrih/errors';
export { ShtrihFiscal, productCodeTlv, type ShtrihOptions } from './shtrih/driver';
export { createShtrihEmulator, lineAmount, type ShtrihEmulator, type ShtrihEmulatorOptions, type ShtrihState, type JournalEntry, type JournalLine } from './shtrih/emulator';
export { fiscalMessages } from './messages';
