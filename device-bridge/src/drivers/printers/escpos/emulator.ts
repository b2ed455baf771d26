// ESC/POS receipt printer emulator: the printer's side of the same codec. It keeps the receipt being printed,
// writes receipt-<n>.txt and .png on each cut, answers DLE EOT with real status bytes and can be told to fail.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { DeviceEmulator } from '../../codec';
import { CELL_HEIGHT, CELL_WIDTH, PaperCanvas, code128Modules, ean13Modules, qrLikeMatrix } from '../paper';
import { EscPosDecoder, type EscPosCommand } from './decoder';
import { CODE_PAGES, codePageByNumber, type CodePage } from './protocol';
import { READY_STATUS, encodeStatus, type PrinterStatus } from './status';

export interface TextSegment {
  text: string;
  /** The bytes as received, before code-page decoding. */
  bytes: Uint8Array;
  bold: boolean;
  width: number;
  height: number;
}

export type PaperLine =
  | { kind: 'text'; align: number; segments: TextSegment[] }
  | { kind: 'barcode'; align: number; system: 'EAN-13' | 'CODE128' | string; data: string; height: number; moduleWidth: number }
  | { kind: 'qr'; align: number; data: string; size: number }
  | { kind: 'image'; align: number; bytesPerRow: number; heightDots: number; data: Uint8Array }
  | { kind: 'feed'; lines: number };

export interface PrintedReceipt {
  n: number;
  lines: PaperLine[];
  cut: 'full' | 'partial';
  text: string;
}

export type EscPosFault = 'paperOut' | 'coverOpen' | 'noAnswer';

export interface EscPosEmulatorOptions {
  send: (bytes: Uint8Array) => void;
  /** Where receipt-<n>.txt/.png go; nothing is written without it. */
  outDir?: string;
  columns?: 42 | 48;
  /** Code page after power-on / ESC @. */
  defaultCodePage?: CodePage;
  onReceipt?: (r: PrintedReceipt) => void;
}

export interface EscPosEmulator extends DeviceEmulator {
  readonly receipts: PrintedReceipt[];
  /** Lines of the receipt being printed (not cut yet). */
  readonly currentLines: PaperLine[];
  readonly status: PrinterStatus;
  readonly drawerKicks: number;
  setFault(fault: EscPosFault, on: boolean): void;
  setDrawerOpen(open: boolean): void;
}

const ALIGN_NAMES = ['left', 'center', 'right'];

export function createEscPosEmulator(opts: EscPosEmulatorOptions): EscPosEmulator {
  const columns = opts.columns ?? 42;
  const decoder = new EscPosDecoder();
  const receipts: PrintedReceipt[] = [];
  let lines: PaperLine[] = [];
  let open: Extract<PaperLine, { kind: 'text' }> | null = null;
  const status: PrinterStatus = { ...READY_STATUS };
  let noAnswer = false;
  let drawerKicks = 0;
  /** Commands held while the printer is offline; printed once the fault is cleared, as a real buffer does. */
  let held: EscPosCommand[] = [];
  const mode = { codePage: opts.defaultCodePage ?? ('PC437' as CodePage), bold: false, width: 1, height: 1, align: 0, barcodeHeight: 162, barcodeModule: 3 };
  const qr = { size: 3, data: '' };

  const reset = (): void => {
    Object.assign(mode, { codePage: opts.defaultCodePage ?? 'PC437', bold: false, width: 1, height: 1, align: 0, barcodeHeight: 162, barcodeModule: 3 });
  };
  const endLine = (): void => {
    if (open) lines.push(open);
    else lines.push({ kind: 'text', align: mode.align, segments: [] });
    open = null;
  };
  const offline = (): boolean => !status.online || status.coverOpen || status.paperOut;

  const exec = (c: EscPosCommand): void => {
    switch (c.type) {
      case 'text': {
        if (!open) open = { kind: 'text', align: mode.align, segments: [] };
        const text = iconv.decode(Buffer.from(c.bytes), CODE_PAGES[mode.codePage].iconv);
        const last = open.segments.at(-1);
        if (last && last.bold === mode.bold && last.width === mode.width && last.height === mode.height) {
          const merged = new Uint8Array(last.bytes.length + c.bytes.length);
          merged.set(last.bytes);
          merged.set(c.bytes, last.bytes.length);
          last.bytes = merged;
          last.text += text;
        } else open.segments.push({ text, bytes: c.bytes, bold: mode.bold, width: mode.width, height: mode.height });
        return;
      }
      case 'lf':
        return endLine();
      case 'feedLines':
        if (open) endLine();
        if (c.n > 0) lines.push({ kind: 'feed', lines: c.n });
        return;
      case 'init':
        return reset();
      case 'codePage':
        mode.codePage = codePageByNumber(c.n) ?? mode.codePage;
        return;
      case 'bold':
        mode.bold = c.on;
        return;
      case 'size':
        mode.width = c.width;
        mode.height = c.height;
        return;
      case 'align':
        mode.align = c.n;
        return;
      case 'barcodeHeight':
        mode.barcodeHeight = c.dots;
        return;
      case 'barcodeModule':
        mode.barcodeModule = c.dots;
        return;
      case 'barcode': {
        let data = String.fromCharCode(...c.data);
        let system = `m=${c.m}`;
        if (c.m === 67 || c.m === 2) system = 'EAN-13';
        if (c.m === 73) {
          system = 'CODE128';
          data = data.replace(/^\{[ABC]/, '').replace(/\{\{/g, '{');
        }
        if (open) endLine();
        lines.push({ kind: 'barcode', align: mode.align, system, data, height: mode.barcodeHeight, moduleWidth: mode.barcodeModule });
        return;
      }
      case 'qr':
        if (c.fn === 67) qr.size = c.params[0] ?? qr.size;
        if (c.fn === 80) qr.data = new TextDecoder().decode(c.params.slice(1));
        if (c.fn === 81) {
          if (open) endLine();
          lines.push({ kind: 'qr', align: mode.align, data: qr.data, size: qr.size });
        }
        return;
      case 'raster':
        if (open) endLine();
        lines.push({ kind: 'image', align: mode.align, bytesPerRow: c.bytesPerRow, heightDots: c.heightDots, data: c.data });
        return;
      case 'cut':
        if (open) endLine();
        return finishReceipt(c.partial ? 'partial' : 'full');
      case 'drawer':
        drawerKicks++;
        return;
      default:
        return;
    }
  };

  const finishReceipt = (kind: 'full' | 'partial'): void => {
    const r: PrintedReceipt = { n: receipts.length + 1, lines, cut: kind, text: receiptText(lines, columns) };
    receipts.push(r);
    lines = [];
    if (opts.outDir) {
      mkdirSync(opts.outDir, { recursive: true });
      writeFileSync(join(opts.outDir, `receipt-${r.n}.txt`), r.text, 'utf8');
      writeFileSync(join(opts.outDir, `receipt-${r.n}.png`), renderReceipt(r.lines, columns));
    }
    opts.onReceipt?.(r);
  };

  return {
    kind: 'escpos',
    receipts,
    get currentLines() {
      return open ? [...lines, open] : lines;
    },
    status,
    get drawerKicks() {
      return drawerKicks;
    },
    receive(chunk: Uint8Array): void {
      for (const c of decoder.push(chunk)) {
        if (c.type === 'status') {
          // real-time: answered at once, even while offline
          const kind = ({ 1: 'printer', 2: 'offline', 3: 'error', 4: 'paper' } as const)[c.n as 1 | 2 | 3 | 4];
          if (kind && !noAnswer) opts.send(Uint8Array.of(encodeStatus(kind, status)));
          continue;
        }
        if (offline() || held.length) held.push(c);
        else exec(c);
      }
    },
    setFault(fault: EscPosFault, on: boolean): void {
      if (fault === 'noAnswer') noAnswer = on;
      else status[fault] = on;
      if (!offline() && held.length) {
        const replay = held;
        held = [];
        replay.forEach(exec);
      }
    },
    setDrawerOpen(isOpen: boolean): void {
      status.drawerOpen = isOpen;
    },
  };
}

const lineText = (l: PaperLine): string => {
  switch (l.kind) {
    case 'text':
      return l.segments.map((s) => (s.width > 1 ? [...s.text].join(' '.repeat(s.width - 1)) : s.text)).join('');
    case 'barcode':
      return `[${l.system} ${l.data}]`;
    case 'qr':
      return `[QR ${l.data}]`;
    case 'image':
      return `[IMAGE ${l.bytesPerRow * 8}x${l.heightDots}]`;
    case 'feed':
      return '\n'.repeat(l.lines - 1);
  }
};

/** The receipt as plain UTF-8 text, aligned within the paper's columns. */
export function receiptText(lines: PaperLine[], columns: number): string {
  return (
    lines
      .map((l) => {
        const s = lineText(l);
        if (l.kind === 'feed') return s;
        const pad = Math.max(0, columns - [...s].length);
        const name = ALIGN_NAMES[l.align] ?? 'left';
        const left = name === 'center' ? Math.floor(pad / 2) : name === 'right' ? pad : 0;
        return (' '.repeat(left) + s).trimEnd();
      })
      .join('\n') + '\n'
  );
}

/** Draws the paper: 2 pixels per font pixel, so a 42-column roll is 504 pixels wide. */
export function renderReceipt(lines: PaperLine[], columns: number): Buffer {
  const px = 2;
  const width = columns * CELL_WIDTH * px;
  const canvas = new PaperCanvas(width);
  let y = 0;
  const x0 = (align: number, w: number): number => (align === 1 ? Math.floor((width - w) / 2) : align === 2 ? width - w : 0);
  for (const l of lines) {
    if (l.kind === 'text') {
      const w = l.segments.reduce((n, s) => n + [...s.text].length * CELL_WIDTH * px * s.width, 0);
      const h = Math.max(1, ...l.segments.map((s) => s.height));
      let x = x0(l.align, w);
      for (const s of l.segments) {
        const drawn = canvas.text(x, y + (h - s.height) * CELL_HEIGHT * px, s.text, px * s.width, px * s.height);
        if (s.bold) canvas.text(x + 1, y + (h - s.height) * CELL_HEIGHT * px, s.text, px * s.width, px * s.height);
        x += drawn;
      }
      y += h * CELL_HEIGHT * px;
      canvas.extendTo(y);
    } else if (l.kind === 'feed') {
      y += l.lines * CELL_HEIGHT * px;
      canvas.extendTo(y);
    } else if (l.kind === 'barcode') {
      const modules = l.system === 'EAN-13' ? ean13Modules(l.data.padEnd(13, '0')) : code128Modules(l.data);
      const mw = Math.max(1, Math.min(l.moduleWidth, Math.floor(width / (modules.length + 20))));
      canvas.bars(x0(l.align, modules.length * mw), y + 4, modules, mw, Math.min(l.height, 120));
      y += Math.min(l.height, 120) + 4;
      canvas.text(x0(l.align, l.data.length * CELL_WIDTH * px), y + 2, l.data, px, px);
      y += CELL_HEIGHT * px + 4;
    } else if (l.kind === 'qr') {
      const m = qrLikeMatrix(l.data);
      const mw = Math.max(2, l.size);
      const x = x0(l.align, m.length * mw);
      m.forEach((row, r) => row.forEach((on, c) => on && canvas.fillRect(x + c * mw, y + 4 + r * mw, mw, mw)));
      y += m.length * mw + 8;
      canvas.extendTo(y);
    } else {
      canvas.raster(x0(l.align, l.bytesPerRow * 8), y, l.bytesPerRow, l.heightDots, l.data);
      y += l.heightDots;
    }
  }
  canvas.extendTo(y + 8);
  return canvas.toPng();
}
