// Customer display codec: two lines of text → bytes (host side), and bytes → screen state (display side).

import iconv from 'iconv-lite';
import type { Decoder } from '../codec';
import { DISPLAY_ICONV, type DisplayCodePage, type DisplayProtocol } from './protocols';

/** Pads or cuts to exactly `columns` characters (by code point, so "ā" counts as one). */
export function fitLine(s: string, columns: number): string {
  const chars = [...s];
  return chars.length >= columns ? chars.slice(0, columns).join('') : s + ' '.repeat(columns - chars.length);
}

export function encodeInitialize(p: DisplayProtocol, cp: DisplayCodePage): Uint8Array {
  return Uint8Array.from([...p.initialize, ...p.selectCodePage(p.codePages[cp])]);
}

export function encodeClear(p: DisplayProtocol): Uint8Array {
  return Uint8Array.from(p.clear);
}

export function encodeLine(p: DisplayProtocol, row: 'upper' | 'lower', text: string, cp: DisplayCodePage): Uint8Array {
  const body = iconv.encode(fitLine(text, p.columns), DISPLAY_ICONV[cp]);
  return Uint8Array.from([...(row === 'upper' ? p.upperPrefix : p.lowerPrefix), ...body, ...p.lineSuffix]);
}

export function encodeLines(p: DisplayProtocol, upper: string, lower: string, cp: DisplayCodePage): Uint8Array {
  return Uint8Array.from([...encodeLine(p, 'upper', upper, cp), ...encodeLine(p, 'lower', lower, cp)]);
}

/** What the display side understands; text arrives as raw code-page bytes. */
export type DisplayCommand =
  | { type: 'init' }
  | { type: 'clear' }
  | { type: 'codePage'; n: number }
  | { type: 'cursor'; row: 0 | 1; col?: number }
  | { type: 'text'; bytes: Uint8Array }
  | { type: 'lineEnd' }
  | { type: 'other'; bytes: Uint8Array };

const NEED_MORE = -1;

function parseAt(buf: Uint8Array, i: number): { length: number; cmd?: DisplayCommand } {
  const avail = buf.length - i;
  const b = buf[i] as number;
  const at = (k: number): number => buf[i + k] as number;
  if (b >= 0x20) {
    let j = i;
    while (j < buf.length && (buf[j] as number) >= 0x20) j++;
    return { length: j - i, cmd: { type: 'text', bytes: buf.slice(i, j) } };
  }
  if (b === 0x0c) return { length: 1, cmd: { type: 'clear' } };
  if (b === 0x0b) return { length: 1, cmd: { type: 'cursor', row: 0, col: 0 } };
  if (b === 0x0d) return { length: 1, cmd: { type: 'lineEnd' } };
  if (b === 0x1b) {
    if (avail < 2) return { length: NEED_MORE };
    if (at(1) === 0x40) return { length: 2, cmd: { type: 'init' } };
    if (at(1) === 0x74) return avail < 3 ? { length: NEED_MORE } : { length: 3, cmd: { type: 'codePage', n: at(2) } };
    if (at(1) === 0x51) {
      if (avail < 3) return { length: NEED_MORE };
      if (at(2) === 0x41 || at(2) === 0x42) return { length: 3, cmd: { type: 'cursor', row: at(2) === 0x41 ? 0 : 1, col: 0 } };
      return { length: 3, cmd: { type: 'other', bytes: buf.slice(i, i + 3) } };
    }
    return { length: 2, cmd: { type: 'other', bytes: buf.slice(i, i + 2) } };
  }
  if (b === 0x1f) {
    if (avail < 2) return { length: NEED_MORE };
    if (at(1) === 0x42) return { length: 2, cmd: { type: 'cursor', row: 1 } };
    if (at(1) === 0x24) return avail < 4 ? { length: NEED_MORE } : { length: 4, cmd: { type: 'cursor', row: at(3) === 2 ? 1 : 0, col: Math.max(0, at(2) - 1) } };
    return { length: 2, cmd: { type: 'other', bytes: buf.slice(i, i + 2) } };
  }
  return { length: 1 }; // noise
}

export class DisplayDecoder implements Decoder<DisplayCommand> {
  private buf = new Uint8Array(0);

  push(chunk: Uint8Array): DisplayCommand[] {
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf);
    merged.set(chunk, this.buf.length);
    const out: DisplayCommand[] = [];
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
