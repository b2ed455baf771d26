// Keeps the warehouse bench honest with tiny sizes: the raw receiving baseline writes exactly the rows the engine
// writes, and the raw stock query gives the report's rows and totals, on a past date and on the last day (where
// both must also equal the ledger's own balances). No timings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ledgerSnapshot } from '../posting/ledger-snapshot';
import { runReceivingBench } from './receiving-bench';
import { openStockData, LAST_DAY, PAST_DATE } from './stock-data';
import { compareStockReport, rawStockBalance, reportStockBalance } from './stock-report-bench';

test('receivings through the engine leave the same ledger as the raw prepared inserts', { timeout: 60_000 }, async () => {
  let compared = false;
  const r = await runReceivingBench({
    receivings: 4,
    warmup: 1,
    lines: 50,
    inspect: async (engineDb, rawDb) => {
      const engine = await ledgerSnapshot(engineDb);
      const raw = await ledgerSnapshot(rawDb);
      // 2 stocking receivings + 1 warm-up + 4 timed, each of 50 lines
      assert.equal(engine.documents.length, 7);
      assert.equal(engine.lines.length, 7 * 50);
      assert.deepEqual(raw.documents, engine.documents);
      assert.deepEqual(raw.lines, engine.lines);
      assert.deepEqual(raw.movements, engine.movements);
      assert.deepEqual(raw.balances, engine.balances);
      assert.deepEqual(raw.audit, engine.audit);
      assert.deepEqual(raw.series, engine.series);
      assert.equal(engine.documents.at(-1)!.number, 'REC-2026-000007');
      // Item B0000: stocked 600 × 1.00 + 700 × 1.13 = 1300 pcs worth 1391.00; receivings 0…4 bring it on lines
      // 0, 43, 36, 29, 22: 1 × 0.50, 5 × 3.82, 19 × 3.64, 13 × 3.46, 7 × 3.28 = 45 pcs worth 156.70
      // → 1345 pcs worth 1547.70, last unit cost 3.28.
      const b0 = engine.balances[0]!;
      assert.deepEqual([b0.quantityMilli, b0.valueMinor, b0.lastUnitCost], [1_345_000, 154_770, '328']);
      compared = true;
    },
  });
  assert.ok(compared);
  assert.equal(r.engine.receipts, 4);
});

test('the stock report on a past date and the raw SQL give the same rows and totals', { timeout: 120_000 }, async () => {
  const data = await openStockData({ items: 300, warehouses: 3, movements: 2400, cache: false });
  try {
    const c = await compareStockReport(data.db, PAST_DATE, 1);
    assert.ok(c.report.rows > 0);
    assert.deepEqual(
      [c.report.rows, c.report.quantityMilli, c.report.valueMinor],
      [c.raw.rows, c.raw.quantityMilli, c.raw.valueMinor],
    );
    const last = await reportStockBalance(data.db, LAST_DAY);
    assert.deepEqual(last, rawStockBalance(data.db, LAST_DAY));
    // On the last day the report is the ledger's balances.
    const b = await data.db.kysely
      .selectFrom('stock_balances')
      .select([(eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.sum<number>('quantity_milli').as('q'), (eb) => eb.fn.sum<number>('value_minor').as('v')])
      .where('quantity_milli', '<>', 0)
      .executeTakeFirstOrThrow();
    assert.deepEqual([last.rows, last.quantityMilli, last.valueMinor], [Number(b.n), BigInt(b.q), BigInt(b.v)]);
    assert.ok(last.rows > c.report.rows, 'the past date sees fewer goods than the last day');
  } finally {
    await data.done();
  }
});
