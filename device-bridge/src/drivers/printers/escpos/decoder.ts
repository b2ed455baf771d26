// ESC/POS decoder (the printer's side): splits the host's byte stream into commands, waiting for the rest of
// a command cut across chunks and skipping stray control bytes as a printer does.

import type { Decoder } from '../../codec';
import { DLE, EOT, ESC, FS, GS, LF } from './protocol';

export type EscPosCommand =
  | { type: 'text'; bytes: Uint8Array }
  | { type: 'lf' }
  | { type: 'init' }
  | { type: 'codePage'; n: number }
  | { type: 'bold'; on: boolean }
  | { type: 'size'; width: number; height: number }
  | { type: 'align'; n: number }
  | { type: 'feedLines'; n: number }
  | { type: 'barcodeHeight'; dots: number }
  | { type: 'barcodeModule'; dots: number }
  | { type: 'barcode'; m: number; data: Uint8Array }
  | { type: 'qr'; fn: number; params: Uint8Array }
  | { type: 'raster'; bytesPerRow: number; heightDots: number; data: Uint8Array }
  | { type: 'cut'; partial: boolean; feedDots: number }
  | { type: 'drawer'; pin: 2 | 5; onMs: number; offMs: number }
  | { type: 'status'; n: number }
  | { type: 'other'; bytes: Uint8Array };

const NEED_MORE = -1;

interface Parsed {
  length: number;
  cmd?: EscPosCommand;
}

/** Parses one command at buf[i]; length NEED_MORE when the command is not complete yet. */
function parseAt(buf: Uint8Array, i: number): Parsed {
  const avail = buf.length - i;
  const at = (k: number): number => buf[i + k] as number;
  const b = at(0);
  if (b >= 0x20) {
    let j = i;
    while (j < buf.length && (buf[j] as number) >= 0x20) j++;
    return { length: j - i, cmd: { type: 'text', bytes: buf.slice(i, j) } };
  }
  if (b === LF) return { length: 1, cmd: { type: 'lf' } };
  if (b !== ESC && b !== GS && b !== DLE && b !== FS) return { length: 1 }; // CR, NUL, noise
  if (avail < 2) return { length: NEED_MORE };
  const c = at(1);
  const need = (n: number): boolean => avail < n;
  const other = (n: number): Parsed => (need(n) ? { length: NEED_MORE } : { length: n, cmd: { type: 'other', bytes: buf.slice(i, i + n) } });

  if (b === ESC) {
    if (c === 0x40) return { length: 2, cmd: { type: 'init' } };
    if (c === 0x70) return need(5) ? { length: NEED_MORE } : { length: 5, cmd: { type: 'drawer', pin: at(2) === 0 || at(2) === 48 ? 2 : 5, onMs: at(3) * 2, offMs: at(4) * 2 } };
    if ([0x74, 0x45, 0x61, 0x64, 0x21, 0x2d, 0x4a, 0x4d, 0x33, 0x47, 0x7b].includes(c)) {
      if (need(3)) return { length: NEED_MORE };
      const n = at(2);
      if (c === 0x74) return { length: 3, cmd: { type: 'codePage', n } };
      if (c === 0x45) return { length: 3, cmd: { type: 'bold', on: (n & 1) === 1 } };
      if (c === 0x61) return { length: 3, cmd: { type: 'align', n: n % 48 } };
      if (c === 0x64) return { length: 3, cmd: { type: 'feedLines', n } };
      return other(3);
    }
    return other(2);
  }
  if (b === GS) {
    if ([0x21, 0x68, 0x77, 0x48, 0x66, 0x42].includes(c)) {
      if (need(3)) return { length: NEED_MORE };
      const n = at(2);
      if (c === 0x21) return { length: 3, cmd: { type: 'size', width: (n >> 4) + 1, height: (n & 0x0f) + 1 } };
      if (c === 0x68) return { length: 3, cmd: { type: 'barcodeHeight', dots: n } };
      if (c === 0x77) return { length: 3, cmd: { type: 'barcodeModule', dots: n } };
      return other(3);
    }
    if (c === 0x56) {
      if (need(3)) return { length: NEED_MORE };
      const m = at(2);
      if (m >= 65) return need(4) ? { length: NEED_MORE } : { length: 4, cmd: { type: 'cut', partial: m === 66, feedDots: at(3) } };
      return { length: 3, cmd: { type: 'cut', partial: m === 1 || m === 49, feedDots: 0 } };
    }
    if (c === 0x6b) {
      if (need(3)) return { length: NEED_MORE };
      const m = at(2);
      if (m <= 6) {
        // function A: data ends with NUL
        let j = i + 3;
        while (j < buf.length && buf[j] !== 0) j++;
        if (j >= buf.length) return { length: NEED_MORE };
        return { length: j - i + 1, cmd: { type: 'barcode', m, data: buf.slice(i + 3, j) } };
      }
      if (need(4)) return { length: NEED_MORE };
      const n = at(3);
      if (need(4 + n)) return { length: NEED_MORE };
      return { length: 4 + n, cmd: { type: 'barcode', m, data: buf.slice(i + 4, i + 4 + n) } };
    }
    if (c === 0x28) {
      if (need(5)) return { length: NEED_MORE };
      const len = at(3) + at(4) * 256;
      if (need(5 + len)) return { length: NEED_MORE };
      if (at(2) === 0x6b && len >= 2 && at(5) === 49)
        return { length: 5 + len, cmd: { type: 'qr', fn: at(6), params: buf.slice(i + 7, i + 5 + len) } };
      return other(5 + len);
    }
    if (c === 0x76) {
      if (need(8)) return { length: NEED_MORE };
      const x = at(4) + at(5) * 256;
      const y = at(6) + at(7) * 256;
      if (need(8 + x * y)) return { length: NEED_MORE };
      return { length: 8 + x * y, cmd: { type: 'raster', bytesPerRow: x, heightDots: y, data: buf.slice(i + 8, i + 8 + x * y) } };
    }
    return other(2);
  }
  if (b === DLE) {
    if (c === EOT) return need(3) ? { length: NEED_MORE } : { length: 3, cmd: { type: 'status', n: at(2) } };
    if (c === 0x05) return other(3);
    return { length: 1 }; // a lone DLE is noise
  }
  return other(2); // FS x: Kanji mode on/off, ignored
}

export class EscPosDecoder implements Decoder<EscPosCommand> {
  private buf = new Uint8Array(0);

  push(chunk: Uint8Array): EscPosCommand[] {
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf);
    merged.set(chunk, this.buf.length);
    const out: EscPosCommand[] = [];
    let i = 0;
    while (i < merged.length) {
      const p = parseAt(merged, i);
      if (p.length === NEED_MORE) break;
      if (p.cmd) out.push(p.cmd);
      i += p.length;
    }
    this.buf = merged.slice(i);
    return out;
  }

  reset(): void {
    this.buf = new Uint8Array(0);
  }
}
