// Stock balance by item and warehouse on any date: the ledger's movements summed up to and including that date,
// so a past date is answered as exactly as today. Transit warehouses are left out unless asked for.

import { sql } from 'kysely';
import type { Db } from '../connection';
import { decodeCursor, encodeCursor, keysetAfter, milliToDecimal, num, pageSize, streamPages, type Page } from './paging';

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
    .innerJoin('items as i', 'i.id', 'm.item_id')
    .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
    .where('m.date', '<=', q.date);
  if (!q.includeTransit) b = b.where('w.is_transit', '=', 0);
  if (q.warehouseId) b = b.where('m.warehouse_id', '=', q.warehouseId);
  if (q.itemId) b = b.where('m.item_id', '=', q.itemId);
  return b
    .groupBy(['i.code', 'm.item_id', 'w.code', 'm.warehouse_id', 'i.name', 'i.unit', 'w.name'])
    .having(sql<boolean>`sum(m.quantity_milli) <> 0 or sum(m.value_minor) <> 0`);
}

export async function stockBalancePage(db: Db, q: StockBalanceQuery, after: string | null = null, limit?: number): Promise<Page<StockBalanceRow>> {
  const size = pageSize(limit);
  const key = decodeCursor(after, 4);
  let b = grouped(db, q)
    .select(['m.item_id', 'i.code as item_code', 'i.name as item_name', 'i.unit', 'm.warehouse_id', 'w.code as warehouse_code', 'w.name as warehouse_name'])
    .select([sql<string>`sum(m.quantity_milli)`.as('q'), sql<string>`sum(m.value_minor)`.as('v')])
    .orderBy('i.code')
    .orderBy('m.item_id')
    .orderBy('w.code')
    .orderBy('m.warehouse_id')
    .limit(size + 1);
  if (key) b = b.where(keysetAfter(['i.code', 'm.item_id', 'w.code', 'm.warehouse_id'], key));
  const raw = await b.execute();
  const more = raw.length > size;
  const rows = raw.slice(0, size).map((r) => ({
    itemId: Number(r.item_id),
    itemCode: r.item_code,
    itemName: r.item_name,
    unit: r.unit,
    warehouseId: Number(r.warehouse_id),
    warehouseCode: r.warehouse_code,
    warehouseName: r.warehouse_name,
    quantity: milliToDecimal(r.q),
    valueMinor: num(r.v),
  }));
  const last = rows[rows.length - 1];
  return { rows, next: more && last ? encodeCursor([last.itemCode, last.itemId, last.warehouseCode, last.warehouseId]) : null };
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
