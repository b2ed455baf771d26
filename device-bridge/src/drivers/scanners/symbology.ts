// AIM symbology identifiers (ISO/IEC 15424: "]" + code character + modifier) as data, and the guess we make
// from the content when a scanner is set up to send no identifier.

import { gtinSymbology } from '@kasa/domain';

export type Symbology =
  | 'EAN-13' | 'EAN-8' | 'UPC-A' | 'Code128' | 'GS1-128' | 'Code39' | 'ITF' | 'DataMatrix' | 'GS1 DataMatrix'
  | 'QR' | 'GS1 QR' | 'GS1 DataBar' | 'PDF417' | 'unknown';

/** Exact identifiers first; entries ending in '*' match any modifier. */
export const AIM_IDS: Record<string, Symbology> = {
  ']E0': 'EAN-13', // also UPC-A, sent as 13 digits with a leading 0
  ']E4': 'EAN-8',
  ']C0': 'Code128',
  ']C1': 'GS1-128',
  ']d1': 'DataMatrix',
  ']d2': 'GS1 DataMatrix',
  ']Q1': 'QR',
  ']Q3': 'GS1 QR',
  ']e0': 'GS1 DataBar',
  ']A*': 'Code39',
  ']I*': 'ITF',
  ']L*': 'PDF417',
};

export interface Scan {
  code: string;
  symbology: Symbology;
  /** The AIM identifier when the scanner sent one. */
  aim?: string;
}

/** Splits an optional AIM prefix off a scanned text. */
export function parseScan(text: string): Scan {
  const m = /^\](.)(.)/.exec(text);
  if (m) {
    const aim = m[0];
    const symbology = AIM_IDS[aim] ?? AIM_IDS[`]${m[1]}*`] ?? 'unknown';
    return { code: text.slice(3), symbology, aim };
  }
  return { code: text, symbology: guessSymbology(text) };
}

export function guessSymbology(code: string): Symbology {
  return gtinSymbology(code) ?? (code.startsWith('\x1d') ? 'GS1-128' : 'unknown');
}

/** The AIM identifier to send for a symbology (emulator side). */
export function aimFor(symbology: Symbology): string | undefined {
  const entry = Object.entries(AIM_IDS).find(([, s]) => s === symbology);
  return entry?.[0].replace('*', '0');
}
