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
  if (f.itemId) return onePairsPage(db, f, key, size);
  // Item codes are unique, so the order (code, item, warehouse) is "items by code, then their warehouses": walk the
  // items' code index a batch at a time and look each batch's balance rows up by key, never sorting the whole table.
  const pairs: Pair[] = [];
  let from = key ? String(key[0]) : null;
  let inclusive = key !== null;
  const skipTo = key ? Number(key[2]) : 0;
  for (;;) {
    let iq = db.kysely.selectFrom('items').select(['id', 'code', 'name', 'unit']).orderBy('code').limit(size + 1);
    if (from !== null) iq = iq.where('code', inclusive ? '>=' : '>', from);
    const items = await iq.execute();
    if (items.length === 0) break;
    let bq = db.kysely
      .selectFrom('stock_balances as b')
      .innerJoin('warehouses as w', 'w.id', 'b.warehouse_id')
      .select(['b.item_id', 'b.warehouse_id', 'w.code as warehouse_code', 'w.name as warehouse_name'])
      .where('b.item_id', 'in', items.map((i) => Number(i.id)));
    if (!f.includeTransit) bq = bq.where('w.is_transit', '=', 0);
    if (f.warehouseId) bq = bq.where('b.warehouse_id', '=', f.warehouseId);
    const byItem = new Map<number, Array<{ warehouseId: number; warehouseCode: string; warehouseName: string }>>();
    for (const b of await bq.execute()) {
      const list = byItem.get(Number(b.item_id)) ?? [];
      list.push({ warehouseId: Number(b.warehouse_id), warehouseCode: b.warehouse_code, warehouseName: b.warehouse_name });
      byItem.set(Number(b.item_id), list);
    }
    for (const i of items) {
      const list = (byItem.get(Number(i.id)) ?? []).sort((a, b) => a.warehouseId - b.warehouseId);
      for (const w of list) {
        if (key && i.code === key[0] && w.warehouseId <= skipTo) continue;
        pairs.push({ itemId: Number(i.id), itemCode: i.code, itemName: i.name, unit: i.unit, ...w });
      }
      if (pairs.length > size) break;
    }
    if (pairs.length > size || items.length <= size) break;
    from = items[items.length - 1]!.code;
    inclusive = false;
  }
  return finish(pairs, size);
}

function finish(all: Pair[], size: number): { pairs: Pair[]; next: string | null } {
  const pairs = all.slice(0, size);
  const last = pairs[pairs.length - 1];
  return { pairs, next: all.length > size && last ? encodeCursor([last.itemCode, last.itemId, last.warehouseId]) : null };
}

/** One item's pairs (the item filter): few rows, one query. */
async function onePairsPage(db: Db, f: PairFilter, key: ReadonlyArray<string | number> | null, size: number): Promise<{ pairs: Pair[]; next: string | null }> {
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
  return finish(
    raw.map((r) => ({
      itemId: Number(r.item_id),
      itemCode: r.item_code,
      itemName: r.item_name,
      unit: r.unit,
      warehouseId: Number(r.warehouse_id),
      warehouseCode: r.warehouse_code,
      warehouseName: r.warehouse_name,
    })),
    size,
  );
}

/** Rows keyed by pair, for joining the sums back to the page's pairs in order. */
export function byPair<T extends { item_id: unknown; warehouse_id: unknown }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [keyOf(Number(r.item_id), Number(r.warehouse_id)), r]));
}

export const pairKey = (p: Pair) => keyOf(p.itemId, p.warehouseId);
