// Keeps the till bench honest on 2,000 items: the first pull through the real bridge leaves every store item in the
// till's cache with its barcode and price, and the till's search finds a known item by barcode, code and name words.
// With the till build and Chromium present, one start of each till also reaches the PIN screen and a typed search.
// No timings are asserted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { runTillBench } from './till-bench';
import { tillItemBarcode, tillItemCode, tillItemName, tillItemPriceMinor } from './store-catalogue';

interface TillItem {
  code: string;
  name: string;
  priceMinor: number;
  barcodes: string[];
}

test('bench item 1234 is the cider "Selga" 200 g at 17.07 with EAN 4770000012346', () => {
  // 4·1 + 7·3 + 7·1 + 0 + 0 + 0 + 0 + 0 + 1·1 + 2·3 + 3·1 + 4·3 = 54 → check digit 6; price 49 + (1234·37 mod 2000) = 49 + 1658.
  assert.equal(tillItemBarcode(1234), '4770000012346');
  assert.equal(tillItemCode(1234), 'B001234');
  assert.equal(tillItemName(1234), 'Cider Selga 200 g #1234');
  assert.equal(tillItemPriceMinor(1234), 1707);
});

test('a fresh till pulls all 2,000 bench items and the demo goods, and finds item 1234 by barcode, code and words', { timeout: 180_000 }, async () => {
  let checked = false;
  const r = await runTillBench({
    items: 2000,
    queries: 10,
    starts: 1,
    scans: 5,
    inspect: async (till) => {
      const db = new Database(till.dbFile, { readonly: true });
      try {
        const total = (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
        const rows = db
          .prepare("SELECT items.code, items.price_minor AS price, barcodes.barcode FROM items JOIN barcodes ON barcodes.item_rowid = items.rowid WHERE items.code LIKE 'B%' ORDER BY items.code")
          .all() as { code: string; price: number; barcode: string }[];
        assert.equal(total, 2000 + 597, "the bench items and the demo shop's 597 active goods");
        assert.equal(rows.length, 2000);
        rows.forEach((row, i) => assert.deepEqual(row, { code: tillItemCode(i), price: tillItemPriceMinor(i), barcode: tillItemBarcode(i) }));
      } finally {
        db.close();
      }
      const expected = { code: 'B001234', name: 'Cider Selga 200 g #1234', priceMinor: 1707, barcodes: ['4770000012346'] };
      for (const q of ['4770000012346', 'B001234', 'cider 1234']) {
        const res = await till.get<{ items: TillItem[] }>(`/api/till/items?q=${encodeURIComponent(q)}`);
        assert.equal(res.status, 200);
        const first = res.body.items[0]!;
        assert.deepEqual({ code: first.code, name: first.name, priceMinor: first.priceMinor, barcodes: first.barcodes }, expected, `search "${q}"`);
      }
      const scanned = await till.get<{ item: TillItem; quantity: string }>('/api/till/barcode/4770000012346');
      assert.equal(scanned.body.item.code, 'B001234');
      assert.equal(scanned.body.quantity, '1.000');
      checked = true;
    },
  });
  assert.ok(checked);
  assert.equal(r.benchItems, 2000);
  assert.equal(r.catalogueItems, 2597);
  assert.equal(r.pages, 2, '2,597 items in pages of 2,000');
  assert.equal(r.search.byBarcode.queries, 10);
  if (!('skipped' in r.start)) {
    assert.equal(r.start.big.starts, 1);
    assert.equal(r.start.big.typedSearchMs.queries, 10, 'every typed name showed a result');
    assert.equal(r.start.big.scanToLineMs.queries, 5, 'every scan added a line');
    assert.equal(r.start.small.scanToLineMs.queries, 5);
  }
});
