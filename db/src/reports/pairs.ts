// The (item, warehouse) pairs a stock report walks, a page at a time in item-code order. Every pair that ever moved
// has a row in stock_balances (the ledger creates it with the first movement), so a page of pairs is one index walk
// and the movements are then summed for those pairs only: each page costs the same however far into the report.

import type { Db } from '../connection';
import { encodeCursor, keysetAfter } from './paging';

export interface PairFilter {
  warehouseId?: number;
  itemId?: number;
  includeTransit?: boolean;
}

export interface Pair {
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  warehouseId: number;
  warehouseCode: string;
  warehouseName: string;
}

const keyOf = (itemId: number, warehouseId: number) => `${itemId}:${warehouseId}`;

export async function pairsPage(db: Db, f: PairFilter, key: ReadonlyArray<string | number> | null, size: number): Promise<{ pairs: Pair[]; next: string | null }> {
  let b = db.kysely
    .selectFrom('stock_balances as b')
    .innerJoin('items as i', 'i.id', 'b.item_id')
    .innerJoin('warehouses as w', 'w.id', 'b.warehouse_id')
    .select(['b.item_id', 'b.warehouse_id', 'i.code as item_code', 'i.name as item_name', 'i.unit', 'w.code as warehouse_code', 'w.name as warehouse_name'])
    .orderBy('i.code')
    .orderBy('b.item_id')
    .orderBy('b.warehouse_id')
    .limit(size + 1);
  if (!f.includeTransit) b = b.where('w.is_transit', '=', 0);
  if (f.warehouseId) b = b.where('b.warehouse_id', '=', f.warehouseId);
  if (f.itemId) b = b.where('b.item_id', '=', f.itemId);
  if (key) b = b.where(keysetAfter(['i.code', 'b.item_id', 'b.warehouse_id'], key));
  const raw = await b.execute();
  const pairs = raw.slice(0, size).map((r) => ({
    itemId: Number(r.item_id),
    itemCode: r.item_code,
    itemName: r.item_name,
    unit: r.unit,
    warehouseId: Number(r.warehouse_id),
    warehouseCode: r.warehouse_code,
    warehouseName: r.warehouse_name,
  }));
  const last = pairs[pairs.length - 1];
  return { pairs, next: raw.length > size && last ? encodeCursor([last.itemCode, last.itemId, last.warehouseId]) : null };
}

/** Rows keyed by pair, for joining the sums back to the page's pairs in order. */
export function byPair<T extends { item_id: unknown; warehouse_id: unknown }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [keyOf(Number(r.item_id), Number(r.warehouse_id)), r]));
}

export const pairKey = (p: Pair) => keyOf(p.itemId, p.warehouseId);
