// Label templates as data: a price tag and a shelf label, with their size and gap, filled from an item.

import { currency, isValidGtin, type Money } from '@kasa/domain';
import { mmToDots, type LabelBarcode, type LabelLayout } from './layout';

export type LabelSource = 'name' | 'price' | 'unitPrice' | 'barcodeText';

export type TemplateField =
  | { kind: 'text'; source: LabelSource; xMm: number; yMm: number; heightMm: number; maxChars: number }
  | { kind: 'barcode'; xMm: number; yMm: number; heightMm: number; symbology: LabelBarcode | 'auto' };

/** Text heights are whole multiples of 3 mm (24 dots at 203 dpi) so TSPL's font multipliers print them exactly. */
export interface LabelTemplate {
  id: string;
  widthMm: number;
  heightMm: number;
  gapMm: number;
  dpi: number;
  fields: TemplateField[];
}

export interface LabelItem {
  name: string;
  price: Money;
  /** Price per unit of measure, e.g. 2.49 EUR per kg, required on shelf labels. */
  unitPrice?: { price: Money; unit: string };
  barcode: string;
}

export const PRICE_TAG: LabelTemplate = {
  id: 'price-tag',
  widthMm: 40,
  heightMm: 30,
  gapMm: 2,
  dpi: 203,
  fields: [
    { kind: 'text', source: 'name', xMm: 2, yMm: 2, heightMm: 3, maxChars: 24 },
    { kind: 'text', source: 'price', xMm: 2, yMm: 7, heightMm: 6, maxChars: 12 },
    { kind: 'barcode', xMm: 4, yMm: 15, heightMm: 10, symbology: 'auto' },
  ],
};

export const SHELF_LABEL: LabelTemplate = {
  id: 'shelf-label',
  widthMm: 58,
  heightMm: 40,
  gapMm: 3,
  dpi: 203,
  fields: [
    { kind: 'text', source: 'name', xMm: 3, yMm: 3, heightMm: 3, maxChars: 26 },
    { kind: 'text', source: 'price', xMm: 3, yMm: 8, heightMm: 9, maxChars: 12 },
    { kind: 'text', source: 'unitPrice', xMm: 3, yMm: 19, heightMm: 3, maxChars: 26 },
    { kind: 'barcode', xMm: 3, yMm: 24, heightMm: 10, symbology: 'auto' },
  ],
};

export const LABEL_TEMPLATES: Record<string, LabelTemplate> = { [PRICE_TAG.id]: PRICE_TAG, [SHELF_LABEL.id]: SHELF_LABEL };

export const formatPrice = (m: Money): string => `${m.amount.toFixed(currency(m.currency).minorUnits)} ${m.currency}`;

function sourceText(item: LabelItem, source: LabelSource): string {
  switch (source) {
    case 'name':
      return item.name;
    case 'price':
      return formatPrice(item.price);
    case 'unitPrice':
      return item.unitPrice ? `${formatPrice(item.unitPrice.price)}/${item.unitPrice.unit}` : '';
    case 'barcodeText':
      return item.barcode;
  }
}

export function fillTemplate(t: LabelTemplate, item: LabelItem, copies = 1): LabelLayout {
  const d = (mm: number): number => mmToDots(mm, t.dpi);
  const elements: LabelLayout['elements'] = [];
  for (const f of t.fields) {
    if (f.kind === 'text') {
      const text = [...sourceText(item, f.source)].slice(0, f.maxChars).join('');
      if (text) elements.push({ kind: 'text', x: d(f.xMm), y: d(f.yMm), height: d(f.heightMm), text });
    } else {
      const symbology = f.symbology === 'auto' ? (item.barcode.length === 13 && isValidGtin(item.barcode) ? 'EAN-13' : 'Code128') : f.symbology;
      elements.push({ kind: 'barcode', x: d(f.xMm), y: d(f.yMm), height: d(f.heightMm), symbology, data: item.barcode });
    }
  }
  return { widthDots: d(t.widthMm), heightDots: d(t.heightMm), gapDots: d(t.gapMm), dpi: t.dpi, copies, sizeMm: { width: t.widthMm, height: t.heightMm, gap: t.gapMm }, elements };
}
