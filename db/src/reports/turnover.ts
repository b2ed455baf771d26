// Turnover by item and warehouse for a period: opening, in, out and closing, at cost (from the ledger) and at
// sales value (the price group's retail price valid on the last day of the period).
// A storno is a red reversal: it reduces the side its original counted on (a reversed sale lowers "out"), so a
// sale and its storno leave the turnover as if neither had happened.

import { sql, type RawBuilder } from 'kysely';
import { Decimal } from '@kasa/domain';
import type { Db } from '../connection';
import { decodeCursor, milliToDecimal, num, pageSize, streamPages, type Page } from './paging';
import { byPair, pairKey, pairsPage } from './pairs';

export interface TurnoverQuery {
  from: string;
  to: string;
  warehouseId?: number;
  itemId?: number;
  /** Price group for sales value; the default group when left out. */
  priceGroupId?: number;
  includeTransit?: boolean;
}

export interface TurnoverRow {
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  warehouseId: number;
  warehouseCode: string;
  warehouseName: string;
  openingQuantity: string;
  openingValueMinor: number;
  inQuantity: string;
  inValueMinor: number;
  outQuantity: string;
  outValueMinor: number;
  closingQuantity: string;
  closingValueMinor: number;
  /** Retail price per unit on `to`, minor units; null when the item has none. */
  salesPriceMinor: number | null;
  openingSalesValueMinor: number | null;
  inSalesValueMinor: number | null;
  outSalesValueMinor: number | null;
  closingSalesValueMinor: number | null;
}

/** Which side a movement counts on: its sign, turned over when its document is a storno. */
const isIn = sql`((d.reverses_id is null and m.quantity_milli > 0) or (d.reverses_id is not null and m.quantity_milli < 0))`;
const isOut = sql`((d.reverses_id is null and m.quantity_milli < 0) or (d.reverses_id is not null and m.quantity_milli > 0))`;

function sumWhen(cond: RawBuilder<unknown>, column: 'quantity_milli' | 'value_minor', sign = 1) {
  return sql<string>`sum(case when ${cond} then ${sql.raw(sign < 0 ? '-' : '')}m.${sql.raw(column)} else 0 end)`;
}

function grouped(db: Db, q: TurnoverQuery) {
  let b = db.kysely
    .selectFrom('stock_movements as m')
    .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
    .where('m.date', '<=', q.to);
  if (!q.includeTransit) b = b.where('w.is_transit', '=', 0);
  if (q.warehouseId) b = b.where('m.warehouse_id', '=', q.warehouseId);
  if (q.itemId) b = b.where('m.item_id', '=', q.itemId);
  const before = sql`m.date < ${q.from}`;
  return b
    .groupBy(['m.item_id', 'm.warehouse_id'])
    .having(
      sql<boolean>`${sumWhen(before, 'quantity_milli')} <> 0 or ${sumWhen(before, 'value_minor')} <> 0 or sum(case when m.date >= ${q.from} then 1 else 0 end) > 0`,
    );
}

/** The retail price of each item valid on `date` in the group (the default group when none is named). */
export async function salesPrices(db: Db, itemIds: number[], date: string, priceGroupId?: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (itemIds.length === 0) return out;
  const groupId =
    priceGroupId ??
    (await db.kysely.selectFrom('price_groups').select('id').where('is_default', '=', 1).orderBy('id').executeTakeFirst())?.id;
  if (groupId === undefined) return out;
  const rows = await db.kysely
    .selectFrom('prices')
    .select(['item_id', 'price_minor'])
    .where('item_id', 'in', itemIds)
    .where('price_group_id', '=', Number(groupId))
    .where('valid_from', '<=', date)
    .orderBy('item_id')
    .orderBy('valid_from')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(Number(r.item_id), Number(r.price_minor));
  return out;
}

/** Quantity in thousandths × price per unit, rounded half-up to the minor unit. */
export function atPrice(quantityMilli: number, priceMinor: number | undefined): number | null {
  if (priceMinor === undefined) return null;
  return new Decimal(quantityMilli).mul(priceMinor).div(1000).toDecimalPlaces(0).toNumber();
}

export async function turnoverPage(db: Db, q: TurnoverQuery, after: string | null = null, limit?: number): Promise<Page<TurnoverRow>> {
  const { pairs, next } = await pairsPage(db, q, decodeCursor(after, 3), pageSize(limit));
  if (pairs.length === 0) return { rows: [], next };
  const inPeriod = (side: RawBuilder<unknown>) => sql`m.date >= ${q.from} and ${side}`;
  const before = sql`m.date < ${q.from}`;
  const sums = byPair(
    await db.kysely
      .selectFrom('stock_movements as m')
      .innerJoin('documents as d', 'd.id', 'm.document_id')
      .select([
        'm.item_id',
        'm.warehouse_id',
        sumWhen(before, 'quantity_milli').as('oq'),
        sumWhen(before, 'value_minor').as('ov'),
        sumWhen(inPeriod(isIn), 'quantity_milli').as('iq'),
        sumWhen(inPeriod(isIn), 'value_minor').as('iv'),
        sumWhen(inPeriod(isOut), 'quantity_milli', -1).as('xq'),
        sumWhen(inPeriod(isOut), 'value_minor', -1).as('xv'),
        sql<string>`sum(case when m.date >= ${q.from} then 1 else 0 end)`.as('n'),
      ])
      // the plain item list lets PostgreSQL walk the (item, warehouse, date) index; the pairs then narrow it
      .where('m.item_id', 'in', [...new Set(pairs.map((p) => p.itemId))])
      .where((eb) => eb(eb.refTuple('m.item_id', 'm.warehouse_id'), 'in', pairs.map((p) => eb.tuple(p.itemId, p.warehouseId))))
      .where('m.date', '<=', q.to)
      .groupBy(['m.item_id', 'm.warehouse_id'])
      .execute(),
  );
  const prices = await salesPrices(db, [...new Set(pairs.map((p) => p.itemId))], q.to, q.priceGroupId);
  const rows: TurnoverRow[] = [];
  for (const p of pairs) {
    const r = sums.get(pairKey(p));
    if (!r) continue;
    const [oq, ov, iq, iv, xq, xv] = [num(r.oq), num(r.ov), num(r.iq), num(r.iv), num(r.xq), num(r.xv)];
    // a pair with nothing before the period and nothing in it is not in the report
    if (oq === 0 && ov === 0 && num(r.n) === 0) continue;
    const cq = oq + iq - xq;
    const price = prices.get(p.itemId);
    rows.push({
      ...p,
      openingQuantity: milliToDecimal(oq),
      openingValueMinor: ov,
      inQuantity: milliToDecimal(iq),
      inValueMinor: iv,
      outQuantity: milliToDecimal(xq),
      outValueMinor: xv,
      closingQuantity: milliToDecimal(cq),
      closingValueMinor: ov + iv - xv,
      salesPriceMinor: price ?? null,
      openingSalesValueMinor: atPrice(oq, price),
      inSalesValueMinor: atPrice(iq, price),
      outSalesValueMinor: atPrice(xq, price),
      closingSalesValueMinor: atPrice(cq, price),
    });
  }
  return { rows, next };
}

export async function turnoverCount(db: Db, q: TurnoverQuery): Promise<number> {
  const r = await db.kysely
    .selectFrom(grouped(db, q).select('m.item_id').as('g'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return num(r.n);
}

export function streamTurnover(db: Db, q: TurnoverQuery, limit?: number): AsyncGenerator<TurnoverRow> {
  return streamPages((after) => turnoverPage(db, q, after, limit));
}

export interface MonthTurnover {
  /** YYYY-MM */
  month: string;
  inValueMinor: number;
  outValueMinor: number;
}

/** In and out at cost per calendar month of the period: one row a month, for the chart. */
export async function turnoverByMonth(db: Db, q: Omit<TurnoverQuery, 'priceGroupId'>): Promise<MonthTurnover[]> {
  let b = db.kysely
    .selectFrom('stock_movements as m')
    .innerJoin('documents as d', 'd.id', 'm.document_id')
    .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
    .where('m.date', '>=', q.from)
    .where('m.date', '<=', q.to);
  if (!q.includeTransit) b = b.where('w.is_transit', '=', 0);
  if (q.warehouseId) b = b.where('m.warehouse_id', '=', q.warehouseId);
  if (q.itemId) b = b.where('m.item_id', '=', q.itemId);
  const month = sql<string>`substr(m.date, 1, 7)`;
  const rows = await b
    .select([month.as('month'), sumWhen(isIn, 'value_minor').as('iv'), sumWhen(isOut, 'value_minor', -1).as('xv')])
    .groupBy(month)
    .orderBy(month)
    .execute();
  return rows.map((r) => ({ month: r.month, inValueMinor: num(r.iv), outValueMinor: num(r.xv) }));
}
