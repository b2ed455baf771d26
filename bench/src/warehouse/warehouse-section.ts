// The warehouse section of `npm run -s bench` (issue 6): posting 1,000-line receivings through the engine vs raw
// prepared inserts, and the stock balance report on a past date over 100k goods × 20 warehouses with 1M movements
// vs one raw SQL query. Options: --warehouse-receivings N (default 20), --stock-items, --stock-warehouses,
// --stock-movements (default 100,000 / 20 / 1,000,000).

import { RECEIVING_LINES, runReceivingBench } from './receiving-bench';
import { openStockData, PAST_DATE } from './stock-data';
import { compareStockReport } from './stock-report-bench';

export interface WarehouseSectionOptions {
  receivings: number;
  items: number;
  warehouses: number;
  movements: number;
}

const n = (x: number) => x.toLocaleString('en');

export async function printWarehouseSection(o: WarehouseSectionOptions): Promise<void> {
  const warmup = 2;
  const r = await runReceivingBench({ receivings: o.receivings, warmup });
  console.log(
    `Warehouse: ${o.receivings} receivings of ${n(RECEIVING_LINES)} lines on SQLite, one transaction each, after ${warmup} untimed, alternating one by one (same pragmas on both sides)`,
  );
  console.log(
    `receiving posting (1,000 lines) vs raw inserts: ${r.ratioPercent} % (engine ${(1000 / r.engine.receiptsPerSecond).toFixed(0)} ms a receiving, raw ${(1000 / r.raw.receiptsPerSecond).toFixed(0)} ms)`,
  );
  console.log('  (raw: prepared statements, one per row — series, document, 1,000 lines, 1,000 movements, 1,000 balance upserts, audit row — balances held in memory)');

  console.log();
  const t = Date.now();
  const data = await openStockData({
    items: o.items,
    warehouses: o.warehouses,
    movements: o.movements,
    onProgress: (line) => console.log(`  generating ${line} (${((Date.now() - t) / 1000).toFixed(0)} s)`),
  });
  try {
    console.log(
      data.cached
        ? `Stock data: ${n(o.items)} goods × ${o.warehouses} warehouses, ${n(o.movements)} movements — cached file ${data.file}`
        : `Stock data: ${n(o.items)} goods × ${o.warehouses} warehouses, ${n(o.movements)} movements generated through the engine in ${data.generatedSeconds.toFixed(0)} s (kept as ${data.file})`,
    );
    const c = await compareStockReport(data.db, PAST_DATE);
    const same = c.report.rows === c.raw.rows && c.report.quantityMilli === c.raw.quantityMilli && c.report.valueMinor === c.raw.valueMinor;
    console.log(
      `stock balance report vs raw SQL: ${c.ratioPercent} % (report ${c.report.seconds.toFixed(2)} s, raw ${c.raw.seconds.toFixed(2)} s, best of 3 each; ${n(c.report.rows)} rows on ${PAST_DATE}` +
        `${same ? ', same rows and totals' : ' — ROWS OR TOTALS DIFFER'})`,
    );
    if (!same) console.log(`  report ${c.report.rows} rows / ${c.report.quantityMilli} milli / ${c.report.valueMinor} minor; raw ${c.raw.rows} / ${c.raw.quantityMilli} / ${c.raw.valueMinor}`);
  } finally {
    await data.done();
  }
}
