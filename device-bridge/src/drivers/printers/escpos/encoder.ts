// ESC/POS encoder: one pure function per command, each returning the exact bytes of the manual's page.

import iconv from 'iconv-lite';
import {
  ALIGN_N, BARCODE_SYSTEM, CODE_PAGES, CUT, DLE, EOT, ESC, GS, LF, QR_ERROR_LEVEL, QR_FN, STATUS_KIND,
  type Alignment, type BarcodeSystem, type CodePage, type QrErrorLevel, type StatusKind,
} from './protocol';
import { DomainError } from '@kasa/domain';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** ESC @: clears the buffer and resets modes (code page back to the printer's default). */
export const initialize = (): Uint8Array => bytes(ESC, 0x40);

/** ESC t n with Epson's table number. */
export const selectCodePage = (cp: CodePage): Uint8Array => bytes(ESC, 0x74, CODE_PAGES[cp].escT);

/** Text in the given code page; characters the page lacks become '?', as the printer would show them. */
export function text(s: string, cp: CodePage): Uint8Array {
  return new Uint8Array(iconv.encode(s, CODE_PAGES[cp].iconv));
}

export const line = (s: string, cp: CodePage): Uint8Array => concat([text(s, cp), bytes(LF)]);
export const lineFeed = (): Uint8Array => bytes(LF);
/** ESC d n: print and feed n lines. */
export const feedLines = (n: number): Uint8Array => bytes(ESC, 0x64, n & 0xff);

/** ESC E n. */
export const bold = (on: boolean): Uint8Array => bytes(ESC, 0x45, on ? 1 : 0);

/** GS ! n: width and height multipliers 1..8 (high nibble width-1, low nibble height-1). */
export function characterSize(width: number, height: number): Uint8Array {
  if (width < 1 || width > 8 || height < 1 || height > 8) throw new DomainError('escpos.size_out_of_range', { width, height }, 400);
  return bytes(GS, 0x21, ((width - 1) << 4) | (height - 1));
}

/** ESC a n. */
export const align = (a: Alignment): Uint8Array => bytes(ESC, 0x61, ALIGN_N[a]);

/** GS h n (bar height in dots), GS w n (module width), GS H n (2 = HRI below), then GS k m n d1..dn. */
export function barcode(system: BarcodeSystem, data: string, opts: { height?: number; moduleWidth?: number } = {}): Uint8Array {
  let payload = data;
  if (system === 'EAN-13' && !/^\d{12,13}$/.test(data)) throw new DomainError('escpos.barcode_invalid', { system, data }, 400);
  if (system === 'CODE128') {
    if (!/^[\x20-\x7e]+$/.test(data)) throw new DomainError('escpos.barcode_invalid', { system, data }, 400);
    payload = '{B' + data.replace(/\{/g, '{{'); // code set B; a literal '{' is doubled
  }
  if (payload.length > 255) throw new DomainError('escpos.barcode_too_long', { system, length: payload.length }, 400);
  const d = Array.from(payload, (c) => c.charCodeAt(0));
  return concat([
    bytes(GS, 0x68, opts.height ?? 80),
    bytes(GS, 0x77, opts.moduleWidth ?? 2),
    bytes(GS, 0x48, 2),
    bytes(GS, 0x6b, BARCODE_SYSTEM[system], d.length, ...d),
  ]);
}

const qrFn = (fn: number, ...params: number[]): Uint8Array => {
  const len = params.length + 2;
  return bytes(GS, 0x28, 0x6b, len & 0xff, len >> 8, 49, fn, ...params);
};

/** GS ( k: select model 2, module size, error level, store the data (UTF-8), print it. */
export function qrCode(data: string, opts: { size?: number; errorLevel?: QrErrorLevel } = {}): Uint8Array {
  const d = new TextEncoder().encode(data);
  if (d.length > 7089) throw new DomainError('escpos.qr_too_long', { length: d.length }, 400);
  const storeLen = d.length + 3;
  return concat([
    qrFn(QR_FN.model, 50, 0),
    qrFn(QR_FN.size, opts.size ?? 6),
    qrFn(QR_FN.errorLevel, QR_ERROR_LEVEL[opts.errorLevel ?? 'M']),
    bytes(GS, 0x28, 0x6b, storeLen & 0xff, storeLen >> 8, 49, QR_FN.store, 48),
    d,
    qrFn(QR_FN.print, 48),
  ]);
}

/** A one-bit image: width in dots, rows of packed bits MSB first (1 = black). */
export interface RasterImage {
  widthDots: number;
  heightDots: number;
  data: Uint8Array;
}

/** GS v 0 m xL xH yL yH d...: x is bytes per row. */
export function rasterImage(img: RasterImage): Uint8Array {
  const x = Math.ceil(img.widthDots / 8);
  if (img.data.length !== x * img.heightDots) throw new DomainError('escpos.raster_size', { expected: x * img.heightDots, got: img.data.length }, 400);
  return concat([bytes(GS, 0x76, 0x30, 0, x & 0xff, x >> 8, img.heightDots & 0xff, img.heightDots >> 8), img.data]);
}

/** GS V: full/partial cut, optionally after feeding n dots (so the last line clears the cutter). */
export function cut(kind: 'full' | 'partial', feedDots?: number): Uint8Array {
  if (feedDots === undefined) return bytes(GS, 0x56, CUT[kind]);
  return bytes(GS, 0x56, kind === 'full' ? CUT.fullAfterFeed : CUT.partialAfterFeed, feedDots & 0xff);
}

/** ESC p m t1 t2: pulse on drawer pin 2 (m=0) or 5 (m=1), on t1×2 ms, off t2×2 ms. */
export function drawerKick(pin: 2 | 5 = 2, onMs = 100, offMs = 200): Uint8Array {
  return bytes(ESC, 0x70, pin === 2 ? 0 : 1, Math.min(255, Math.round(onMs / 2)), Math.min(255, Math.round(offMs / 2)));
}

/** DLE EOT n: real-time status request, answered with one byte even while the printer is busy. */
export const statusRequest = (kind: StatusKind): Uint8Array => bytes(DLE, EOT, STATUS_KIND[kind]);
