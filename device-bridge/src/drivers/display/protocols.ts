// Customer display command sets as data: a 2×20 VFD speaks either Epson's ESC/POS display commands or the
// CD5220 set (most pole displays sold with tills accept both after a DIP-switch change).

export interface DisplayProtocol {
  name: 'epson' | 'cd5220';
  columns: number;
  /** ESC @ then whatever puts the display in overwrite mode. */
  initialize: number[];
  clear: number[];
  /** Bytes before the text of the upper / lower line, and after it. */
  upperPrefix: number[];
  lowerPrefix: number[];
  lineSuffix: number[];
  /** ESC t n; n from the table below. */
  selectCodePage: (n: number) => number[];
  codePages: Record<DisplayCodePage, number>;
}

export type DisplayCodePage = 'PC437' | 'PC866' | 'PC852' | 'WPC1257';

export const EPSON_DISPLAY: DisplayProtocol = {
  name: 'epson',
  columns: 20,
  initialize: [0x1b, 0x40, 0x1f, 0x01], // ESC @, US MD1 (overwrite mode)
  clear: [0x0c], // CLR
  upperPrefix: [0x0b], // HOM: cursor to the upper line's left end
  lowerPrefix: [0x1f, 0x42, 0x0d], // US B: to the bottom line, CR: to its left end
  lineSuffix: [],
  selectCodePage: (n) => [0x1b, 0x74, n],
  codePages: { PC437: 0, PC866: 17, PC852: 18, WPC1257: 25 },
};

export const CD5220_DISPLAY: DisplayProtocol = {
  name: 'cd5220',
  columns: 20,
  initialize: [0x1b, 0x40],
  clear: [0x0c],
  upperPrefix: [0x1b, 0x51, 0x41], // ESC Q A text CR
  lowerPrefix: [0x1b, 0x51, 0x42], // ESC Q B text CR
  lineSuffix: [0x0d],
  selectCodePage: (n) => [0x1b, 0x74, n],
  codePages: { PC437: 0, PC866: 17, PC852: 18, WPC1257: 25 },
};

export const DISPLAY_PROTOCOLS = { epson: EPSON_DISPLAY, cd5220: CD5220_DISPLAY } as const;

export const DISPLAY_ICONV: Record<DisplayCodePage, string> = { PC437: 'cp437', PC866: 'cp866', PC852: 'cp852', WPC1257: 'cp1257' };
