// A generated shop of any size for benchmarks and load tests: items are produced on demand, so the
// source itself holds nothing in memory and the export's own cost is what gets measured.

import type { CommerceMlSource, MovementDocument } from './types';

const NAMES = ['Piens "Rīga" & krējums', 'Rupjmaize <Lāči>', 'Žluťoučký rohlík', 'Колбаса «Докторская»', 'Túró Rudi', 'Сыр > 45%'];

export function syntheticCommerceMlSource(itemCount: number, documentCount = 0): CommerceMlSource {
  const unit = (i: number) => (i % 3 === 0 ? 'kg' : 'pcs');
  return {
    company: { id: 'bench-company', name: 'Bench & Co', taxNumber: '7709999999' },
    priceTypes: async () => [
      { id: 'retail', name: 'Retail', currency: 'EUR', taxIncluded: true },
      { id: 'wholesale', name: 'Wholesale', currency: 'EUR', taxIncluded: false },
    ],
    groups: async function* () {
      yield { id: 'g-root', name: 'All goods' };
      for (let g = 0; g < 20; g++) yield { id: `g-${g}`, name: `Group ${g}`, parentId: 'g-root' };
    },
    items: async function* () {
      for (let i = 0; i < itemCount; i++) {
        yield {
          id: `item-${i}`,
          code: `A${i}`,
          name: `${NAMES[i % NAMES.length]} ${i}`,
          unit: unit(i),
          barcode: String(4750000000000 + i),
          groupId: `g-${i % 20}`,
          vatRate: i % 4 === 0 ? '12' : '21',
        };
      }
    },
    offers: async function* () {
      for (let i = 0; i < itemCount; i++) {
        yield {
          itemId: `item-${i}`,
          name: `${NAMES[i % NAMES.length]} ${i}`,
          unit: unit(i),
          prices: [
            { priceTypeId: 'retail', priceTypeName: 'Retail', currency: 'EUR', unitPriceMinor: 100 + (i % 5000), taxIncluded: true },
            { priceTypeId: 'wholesale', priceTypeName: 'Wholesale', currency: 'EUR', unitPriceMinor: 80 + (i % 4000), taxIncluded: false },
          ],
          stock: i % 3 === 0 ? '2.500' : '10',
        };
      }
    },
    movements: async function* (from: string) {
      for (let d = 0; d < documentCount; d++) {
        const doc: MovementDocument = {
          id: `doc-${d}`,
          kind: d % 2 ? 'receipt' : 'sale',
          number: `N-${d}`,
          date: from,
          currency: 'EUR',
          partner: { id: 'p-1', name: 'Partner & Co', taxNumber: '7701234567' },
          taxIncluded: true,
          // 3 × 1.00 = 3.00; VAT 21% inside: 3.00 × 21/121 = 0.52
          totalMinor: 300,
          lines: [{ itemId: `item-${d % Math.max(1, itemCount)}`, itemName: 'Item', unit: 'pcs', quantity: '3', unitPriceMinor: 100, sumMinor: 300, vatRate: '21', vatMinor: 52 }],
        };
        yield doc;
      }
    },
  };
}
