// ESC/POS receipt printer: codec (encoder, decoder, status), receipt layout, driver and emulator.
export * from './protocol';
export * from './encoder';
export * from './decoder';
export * from './status';
export * from './layout';
export { EscPosPrinter, type EscPosPrinterOptions } from './driver';
export { createEscPosEmulator, receiptText, renderReceipt, type EscPosEmulator, type EscPosEmulatorOptions, type EscPosFault, type PaperLine, type PrintedReceipt, type TextSegment } from './emulator';
