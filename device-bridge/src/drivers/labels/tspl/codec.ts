// TSPL codec (TSC and most Chinese label printers): SIZE/GAP/CLS/TEXT/BARCODE/PRINT lines ↔ a label layout.
// Text goes with CODEPAGE UTF-8; a '"' inside a string is written as \["] as the TSPL manual says.

import { DomainError, withCheckDigit } from '@kasa/domain';
import type { Decoder } from '../../codec';
import { dotsToMm, type LabelLayout } from '../layout';

/** Built-in font "3" is 16×24 dots; TEXT scales it by whole multipliers. */
const FONT_HEIGHT = 24;
const quote = (s: string): string => `"${s.replace(/"/g, '\\["]')}"`;

export function encodeTspl(l: LabelLayout): Uint8Array {
  const size = l.sizeMm ?? { width: dotsToMm(l.widthDots, l.dpi), height: dotsToMm(l.heightDots, l.dpi), gap: dotsToMm(l.gapDots, l.dpi) };
  const lines = [
    `SIZE ${size.width} mm,${size.height} mm`,
    `GAP ${size.gap} mm,0 mm`,
    'DIRECTION 1',
    'CODEPAGE UTF-8',
    'CLS',
  ];
  for (const e of l.elements) {
    if (e.kind === 'text') {
      const mul = Math.max(1, Math.round(e.height / FONT_HEIGHT));
      lines.push(`TEXT ${e.x},${e.y},"3",0,${mul},${mul},${quote(e.text)}`);
    } else if (e.symbology === 'EAN-13') {
      if (!/^\d{13}$/.test(e.data)) throw new DomainError('label.barcode_invalid', { symbology: e.symbology, data: e.data }, 400);
      lines.push(`BARCODE ${e.x},${e.y},"EAN13",${e.height},1,0,2,2,"${e.data.slice(0, 12)}"`);
    } else lines.push(`BARCODE ${e.x},${e.y},"128",${e.height},1,0,2,2,${quote(e.data)}`);
  }
  lines.push(`PRINT 1,${l.copies}`);
  return new TextEncoder().encode(lines.join('\r\n') + '\r\n');
}

/** Splits TSPL parameters on commas outside quotes; quoted strings come back unquoted. */
export function splitParams(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (inQuote && s.startsWith('\\["]', i)) {
      cur += '"';
      i += 3;
    } else if (c === '"') inQuote = !inQuote;
    else if (c === ',' && !inQuote) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

const mm = (s: string | undefined): number => parseFloat(s ?? '0');

/** Printer side: keeps the image being built; PRINT m,n hands out the label (m sets × n copies). */
export class TsplDecoder implements Decoder<LabelLayout> {
  private pending = new Uint8Array(0);
  private label: LabelLayout;

  constructor(private readonly dpi = 203) {
    this.label = this.blank();
  }

  private blank(): LabelLayout {
    return { widthDots: 0, heightDots: 0, gapDots: 0, dpi: this.dpi, copies: 1, elements: [] };
  }

  push(chunk: Uint8Array): LabelLayout[] {
    const merged = new Uint8Array(this.pending.length + chunk.length);
    merged.set(this.pending);
    merged.set(chunk, this.pending.length);
    const out: LabelLayout[] = [];
    let start = 0;
    for (let i = 0; i < merged.length; i++) {
      if (merged[i] !== 0x0a) continue;
      const l = this.line(new TextDecoder().decode(merged.slice(start, i)));
      if (l) out.push(l);
      start = i + 1;
    }
    this.pending = merged.slice(start);
    return out;
  }

  private line(raw: string): LabelLayout | null {
    // eslint-disable-next-line no-control-regex
    const text = raw.replace(/^[\x00-\x1f]+/, '').replace(/\r$/, '').trim();
    const m = /^([A-Z]+)\s*(.*)$/i.exec(text);
    if (!m) return null;
    const p = splitParams(m[2] ?? '');
    const d = (x: string | undefined): number => Math.round((mm(x) * this.dpi) / 25.4);
    const L = this.label;
    switch ((m[1] ?? '').toUpperCase()) {
      case 'SIZE':
        L.widthDots = d(p[0]);
        L.heightDots = d(p[1]);
        L.sizeMm = { width: mm(p[0]), height: mm(p[1]), gap: L.sizeMm?.gap ?? 0 };
        break;
      case 'GAP':
        L.gapDots = d(p[0]);
        L.sizeMm = { width: L.sizeMm?.width ?? 0, height: L.sizeMm?.height ?? 0, gap: mm(p[0]) };
        break;
      case 'CLS':
        L.elements = [];
        break;
      case 'TEXT':
        L.elements.push({ kind: 'text', x: Number(p[0]), y: Number(p[1]), height: FONT_HEIGHT * (Number(p[5]) || 1), text: p[6] ?? '' });
        break;
      case 'BARCODE': {
        const type = p[2];
        const data = p[8] ?? '';
        L.elements.push({
          kind: 'barcode', x: Number(p[0]), y: Number(p[1]), height: Number(p[3]),
          symbology: type === 'EAN13' ? 'EAN-13' : 'Code128', data: type === 'EAN13' && data.length === 12 ? withCheckDigit(data) : data,
        });
        break;
      }
      case 'PRINT': {
        const printed: LabelLayout = { ...L, elements: [...L.elements], copies: (Number(p[0]) || 1) * (Number(p[1]) || 1) };
        return printed;
      }
    }
    return null;
  }

  reset(): void {
    this.pending = new Uint8Array(0);
    this.label = this.blank();
  }
}
