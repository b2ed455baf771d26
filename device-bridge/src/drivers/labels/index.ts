// Label printers: templates as data, one layout model, ZPL II and TSPL codecs, drivers and emulators.
export * from './layout';
export * from './templates';
export { labelText, renderLabel } from './picture';
export * from './zpl';
export * from './tspl';
