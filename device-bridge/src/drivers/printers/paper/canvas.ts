// A one-bit drawing surface that grows downwards like a paper roll, written out as PNG with pngjs.

import { PNG } from 'pngjs';
import { CELL_HEIGHT, CELL_WIDTH, GLYPH_HEIGHT, GLYPH_WIDTH, glyphFor } from './font';

export class PaperCanvas {
  readonly width: number;
  private rows: Uint8Array[] = [];

  constructor(width: number) {
    this.width = width;
  }

  get height(): number {
    return this.rows.length;
  }

  private row(y: number): Uint8Array {
    while (this.rows.length <= y) this.rows.push(new Uint8Array(this.width));
    return this.rows[y] as Uint8Array;
  }

  /** Makes sure the paper is at least this long (blank feed). */
  extendTo(height: number): void {
    if (height > 0) this.row(height - 1);
  }

  set(x: number, y: number): void {
    if (x < 0 || y < 0 || x >= this.width) return;
    this.row(y)[x] = 1;
  }

  isSet(x: number, y: number): boolean {
    return (this.rows[y]?.[x] ?? 0) === 1;
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) this.set(x + i, y + j);
  }

  /** Draws text with the built-in font; sx/sy scale each pixel (double width/height). Returns the width drawn. */
  text(x: number, y: number, s: string, sx = 1, sy = 1): number {
    let cx = x;
    for (const ch of s) {
      const g = glyphFor(ch);
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        const bits = g.columns[col] ?? 0;
        for (let r = 0; r < GLYPH_HEIGHT; r++) if (bits & (1 << r)) this.fillRect(cx + col * sx, y + 1 + r * sy, sx, sy);
      }
      if (g.accent) this.fillRect(cx + sx, y, 3 * sx, sy); // a bar above: macron, acute and háček alike
      cx += CELL_WIDTH * sx;
    }
    this.extendTo(y + CELL_HEIGHT * sy);
    return cx - x;
  }

  /** Draws bars from a module string like "101110..." ('1' = black). */
  bars(x: number, y: number, modules: string, moduleWidth: number, height: number): void {
    for (let i = 0; i < modules.length; i++) if (modules[i] === '1') this.fillRect(x + i * moduleWidth, y, moduleWidth, height);
    this.extendTo(y + height);
  }

  /** Draws a packed raster image (MSB first, bytesPerRow bytes per row) as ESC/POS GS v 0 or ZPL ^GF carry it. */
  raster(x: number, y: number, bytesPerRow: number, heightDots: number, data: Uint8Array, scale = 1): void {
    for (let r = 0; r < heightDots; r++)
      for (let b = 0; b < bytesPerRow; b++) {
        const byte = data[r * bytesPerRow + b] ?? 0;
        for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) this.fillRect(x + (b * 8 + bit) * scale, y + r * scale, scale, scale);
      }
    this.extendTo(y + heightDots * scale);
  }

  toPng(margin = 8): Buffer {
    const w = this.width + margin * 2;
    const h = this.rows.length + margin * 2;
    const png = new PNG({ width: w, height: h });
    png.data.fill(255);
    for (let y = 0; y < this.rows.length; y++) {
      const row = this.rows[y] as Uint8Array;
      for (let x = 0; x < this.width; x++) {
        if (!row[x]) continue;
        const i = ((y + margin) * w + x + margin) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
      }
    }
    return PNG.sync.write(png);
  }
}
