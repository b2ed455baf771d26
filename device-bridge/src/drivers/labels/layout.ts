// A label as both label languages describe it: elements placed in printer dots. Templates produce it,
// ZPL and TSPL encode it, and their decoders (the emulators' side) give it back.

export type LabelBarcode = 'EAN-13' | 'Code128';

export type LabelElement =
  | { kind: 'text'; x: number; y: number; height: number; text: string }
  | { kind: 'barcode'; x: number; y: number; height: number; symbology: LabelBarcode; data: string };

export interface LabelLayout {
  widthDots: number;
  heightDots: number;
  /** Gap between labels on the liner, in dots. */
  gapDots: number;
  dpi: number;
  copies: number;
  /** The stock's size as bought (mm), when known: dots round, and TSPL's SIZE/GAP want the exact millimetres. */
  sizeMm?: { width: number; height: number; gap: number };
  elements: LabelElement[];
}

export const dotsPerMm = (dpi: number): number => dpi / 25.4;
export const mmToDots = (mm: number, dpi: number): number => Math.round(mm * dotsPerMm(dpi));
/** Label stock comes in whole and half millimetres, so dots are read back to the nearest 0.5 mm. */
export const dotsToMm = (dots: number, dpi: number): number => Math.round((dots / dotsPerMm(dpi)) * 2) / 2;
