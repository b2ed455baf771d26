// Stock balance by item and warehouse on any date: the ledger's movements summed up to and including that date,
// so a past date is answered as exactly as today. Transit warehouses are left out unless asked for.

import { sql } from 'kysely';
import type { Db } from '../connection';
import { decodeCursor, encodeCursor, milliToDecimal, num, pageSize, streamPages, type Page } from './paging';

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
  const size = pageSize(limit);
  const key = decodeCursor(after, 3);
  const from = key ? String(key[0]) : null;
  const skip = key ? Number(key[2]) : 0;
  // One query a page: items in code order from the cursor (the index on items.code), their balance rows by key, and
  // each pair's movements up to the date summed by the (item, warehouse, date) index. Rows come out already in page
  // order, so the database stops after `size` pairs: every page costs the same however far into the report it is.
  let b = db.kysely
    .selectFrom('items as i')
    .innerJoin('stock_balances as b', 'b.item_id', 'i.id')
    .innerJoin('warehouses as w', 'w.id', 'b.warehouse_id')
    .select((eb) => {
      const sum = (column: 'quantity_milli' | 'value_minor') =>
        eb
          .selectFrom('stock_movements as m')
          .select(sql<string | null>`sum(${sql.ref(`m.${column}`)})`.as('s'))
          .whereRef('m.item_id', '=', 'b.item_id')
          .whereRef('m.warehouse_id', '=', 'b.warehouse_id')
          .where('m.date', '<=', q.date);
      return [
        'i.id as item_id',
        'i.code as item_code',
        'i.name as item_name',
        'i.unit',
        'b.warehouse_id',
        'w.code as warehouse_code',
        'w.name as warehouse_name',
        sum('quantity_milli').as('q'),
        sum('value_minor').as('v'),
      ];
    })
    .orderBy('i.code')
    .orderBy('b.warehouse_id')
    .limit(size + 1);
  if (!q.includeTransit) b = b.where('w.is_transit', '=', 0);
  if (q.warehouseId) b = b.where('b.warehouse_id', '=', q.warehouseId);
  if (q.itemId) b = b.where('i.id', '=', q.itemId);
  // A lower bound on the code even on the first page, so the planner walks the code index instead of sorting.
  b = b.where('i.code', '>=', from ?? '');
  if (from !== null) b = b.where((eb) => eb.or([eb('i.code', '>', from), eb('b.warehouse_id', '>', skip)]));
  const found = await b.execute();
  const pairs = found.slice(0, size);
  const rows: StockBalanceRow[] = [];
  for (const r of pairs) {
    if (num(r.q) === 0 && num(r.v) === 0) continue;
    rows.push({
      itemId: Number(r.item_id),
      itemCode: r.item_code,
      itemName: r.item_name,
      unit: r.unit,
      warehouseId: Number(r.warehouse_id),
      warehouseCode: r.warehouse_code,
      warehouseName: r.warehouse_name,
      quantity: milliToDecimal(num(r.q)),
      valueMinor: num(r.v),
    });
  }
  const last = pairs[pairs.length - 1];
  const next = found.length > size && last ? encodeCursor([last.item_code, Number(last.item_id), Number(last.warehouse_id)]) : null;
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

/** Pairs per page when a whole report is streamed (a download): fewer, larger pages, each still a few tens of ms. */
export const STREAM_PAGE_SIZE = 2000;

export function streamStockBalance(db: Db, q: StockBalanceQuery, limit = STREAM_PAGE_SIZE): AsyncGenerator<StockBalanceRow> {
  return streamPages((after) => stockBalancePage(db, q, after, limit));
}
