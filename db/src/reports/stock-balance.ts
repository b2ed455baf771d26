// Stock balance by item and warehouse on any date: the ledger's movements summed up to and including that date,
// so a past date is answered as exactly as today. Transit warehouses are left out unless asked for.

import { sql } from 'kysely';
import type { Db } from '../connection';
import { decodeCursor, milliToDecimal, num, pageSize, streamPages, type Page } from './paging';
import { byPair, pairKey, pairsPage } from './pairs';

export interface StockBalanceQuery {
  /** ISO date; movements dated on it count. */
  date: string;
  warehouseId?: number;
  itemId?: number;
  includeTransit?: boolean;
}

export interface StockBalanceRow {
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  warehouseId: number;
  warehouseCode: string;
  warehouseName: string;
  /** Decimal with 3 places. */
  quantity: string;
  valueMinor: number;
}

function grouped(db: Db, q: StockBalanceQuery) {
  let b = db.kysely
    .selectFrom('stock_movements as m')
    .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
    .where('m.date', '<=', q.date);
  if (!q.includeTransit) b = b.where('w.is_transit', '=', 0);
  if (q.warehouseId) b = b.where('m.warehouse_id', '=', q.warehouseId);
  if (q.itemId) b = b.where('m.item_id', '=', q.itemId);
  return b
    .groupBy(['m.item_id', 'm.warehouse_id'])
    .having(sql<boolean>`sum(m.quantity_milli) <> 0 or sum(m.value_minor) <> 0`);
}

export async function stockBalancePage(db: Db, q: StockBalanceQuery, after: string | null = null, limit?: number): Promise<Page<StockBalanceRow>> {
  const { pairs, next } = await pairsPage(db, q, decodeCursor(after, 3), pageSize(limit));
  if (pairs.length === 0) return { rows: [], next };
  const sums = byPair(
    await db.kysely
      .selectFrom('stock_movements as m')
      .select(['m.item_id', 'm.warehouse_id', sql<string>`sum(m.quantity_milli)`.as('q'), sql<string>`sum(m.value_minor)`.as('v')])
      // the plain item list lets PostgreSQL walk the (item, warehouse, date) index; the pairs then narrow it
      .where('m.item_id', 'in', [...new Set(pairs.map((p) => p.itemId))])
      .where((eb) => eb(eb.refTuple('m.item_id', 'm.warehouse_id'), 'in', pairs.map((p) => eb.tuple(p.itemId, p.warehouseId))))
      .where('m.date', '<=', q.date)
      .groupBy(['m.item_id', 'm.warehouse_id'])
      .execute(),
  );
  const rows: StockBalanceRow[] = [];
  for (const p of pairs) {
    const s = sums.get(pairKey(p));
    if (!s || (num(s.q) === 0 && num(s.v) === 0)) continue;
    rows.push({ ...p, quantity: milliToDecimal(num(s.q)), valueMinor: num(s.v) });
  }
  return { rows, next };
}

/** How many rows the report has, for a progress bar. */
export async function stockBalanceCount(db: Db, q: StockBalanceQuery): Promise<number> {
  const r = await db.kysely
    .selectFrom(grouped(db, q).select('m.item_id').as('g'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return num(r.n);
}

export function streamStockBalance(db: Db, q: StockBalanceQuery, limit?: number): AsyncGenerator<StockBalanceRow> {
  return streamPages((after) => stockBalancePage(db, q, after, limit));
}
