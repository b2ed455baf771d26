// Stock on a past date over the generated ledger: the report as the store server streams it (streamStockBalance,
// keyset pages) against one raw better-sqlite3 query computing the same rows (movements summed up to the date per
// item and warehouse, with the item's and warehouse's names, in item-code order), both read to the last row.
// Runs alternate (raw, report, report, raw, …) and the best of each side counts, so a busy moment hits both alike.

import { milliToDecimal, streamStockBalance, type Db } from '@kasa/db';

export interface ReportTotals {
  rows: number;
  quantityMilli: bigint;
  valueMinor: bigint;
}

export interface StockReportComparison {
  report: ReportTotals & { seconds: number };
  raw: ReportTotals & { seconds: number };
  /** Report speed as a whole percentage of the raw query's (raw time / report time). */
  ratioPercent: number;
}

const RAW_SQL = `
  SELECT s.item_id, s.warehouse_id, i.code AS item_code, i.name AS item_name, i.unit, w.code AS warehouse_code, w.name AS warehouse_name, s.q, s.v
  FROM (SELECT item_id, warehouse_id, SUM(quantity_milli) AS q, SUM(value_minor) AS v
        FROM stock_movements WHERE date <= ? GROUP BY item_id, warehouse_id HAVING q <> 0 OR v <> 0) s
  JOIN items i ON i.id = s.item_id
  JOIN warehouses w ON w.id = s.warehouse_id AND w.is_transit = 0
  ORDER BY i.code, s.item_id, s.warehouse_id`;

interface RawRow {
  item_id: number;
  warehouse_id: number;
  item_code: string;
  item_name: string;
  unit: string;
  warehouse_code: string;
  warehouse_name: string;
  q: number;
  v: number;
}

/** The raw side: one prepared statement, iterated row by row, each row shaped like the report's. */
export function rawStockBalance(db: Db, date: string): ReportTotals {
  const t: ReportTotals = { rows: 0, quantityMilli: 0n, valueMinor: 0n };
  for (const r of db.sqlite!.prepare(RAW_SQL).iterate(date) as IterableIterator<RawRow>) {
    const row = {
      itemId: r.item_id,
      itemCode: r.item_code,
      itemName: r.item_name,
      unit: r.unit,
      warehouseId: r.warehouse_id,
      warehouseCode: r.warehouse_code,
      warehouseName: r.warehouse_name,
      quantity: milliToDecimal(r.q),
      valueMinor: r.v,
    };
    t.rows++;
    t.quantityMilli += BigInt(r.q);
    t.valueMinor += BigInt(row.valueMinor);
  }
  return t;
}

/** The report side: every page of the real report, as the CSV/XLSX download walks it. */
export async function reportStockBalance(db: Db, date: string): Promise<ReportTotals> {
  const t: ReportTotals = { rows: 0, quantityMilli: 0n, valueMinor: 0n };
  for await (const row of streamStockBalance(db, { date })) {
    t.rows++;
    t.quantityMilli += BigInt(row.quantity.replace('.', ''));
    t.valueMinor += BigInt(row.valueMinor);
  }
  return t;
}

export async function compareStockReport(db: Db, date: string, rounds = 3): Promise<StockReportComparison> {
  let best = { raw: Infinity, report: Infinity };
  let raw: ReportTotals | null = null;
  let report: ReportTotals | null = null;
  for (let i = 0; i < rounds; i++) {
    for (const side of i % 2 === 0 ? (['raw', 'report'] as const) : (['report', 'raw'] as const)) {
      const t = process.hrtime.bigint();
      if (side === 'raw') raw = rawStockBalance(db, date);
      else report = await reportStockBalance(db, date);
      best = { ...best, [side]: Math.min(best[side], Number(process.hrtime.bigint() - t) / 1e9) };
    }
  }
  return {
    raw: { ...raw!, seconds: best.raw },
    report: { ...report!, seconds: best.report },
    ratioPercent: Math.round((best.raw / best.report) * 100),
  };
}
