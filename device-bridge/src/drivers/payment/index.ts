// Payment terminals: the PaymentTerminal interface and the Ingenico Concert (E+) codec, driver and emulator.
export * from './payment-terminal';
export * as concertCodec from './concert/codec';
export { ConcertTerminal, type ConcertOptions } from './concert/driver';
export { createConcertEmulator, type ConcertEmulator, type ConcertEmulatorOptions, type TerminalBehaviour } from './concert/emulator';
export { paymentMessages } from './messages';
