// What production and cutting share with the document engine: a posted 'production' document numbered from its
// series, the ledger's costing and negative-stock policy, and stock errors that name the item by its code.
// Production moves goods both ways in one document, which the engine's planMovements does not express, so these
// postings call the same pieces (allocateNumber, postMovements, audit) inside the caller's one transaction.

import type { Kysely, Transaction } from 'kysely';
import { assertOpenPeriod, assertRight, Decimal, DomainError, isDomainError } from '@kasa/domain';
import type { Db } from '../connection';
import type { Database } from '../schema';
import type { Actor, DocumentView } from '../documents/engine';
import { getDocument } from '../documents/engine';
import { allocateNumber } from '../series/allocate';
import { postMovements, type ItemCosting, type LedgerMovement } from '../ledger/stock-ledger';

type Trx = Transaction<Database>;

/** Item codes for messages ("BREAD → DOUGH → BREAD") and reports. */
export async function itemCodes(k: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await k.selectFrom('items').select(['id', 'code']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [Number(r.id), r.code]));
}

export const namesFrom = (codes: Map<number, string>) => (id: number) => codes.get(id) ?? String(id);


export function checkDate(date: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new DomainError('validation.date', { field: 'date', value: date }, 400);
}

export function checkQuantity(itemId: number | string, quantity: string, allowZero = false): void {
  if (!/^\d{1,12}(\.\d{1,3})?$/.test(String(quantity).trim()) || (!allowZero && Number(quantity) === 0))
    throw new DomainError('validation.quantity', { item: itemId, quantity: String(quantity) }, 400);
}

/** Same rule as the engine: transit warehouses may go negative, others as configured. */
export async function ledgerPolicy(trx: Trx, itemIds: number[]) {
  const unique = [...new Set(itemIds)];
  const items = unique.length ? await trx.selectFrom('items').select(['id', 'costing', 'standard_cost_minor']).where('id', 'in', unique).execute() : [];
  const whs = await trx.selectFrom('warehouses').select(['id', 'negative_stock', 'is_transit']).execute();
  const costing = new Map<number, ItemCosting>(items.map((i) => [Number(i.id), i]));
  const neg = new Map(whs.map((w) => [Number(w.id), w.negative_stock === 'allow' || w.is_transit ? ('allow' as const) : ('forbid' as const)]));
  return {
    costing: (id: number): ItemCosting => costing.get(id) ?? { costing: 'average', standard_cost_minor: null },
    negativeStock: (id: number) => neg.get(id) ?? ('forbid' as const),
    warehouseKnown: (id: number) => neg.has(id),
  };
}

/** postMovements, with a stock.negative error naming the item's code instead of its id. */
export async function postNamed(
  trx: Trx,
  db: { kind: Db['kind'] },
  documentId: number,
  date: string,
  movements: LedgerMovement[],
  policy: Awaited<ReturnType<typeof ledgerPolicy>>,
  names: (id: number) => string,
  negativeStock?: 'allow',
): Promise<number[]> {
  try {
    return await postMovements(trx, db.kind, documentId, date, movements, policy.costing, negativeStock ? () => 'allow' : policy.negativeStock);
  } catch (e) {
    if (isDomainError(e) && e.code === 'stock.negative') {
      const id = Number(e.params.item);
      throw new DomainError('stock.negative', { ...e.params, item: names(id), itemId: id }, e.status);
    }
    throw e;
  }
}

export interface PostedHeader {
  type: 'production';
  seriesCode: string;
  date: string;
  warehouseId: number;
  reason?: string | null;
  idempotencyKey?: string;
}

/** Rights, lock date and a numbered, posted document header; lines and totals are written once costs are known. */
export async function openPostedDocument(trx: Trx, actor: Actor, h: PostedHeader): Promise<{ id: number; number: string }> {
  assertRight(actor.rights, 'production.post');
  const c = await trx.selectFrom('companies').selectAll().orderBy('id').executeTakeFirst();
  if (!c) throw new DomainError('company.missing', {}, 409);
  assertOpenPeriod(h.date, c.lock_date, 'post');
  const n = await allocateNumber(trx, h.seriesCode, Number(h.date.slice(0, 4)), h.type);
  const now = new Date().toISOString();
  const ins = await trx
    .insertInto('documents')
    .values({
      company_id: c.id,
      type: h.type,
      series_code: n.seriesCode,
      year: n.year,
      number_seq: n.seq,
      number: n.number,
      status: 'posted',
      date: h.date,
      warehouse_id: h.warehouseId,
      to_warehouse_id: null,
      partner_id: null,
      currency: c.currency,
      total_minor: 0,
      reason: h.reason ?? null,
      reverses_id: null,
      reversed_by_id: null,
      idempotency_key: h.idempotencyKey ?? null,
      payload: null,
      created_by: actor.userId,
      created_at: now,
      posted_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(ins.id), number: n.number };
}

/** Writes the document's lines (what it made, at cost), total and report payload. */
export async function closePostedDocument(
  trx: Trx,
  id: number,
  lines: Array<{ itemId: number; quantity: string; amountMinor: number }>,
  payload: unknown,
): Promise<void> {
  if (lines.length)
    await trx
      .insertInto('document_lines')
      .values(
        lines.map((l, i) => ({
          document_id: id,
          line_no: i + 1,
          item_id: l.itemId,
          quantity: l.quantity,
          price_minor: new Decimal(l.quantity).isPos() ? new Decimal(l.amountMinor).div(l.quantity).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber() : 0,
          discount_minor: 0,
          amount_minor: l.amountMinor,
          vat_rate: '0',
        })),
      )
      .execute();
  await trx
    .updateTable('documents')
    .set({ total_minor: lines.reduce((s, l) => s + l.amountMinor, 0), payload: JSON.stringify(payload) })
    .where('id', '=', id)
    .execute();
}

/** A retry with the same idempotency key returns the first document and its report. */
export async function existingByKey<T>(db: Db, key: string | undefined): Promise<{ document: DocumentView; report: T } | null> {
  if (!key) return null;
  const d = await db.kysely.selectFrom('documents').select(['id', 'payload']).where('idempotency_key', '=', key).executeTakeFirst();
  if (!d) return null;
  return { document: await getDocument(db, Number(d.id)), report: JSON.parse(d.payload ?? '{}') as T };
}

export const isUniqueViolation = (e: unknown) => /unique|duplicate key/i.test(String((e as Error)?.message));
