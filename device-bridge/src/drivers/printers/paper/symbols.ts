// Bar patterns for the pictures: EAN-13 exactly as GS1 specifies it, Code 128 (set B) and a QR-like stand-in.

const EAN_L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const EAN_PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];
const invert = (p: string): string => p.replace(/./g, (c) => (c === '1' ? '0' : '1'));
const reverse = (p: string): string => p.split('').reverse().join('');

/** The 95 modules of an EAN-13 symbol ('1' = bar). */
export function ean13Modules(code: string): string {
  const d = code.split('').map(Number);
  const parity = EAN_PARITY[d[0] ?? 0] as string;
  let m = '101';
  for (let i = 1; i <= 6; i++) {
    const l = EAN_L[d[i] ?? 0] as string;
    m += parity[i - 1] === 'L' ? l : reverse(invert(l));
  }
  m += '01010';
  for (let i = 7; i <= 12; i++) m += invert(EAN_L[d[i] ?? 0] as string);
  return m + '101';
}

// Code 128 bar/space widths, values 0..106 (106 = stop, 7 elements).
const C128 =
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 114131 311141 411131 211412 211214 211232 2331112'.split(
    ' ',
  );

function widthsToModules(w: string): string {
  let m = '';
  for (let i = 0; i < w.length; i++) m += (i % 2 === 0 ? '1' : '0').repeat(Number(w[i]));
  return m;
}

/** Modules of a Code 128 symbol in code set B (printable ASCII). */
export function code128Modules(data: string): string {
  const values = [104];
  for (const ch of data) values.push(Math.max(0, Math.min(94, ch.charCodeAt(0) - 32)));
  let sum = 104;
  for (let i = 1; i < values.length; i++) sum += (values[i] as number) * i;
  values.push(sum % 103, 106);
  return values.map((v) => widthsToModules(C128[v] as string)).join('');
}

/** A square stand-in for a QR symbol: three finder patterns and a data-seeded fill, size modules wide. */
export function qrLikeMatrix(data: string, size = 25): boolean[][] {
  let seed = 2166136261;
  for (const ch of data) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619) >>> 0;
  const m: boolean[][] = [];
  for (let y = 0; y < size; y++) {
    const row: boolean[] = [];
    for (let x = 0; x < size; x++) {
      seed = Math.imul(seed ^ (seed >>> 13), 1103515245) >>> 0;
      row.push(((seed >>> 16) & 1) === 1);
    }
    m.push(row);
  }
  const finder = (ox: number, oy: number): void => {
    for (let y = -1; y < 8; y++)
      for (let x = -1; x < 8; x++) {
        const yy = oy + y, xx = ox + x;
        if (yy < 0 || xx < 0 || yy >= size || xx >= size) continue;
        const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
        (m[yy] as boolean[])[xx] = ring !== 2 && ring !== 4;
      }
  };
  finder(0, 0);
  finder(size - 7, 0);
  finder(0, size - 7);
  return m;
}
