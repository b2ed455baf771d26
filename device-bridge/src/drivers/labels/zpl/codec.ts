// ZPL II codec: a label layout → one ^XA…^XZ format in UTF-8 (^CI28), and the printer's side parsing it back.
// Field data goes through ^FH so '^', '~' and '_' in names cannot break the format.

import { withCheckDigit, DomainError } from '@kasa/domain';
import type { Decoder } from '../../codec';
import type { LabelElement, LabelLayout } from '../layout';

const escapeField = (s: string): string => s.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function encodeZpl(l: LabelLayout): Uint8Array {
  const parts = ['^XA', '^CI28', `^PW${l.widthDots}`, `^LL${l.heightDots}`];
  for (const e of l.elements) {
    if (e.kind === 'text') parts.push(`^FO${e.x},${e.y}^A0N,${e.height},${e.height}^FH^FD${escapeField(e.text)}^FS`);
    else if (e.symbology === 'EAN-13') {
      if (!/^\d{13}$/.test(e.data)) throw new DomainError('label.barcode_invalid', { symbology: e.symbology, data: e.data }, 400);
      // ^BE takes the 12 data digits; the printer adds the check digit
      parts.push(`^FO${e.x},${e.y}^BEN,${e.height},Y,N^FD${e.data.slice(0, 12)}^FS`);
    } else parts.push(`^FO${e.x},${e.y}^BCN,${e.height},Y,N,N^FH^FD${escapeField(e.data)}^FS`);
  }
  parts.push(`^PQ${l.copies}`, '^XZ');
  return new TextEncoder().encode(parts.join('\n') + '\n');
}

/** ^FH field data: _XX is a hex byte; bytes are UTF-8 under ^CI28. */
function unescapeField(s: string): string {
  const bytes: number[] = [];
  const raw = new TextEncoder().encode(s);
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x5f) {
      bytes.push(parseInt(String.fromCharCode(raw[i + 1] as number, raw[i + 2] as number), 16));
      i += 2;
    } else bytes.push(raw[i] as number);
  }
  return new TextDecoder().decode(Uint8Array.from(bytes));
}

/** Parses the commands of one format (the text between ^XA and ^XZ). */
export function parseZplFormat(format: string, dpi = 203): LabelLayout {
  const l: LabelLayout = { widthDots: 0, heightDots: 0, gapDots: 0, dpi, copies: 1, elements: [] };
  let fo = { x: 0, y: 0 };
  let font = 30;
  let field: { kind: 'text' } | { kind: 'barcode'; symbology: 'EAN-13' | 'Code128'; height: number } = { kind: 'text' };
  let hex = false;
  for (const token of format.split('^').slice(1)) {
    const cmd = token.slice(0, 2).toUpperCase();
    const args = token.slice(2).replace(/[\r\n]+$/, '');
    const nums = args.split(',').map((a) => Number(a.replace(/^[A-Z]/i, '')));
    switch (cmd) {
      case 'PW':
        l.widthDots = Number(args);
        break;
      case 'LL':
        l.heightDots = Number(args);
        break;
      case 'PQ':
        l.copies = Number(args.split(',')[0]) || 1;
        break;
      case 'FO':
        fo = { x: nums[0] ?? 0, y: nums[1] ?? 0 };
        break;
      case 'FH':
        hex = true;
        break;
      case 'BE':
        field = { kind: 'barcode', symbology: 'EAN-13', height: nums[1] ?? 50 };
        break;
      case 'BC':
        field = { kind: 'barcode', symbology: 'Code128', height: nums[1] ?? 50 };
        break;
      case 'FD': {
        const data = hex ? unescapeField(args) : args;
        let el: LabelElement;
        if (field.kind === 'text') el = { kind: 'text', x: fo.x, y: fo.y, height: font, text: data };
        else el = { kind: 'barcode', x: fo.x, y: fo.y, height: field.height, symbology: field.symbology, data: field.symbology === 'EAN-13' && data.length === 12 ? withCheckDigit(data) : data };
        l.elements.push(el);
        break;
      }
      case 'FS':
        field = { kind: 'text' };
        hex = false;
        break;
      default:
        if (cmd[0] === 'A') font = nums[1] || font; // ^A0N,h,w: font height in dots
    }
  }
  return l;
}

const XA = new TextEncoder().encode('^XA');
const XZ = new TextEncoder().encode('^XZ');

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Streaming: bytes in any chunking (UTF-8 split included) → one layout per complete ^XA…^XZ. */
export class ZplDecoder implements Decoder<LabelLayout> {
  private buf = new Uint8Array(0);
  constructor(private readonly dpi = 203) {}

  push(chunk: Uint8Array): LabelLayout[] {
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf);
    merged.set(chunk, this.buf.length);
    const out: LabelLayout[] = [];
    let pos = 0;
    for (;;) {
      const start = indexOf(merged, XA, pos);
      if (start < 0) {
        pos = Math.max(pos, merged.length - (XA.length - 1)); // noise: keep only a possible "^X" tail
        break;
      }
      const end = indexOf(merged, XZ, start + XA.length);
      if (end < 0) {
        pos = start;
        break;
      }
      out.push(parseZplFormat(new TextDecoder().decode(merged.slice(start + XA.length, end)), this.dpi));
      pos = end + XZ.length;
    }
    this.buf = merged.slice(pos);
    return out;
  }

  reset(): void {
    this.buf = new Uint8Array(0);
  }
}
