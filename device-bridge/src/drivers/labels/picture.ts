// The emulators' record of a printed label: label-<n>.txt (what is on it, in dots and mm) and label-<n>.png.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CELL_HEIGHT, PaperCanvas, code128Modules, ean13Modules } from '../printers/paper';
import { dotsToMm, type LabelLayout } from './layout';

export function labelText(l: LabelLayout): string {
  const mm = l.sizeMm ?? { width: dotsToMm(l.widthDots, l.dpi), height: dotsToMm(l.heightDots, l.dpi), gap: dotsToMm(l.gapDots, l.dpi) };
  // ZPL carries no gap (the printer senses it), so a gap of 0 without a known stock size is left out
  const gap = l.sizeMm || l.gapDots ? `, gap ${mm.gap} mm` : '';
  const head = `label ${mm.width}x${mm.height} mm${gap}, ${l.dpi} dpi, copies ${l.copies}`;
  const body = [...l.elements]
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((e) => (e.kind === 'text' ? `text @${e.x},${e.y} h${e.height}: ${e.text}` : `barcode ${e.symbology} @${e.x},${e.y} h${e.height}: ${e.data}`));
  return [head, ...body].join('\n') + '\n';
}

export function renderLabel(l: LabelLayout): Buffer {
  const c = new PaperCanvas(l.widthDots);
  c.extendTo(l.heightDots);
  for (const e of l.elements) {
    if (e.kind === 'text') {
      const scale = Math.max(1, Math.round(e.height / CELL_HEIGHT));
      c.text(e.x, e.y, e.text, scale, scale);
    } else {
      const modules = e.symbology === 'EAN-13' ? ean13Modules(e.data) : code128Modules(e.data);
      const mw = Math.max(1, Math.min(3, Math.floor((l.widthDots - e.x) / modules.length)));
      c.bars(e.x, e.y, modules, mw, e.height);
      c.text(e.x, e.y + e.height + 2, e.data, 2, 2);
    }
  }
  // outline of the label so the picture shows its size
  for (let x = 0; x < l.widthDots; x++) {
    c.set(x, 0);
    c.set(x, l.heightDots - 1);
  }
  for (let y = 0; y < l.heightDots; y++) {
    c.set(0, y);
    c.set(l.widthDots - 1, y);
  }
  return c.toPng();
}

export function writeLabel(outDir: string, n: number, l: LabelLayout): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `label-${n}.txt`), labelText(l), 'utf8');
  writeFileSync(join(outDir, `label-${n}.png`), renderLabel(l));
}
