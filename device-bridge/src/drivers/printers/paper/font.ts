// A tiny 5×8 bitmap font (the classic column-major LCD font) so emulators can draw a real picture of the paper.
// Letters outside ASCII are drawn as their base letter (diacritics stripped, Cyrillic look-alikes mapped) with a
// mark above, or as a block: the .txt beside the picture is the exact record, the picture is for a person's eye.

const GLYPHS_HEX =
  '0000000000 00005f0000 0007000700 147f147f14 242a7f2a12 2313086462 3649562050 0008070300 001c224100 0041221c00' +
  ' 2a1c7f1c2a 08083e0808 0080703000 0808080808 0000606000 2010080402 3e5149453e 00427f4000 7249494946 2141494d33' +
  ' 1814127f10 2745454539 3c4a494931 4121110907 3649494936 464949291e 0000140000 0040340000 0008142241 1414141414' +
  ' 0041221408 0201590906 3e415d594e 7c1211127c 7f49494936 3e41414122 7f4141413e 7f49494941 7f09090901 3e41415173' +
  ' 7f0808087f 00417f4100 2040413f01 7f08142241 7f40404040 7f021c027f 7f0408107f 3e4141413e 7f09090906 3e4151215e' +
  ' 7f09192946 2649494932 03017f0103 3f4040403f 1f2040201f 3f4038403f 6314081463 0304780403 6159494d43 007f414141' +
  ' 0204081020 004141417f 0402010204 4040404040 0003070800 2054547840 7f28444438 3844444428 384444287f 3854545418' +
  ' 00087e0902 18a4a49c78 7f08040478 00447d4000 2040403d00 7f10284400 00417f4000 7c0478047c 7c08040478 3844444438' +
  ' fc18242418 18242418fc 7c08040408 4854545424 04043f4424 3c4040207c 1c2040201c 3c4030403c 4428102844 4c9090907c' +
  ' 4464544c44 0008364100 0000770000 0041360800 0201020402';

const GLYPHS: number[][] = GLYPHS_HEX.split(' ').map((h) => Array.from({ length: 5 }, (_, i) => parseInt(h.slice(i * 2, i * 2 + 2), 16)));

const BLOCK = [0x7f, 0x7f, 0x7f, 0x7f, 0x7f];

// Cyrillic letters that look like Latin ones; the rest are drawn as blocks.
const LOOKALIKE: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', Ё: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', З: '3',
  а: 'a', е: 'e', ё: 'e', к: 'k', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', б: '6', ь: 'b', п: 'n', и: 'u', г: 'r',
};

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 8;
/** Cell width and height including spacing. */
export const CELL_WIDTH = 6;
export const CELL_HEIGHT = 10;

export interface Glyph {
  columns: number[];
  /** True when the letter had a diacritic: the canvas draws a mark above the cell. */
  accent: boolean;
}

export function glyphFor(ch: string): Glyph {
  const code = ch.codePointAt(0) ?? 32;
  if (code >= 0x20 && code <= 0x7e) return { columns: GLYPHS[code - 0x20] ?? BLOCK, accent: false };
  const look = LOOKALIKE[ch];
  if (look) return { columns: GLYPHS[look.charCodeAt(0) - 0x20] ?? BLOCK, accent: false };
  const base = ch.normalize('NFD')[0] ?? '';
  const b = base.charCodeAt(0);
  if (base !== ch && b >= 0x20 && b <= 0x7e) return { columns: GLYPHS[b - 0x20] ?? BLOCK, accent: true };
  return { columns: BLOCK, accent: false };
}
