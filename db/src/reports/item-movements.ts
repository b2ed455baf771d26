// The movement history of one item: every posted document that moved it, in posting order, with the running
// balance after each line. The running balance travels in the page cursor, so any page is exact on its own.

import { sql } from 'kysely';
import type { Db } from '../connection';
import { decodeCursor, encodeCursor, keysetAfter, milliToDecimal, num, pageSize, streamPages, type Page } from './paging';

export interface ItemMovementsQuery {
  itemId: number;
  from?: string;
  to?: string;
  warehouseId?: number;
  includeTransit?: boolean;
}

export interface ItemMovementRow {
  movementId: number;
  date: string;
  documentId: number;
  documentType: string;
  documentNumber: string;
  documentStatus: string;
  /** The document this one reverses (a storno), if any. */
  reversesId: number | null;
  partnerName: string | null;
  warehouseId: number;
  warehouseCode: string;
  quantity: string;
  valueMinor: number;
  balanceQuantity: string;
  balanceValueMinor: number;
}

function filtered(db: Db, q: ItemMovementsQuery) {
  let b = db.kysely
    .selectFrom('stock_movements as m')
    .innerJoin('warehouses as w', 'w.id', 'm.warehouse_id')
    .where('m.item_id', '=', q.itemId);
  if (!q.includeTransit) b = b.where('w.is_transit', '=', 0);
  if (q.warehouseId) b = b.where('m.warehouse_id', '=', q.warehouseId);
  return b;
}

export async function itemMovementsPage(db: Db, q: ItemMovementsQuery, after: string | null = null, limit?: number): Promise<Page<ItemMovementRow>> {
  const size = pageSize(limit);
  // cursor: date, movement id, running quantity (milli), running value
  const key = decodeCursor(after, 4);
  let runQ = 0;
  let runV = 0;
  if (key) {
    runQ = Number(key[2]);
    runV = Number(key[3]);
  } else if (q.from) {
    const o = await filtered(db, q)
      .where('m.date', '<', q.from)
      .select([sql<string>`sum(m.quantity_milli)`.as('q'), sql<string>`sum(m.value_minor)`.as('v')])
      .executeTakeFirst();
    runQ = num(o?.q);
    runV = num(o?.v);
  }
  let b = filtered(db, q)
    .innerJoin('documents as d', 'd.id', 'm.document_id')
    .leftJoin('partners as p', 'p.id', 'd.partner_id')
    .select([
      'm.id',
      'm.date',
      'm.quantity_milli',
      'm.value_minor',
      'm.warehouse_id',
      'w.code as warehouse_code',
      'd.id as document_id',
      'd.type',
      'd.number',
      'd.status',
      'd.reverses_id',
      'p.name as partner_name',
    ])
    .orderBy('m.date')
    .orderBy('m.id')
    .limit(size + 1);
  if (q.from) b = b.where('m.date', '>=', q.from);
  if (q.to) b = b.where('m.date', '<=', q.to);
  if (key) b = b.where(keysetAfter(['m.date', 'm.id'], [key[0]!, key[1]!]));
  const raw = await b.execute();
  const more = raw.length > size;
  const rows = raw.slice(0, size).map((r): ItemMovementRow => {
    runQ += num(r.quantity_milli);
    runV += num(r.value_minor);
    return {
      movementId: Number(r.id),
      date: r.date,
      documentId: Number(r.document_id),
      documentType: r.type,
      documentNumber: r.number,
      documentStatus: r.status,
      reversesId: r.reverses_id === null ? null : Number(r.reverses_id),
      partnerName: r.partner_name,
      warehouseId: Number(r.warehouse_id),
      warehouseCode: r.warehouse_code,
      quantity: milliToDecimal(num(r.quantity_milli)),
      valueMinor: num(r.value_minor),
      balanceQuantity: milliToDecimal(runQ),
      balanceValueMinor: runV,
    };
  });
  const last = rows[rows.length - 1];
  return { rows, next: more && last ? encodeCursor([last.date, last.movementId, runQ, runV]) : null };
}

export async function itemMovementsCount(db: Db, q: ItemMovementsQuery): Promise<number> {
  let b = filtered(db, q);
  if (q.from) b = b.where('m.date', '>=', q.from);
  if (q.to) b = b.where('m.date', '<=', q.to);
  const r = await b.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return num(r.n);
}

export function streamItemMovements(db: Db, q: ItemMovementsQuery, limit?: number): AsyncGenerator<ItemMovementRow> {
  return streamPages((after) => itemMovementsPage(db, q, after, limit));
}
