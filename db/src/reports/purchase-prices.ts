// Purchase price history: every line of a posted receiving (reversed ones left out), item by item in date order,
// with the change against the item's previous receipt so a manager sees where a supplier raised the price.

import { Decimal } from '@kasa/domain';
import type { Db } from '../connection';
import { decodeCursor, encodeCursor, keysetAfter, num, pageSize, streamPages, type Page } from './paging';

export interface PurchasePricesQuery {
  itemId?: number;
  partnerId?: number;
  from?: string;
  to?: string;
}

export interface PurchasePriceRow {
  lineId: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  date: string;
  documentId: number;
  documentNumber: string;
  partnerId: number | null;
  partnerName: string | null;
  quantity: string;
  /** Net unit price, minor units. */
  priceMinor: number;
  amountMinor: number;
  /** Against the previous receipt of the same item; null for its first one. */
  changeMinor: number | null;
}

function filtered(db: Db, q: PurchasePricesQuery) {
  let b = db.kysely
    .selectFrom('document_lines as l')
    .innerJoin('documents as d', 'd.id', 'l.document_id')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .where('d.type', '=', 'receiving')
    .where('d.status', '=', 'posted')
    .where('d.reverses_id', 'is', null);
  if (q.itemId) b = b.where('l.item_id', '=', q.itemId);
  if (q.partnerId) b = b.where('d.partner_id', '=', q.partnerId);
  if (q.from) b = b.where('d.date', '>=', q.from);
  if (q.to) b = b.where('d.date', '<=', q.to);
  return b;
}

export async function purchasePricesPage(db: Db, q: PurchasePricesQuery, after: string | null = null, limit?: number): Promise<Page<PurchasePriceRow>> {
  const size = pageSize(limit);
  // cursor: item code, item id, date, line id, the last price seen (−1 for none)
  const key = decodeCursor(after, 5);
  let b = filtered(db, q)
    .leftJoin('partners as p', 'p.id', 'd.partner_id')
    .select([
      'l.id',
      'l.item_id',
      'i.code as item_code',
      'i.name as item_name',
      'd.date',
      'd.id as document_id',
      'd.number',
      'd.partner_id',
      'p.name as partner_name',
      'l.quantity',
      'l.price_minor',
      'l.amount_minor',
    ])
    .orderBy('i.code')
    .orderBy('l.item_id')
    .orderBy('d.date')
    .orderBy('l.id')
    .limit(size + 1);
  if (key) b = b.where(keysetAfter(['i.code', 'l.item_id', 'd.date', 'l.id'], key.slice(0, 4)));
  const raw = await b.execute();
  const more = raw.length > size;
  let prevItem = key ? Number(key[1]) : -1;
  let prevPrice = key ? Number(key[4]) : -1;
  const rows = raw.slice(0, size).map((r): PurchasePriceRow => {
    const itemId = Number(r.item_id);
    const price = num(r.price_minor);
    const changeMinor = itemId === prevItem && prevPrice >= 0 ? price - prevPrice : null;
    prevItem = itemId;
    prevPrice = price;
    return {
      lineId: Number(r.id),
      itemId,
      itemCode: r.item_code,
      itemName: r.item_name,
      date: r.date,
      documentId: Number(r.document_id),
      documentNumber: r.number,
      partnerId: r.partner_id === null ? null : Number(r.partner_id),
      partnerName: r.partner_name,
      quantity: new Decimal(r.quantity).toFixed(3),
      priceMinor: price,
      amountMinor: num(r.amount_minor),
      changeMinor,
    };
  });
  const last = rows[rows.length - 1];
  return { rows, next: more && last ? encodeCursor([last.itemCode, last.itemId, last.date, last.lineId, last.priceMinor]) : null };
}

export async function purchasePricesCount(db: Db, q: PurchasePricesQuery): Promise<number> {
  const r = await filtered(db, q).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return num(r.n);
}

export function streamPurchasePrices(db: Db, q: PurchasePricesQuery, limit?: number): AsyncGenerator<PurchasePriceRow> {
  return streamPages((after) => purchasePricesPage(db, q, after, limit));
}
