// ESC/POS as Epson's "ESC/POS Application Programming Guide" tables it: control bytes, code-page numbers
// (ESC t n), barcode systems (GS k m, function B), QR functions (GS ( k cn=49) and status bits (DLE EOT n).

export const ESC = 0x1b;
export const GS = 0x1d;
export const DLE = 0x10;
export const EOT = 0x04;
export const LF = 0x0a;
export const FS = 0x1c;

/** Code pages we print in, with Epson's ESC t table numbers and the iconv-lite encoding name. */
export const CODE_PAGES = {
  PC437: { escT: 0, iconv: 'cp437' },
  PC866: { escT: 17, iconv: 'cp866' }, // Cyrillic #2: Russian
  PC852: { escT: 18, iconv: 'cp852' }, // Latin 2: Czech, Hungarian
  WPC1257: { escT: 25, iconv: 'cp1257' }, // Baltic: Latvian
} as const;

export type CodePage = keyof typeof CODE_PAGES;

export function codePageByNumber(n: number): CodePage | undefined {
  return (Object.keys(CODE_PAGES) as CodePage[]).find((k) => CODE_PAGES[k].escT === n);
}

export type Alignment = 'left' | 'center' | 'right';
export const ALIGN_N: Record<Alignment, number> = { left: 0, center: 1, right: 2 };

/** GS k m, function B (length-prefixed) barcode systems. */
export const BARCODE_SYSTEM = { 'EAN-13': 67, CODE128: 73 } as const;
export type BarcodeSystem = keyof typeof BARCODE_SYSTEM;

/** GS ( k, cn = 49 (QR code) function numbers. */
export const QR_FN = { model: 65, size: 67, errorLevel: 69, store: 80, print: 81 } as const;
export const QR_ERROR_LEVEL = { L: 48, M: 49, Q: 50, H: 51 } as const;
export type QrErrorLevel = keyof typeof QR_ERROR_LEVEL;

/** GS V m: full cut 0 / partial cut 1, or 65 / 66 = feed n dots then cut. */
export const CUT = { full: 0, partial: 1, fullAfterFeed: 65, partialAfterFeed: 66 } as const;

/** DLE EOT n: which status byte the host asks for. */
export const STATUS_KIND = { printer: 1, offline: 2, error: 3, paper: 4 } as const;
export type StatusKind = keyof typeof STATUS_KIND;

/**
 * Status-byte bits (bit 1 and bit 4 are always 1, bit 0 and bit 7 always 0, so every answer looks like 0b0xx1xx10).
 * printer (n=1): bit 2 drawer kick-out connector pin 3 HIGH, bit 3 offline.
 * offline (n=2): bit 2 cover open, bit 3 paper fed by button, bit 5 stopped by paper end, bit 6 error.
 * error (n=3): bit 3 auto-cutter error, bit 5 unrecoverable error, bit 6 auto-recoverable error.
 * paper (n=4): bits 2+3 roll paper near end, bits 5+6 roll paper end.
 */
export const STATUS_FIXED = 0x12;
export const STATUS_BITS = {
  printer: { drawerPin3High: 0x04, offline: 0x08 },
  offline: { coverOpen: 0x04, feedButton: 0x08, paperEndStop: 0x20, error: 0x40 },
  error: { cutter: 0x08, unrecoverable: 0x20, autoRecoverable: 0x40 },
  paper: { nearEnd: 0x0c, end: 0x60 },
} as const;
