// A year of the demo shop's life, posted through the document engine like any user's work: supplier deliveries
// in January and June, monthly till takings, a wholesale sale, goods moved to the bakery, spoiled goods written off.

import { dec } from '@kasa/domain';
import { createAndPost, createDocument, postDocument, type Actor, type Db, type DocumentLineInput } from '@kasa/db';
import { seededRandom, type DemoItem } from './catalogue';
import { wholesaleMinor, type DemoIds } from './seed';

type Item = DemoItem & { id: number };

const RATE: Record<string, string> = { standard: '21', reduced: '12', 'super-reduced': '5', zero: '0' };

/** Purchase price without VAT: 65 % of the shelf price net of VAT. */
function costMinor(i: Item): number {
  return Math.max(1, dec(i.retailMinor).mul(100).div(dec(RATE[i.vat]!).plus(100)).mul(65).div(100).toDecimalPlaces(0).toNumber());
}

export async function postDemoHistory(db: Db, ids: DemoIds): Promise<void> {
  const actor: Actor = { userId: ids.adminUserId, rights: ['*'] };
  const rnd = seededRandom(42);
  const store = ids.warehouses.STORE!;
  const bakery = ids.warehouses.BAKERY!;
  /** What the shop holds in STORE, in thousandths, so sales never ask for more than is there. */
  const onHand = new Map<number, number>();
  const qty = (i: Item, pcsFrom: number, pcsSpan: number, gramsFrom: number, gramsSpan: number) =>
    i.weighted ? dec(gramsFrom + Math.floor(rnd() * gramsSpan)).div(1000).toFixed(3) : String(pcsFrom + Math.floor(rnd() * pcsSpan));
  const take = (i: Item, quantity: string) => onHand.set(i.id, (onHand.get(i.id) ?? 0) + dec(quantity).mul(1000).toNumber());

  // Goods we buy: everything but the café's own dishes and the deposit; every 15th good is sold out (never delivered).
  const bought = ids.items.filter((i) => i.supplier && !i.produced);
  const delivered = bought.filter((_, n) => n % 15 !== 14);
  const bySupplier = new Map<string, Item[]>();
  for (const i of delivered) bySupplier.set(i.supplier, [...(bySupplier.get(i.supplier) ?? []), i]);

  let day = 2;
  for (const [supplier, items] of bySupplier) {
    for (let start = 0; start < items.length; start += 40) {
      const lines: DocumentLineInput[] = items.slice(start, start + 40).map((i) => {
        const quantity = qty(i, 24, 96, 8000, 30000);
        take(i, quantity);
        return { itemId: i.id, quantity, priceMinor: costMinor(i) };
      });
      await createAndPost(db, actor, {
        type: 'receiving',
        date: `2026-01-${String(Math.min(day++, 28)).padStart(2, '0')}`,
        warehouseId: store,
        partnerId: ids.partners[supplier]!,
        reason: 'Piegāde',
        lines,
      });
    }
  }
  // Fresh goods again in June.
  for (const supplier of ['S-PIENS', 'S-MAIZE', 'S-DARZS']) {
    const items = (bySupplier.get(supplier) ?? []).filter((_, n) => n % 2 === 0);
    const lines = items.map((i) => {
      const quantity = qty(i, 12, 36, 4000, 12000);
      take(i, quantity);
      return { itemId: i.id, quantity, priceMinor: costMinor(i) + 3 };
    });
    await createAndPost(db, actor, { type: 'receiving', date: '2026-06-02', warehouseId: store, partnerId: ids.partners[supplier]!, lines });
  }

  // Monthly till takings (Z reports booked as one sale), February to November.
  const sellable = delivered.filter((i) => i.supplier);
  for (let month = 2; month <= 11; month++) {
    const lines: DocumentLineInput[] = [];
    const used = new Set<number>();
    while (lines.length < 15) {
      const i = sellable[Math.floor(rnd() * sellable.length)]!;
      if (used.has(i.id)) continue;
      const quantity = qty(i, 1, 4, 250, 1250);
      const milli = dec(quantity).mul(1000).toNumber();
      if ((onHand.get(i.id) ?? 0) < milli) continue;
      used.add(i.id);
      onHand.set(i.id, onHand.get(i.id)! - milli);
      lines.push({ itemId: i.id, quantity, priceMinor: i.retailMinor });
    }
    await createAndPost(db, actor, { type: 'sale', date: `2026-${String(month).padStart(2, '0')}-15`, warehouseId: store, reason: 'Kases Z atskaite', lines });
  }

  // A café buys wholesale: prices without VAT from the WHOLESALE price group.
  const forCafe = delivered.filter((i) => ['DAIRY', 'BREAD', 'GROCERY'].includes(i.group) && (onHand.get(i.id) ?? 0) >= 5000).slice(0, 8);
  await createAndPost(db, actor, {
    type: 'sale',
    date: '2026-03-10',
    warehouseId: store,
    partnerId: ids.partners['C-ZITARI']!,
    pricesIncludeTax: false,
    lines: forCafe.map((i) => {
      onHand.set(i.id, onHand.get(i.id)! - 5000);
      return { itemId: i.id, quantity: '5', priceMinor: wholesaleMinor(i.retailMinor, RATE[i.vat]!) };
    }),
  });

  // Flour, sugar, butter and milk go to the bakery; the second load is still on the way (in transit).
  const baking = delivered.filter((i) => /^(Kviešu milti|Cukurs|Sviests|Piens 3,2%|Olas)/.test(i.name) && (onHand.get(i.id) ?? 0) >= 6000).slice(0, 6);
  const toBakery = (quantity: string) => baking.map((i) => {
    onHand.set(i.id, onHand.get(i.id)! - dec(quantity).mul(1000).toNumber());
    return { itemId: i.id, quantity };
  });
  await createAndPost(db, actor, { type: 'transfer', date: '2026-04-01', warehouseId: store, toWarehouseId: bakery, reason: 'Ceptuvei', lines: toBakery('4') });
  const second = await createDocument(db, actor, { type: 'transfer', date: '2026-11-20', warehouseId: store, toWarehouseId: bakery, reason: 'Ceptuvei', lines: toBakery('2') });
  await postDocument(db, actor, second.id, 'dispatch');

  // Expired dairy written off.
  const expired = delivered.filter((i) => i.group === 'DAIRY' && (onHand.get(i.id) ?? 0) >= 3000).slice(0, 4);
  await createAndPost(db, actor, {
    type: 'write_off',
    date: '2026-05-12',
    warehouseId: store,
    reason: 'Beidzies derīguma termiņš',
    lines: expired.map((i) => ({ itemId: i.id, quantity: '2', priceMinor: costMinor(i) })),
  });
}
