// A big catalogue in the store server's SQLite, written in one transaction of prepared inserts (the API would take
// minutes for 100,000 items): items with one EAN-13 each and a price in the default price group, each with its own
// change_seq after the demo's, so the till's catalogue pull pages through them like through real edits.

import { withCheckDigit } from '@kasa/domain';
import type { Db } from '@kasa/db';
import { nameOf } from '../catalogue/search-bench';

/** Bench item i's code at the store server and at the till. */
export function tillItemCode(i: number): string {
  return `B${String(i).padStart(6, '0')}`;
}

/** Bench item i's barcode: a valid EAN-13 under GS1 prefix 477, which the demo's goods (475, 400) never use. */
export function tillItemBarcode(i: number): string {
  return withCheckDigit(`477${String(i).padStart(9, '0')}`);
}

/** Bench item i's price in minor units: 0.49 … 20.48. */
export function tillItemPriceMinor(i: number): number {
  return 49 + ((i * 37) % 2000);
}

export { nameOf as tillItemName };

/** Adds `count` items to a migrated store database that already has a default price group (the demo's RETAIL). */
export function addStoreCatalogue(db: Db, count: number): void {
  const h = db.sqlite;
  if (!h) throw new Error('the till bench writes the store catalogue through the SQLite handle');
  const group = h.prepare('SELECT id FROM price_groups WHERE is_default = 1 ORDER BY id LIMIT 1').get() as { id: number } | undefined;
  const vat = h.prepare("SELECT id FROM vat_groups WHERE code = 'standard'").get() as { id: number } | undefined;
  if (!group || !vat) throw new Error('the store database needs a default price group and a standard VAT group (the demo has both)');
  const { seq } = h.prepare('SELECT coalesce(max(change_seq), 0) AS seq FROM items').get() as { seq: number };
  const item = h.prepare(
    "INSERT INTO items (code, name, unit, vat_group_id, group_id, goods_type, weighted, marked, produced, costing, standard_cost_minor, active, updated_at, change_seq) VALUES (?, ?, 'pcs', ?, NULL, 'sale', 0, 0, 0, 'average', NULL, 1, ?, ?)",
  );
  const barcode = h.prepare("INSERT INTO barcodes (code, item_id, pack_quantity) VALUES (?, ?, '1')");
  const price = h.prepare('INSERT INTO prices (price_group_id, item_id, price_minor, valid_from, created_at) VALUES (?, ?, ?, ?, ?)');
  const now = new Date().toISOString();
  h.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = Number(item.run(tillItemCode(i), nameOf(i), vat.id, now, Number(seq) + i + 1).lastInsertRowid);
      barcode.run(tillItemBarcode(i), id);
      price.run(group.id, id, tillItemPriceMinor(i), '2026-01-01', now);
    }
  })();
  h.exec('ANALYZE');
}
