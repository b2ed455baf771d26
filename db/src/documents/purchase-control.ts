// Purchase price control: a receiving line priced above what the same supplier charged on its last posted receiving
// of that item, by more than the company's tolerance, stops the receiving at "awaiting approval".

import { dec, DomainError } from '@kasa/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../schema';
import { readSetting } from './settings';

export interface FlaggedPrice {
  lineNo: number;
  itemId: number;
  priceMinor: number;
  lastPriceMinor: number;
  lastDocumentNumber: string;
  lastDate: string;
  /** How much dearer, in percent with 2 places, e.g. "20.00". */
  increasePercent: string;
}

export interface PriceControl {
  tolerancePercent: string;
  flagged: FlaggedPrice[];
}

/** The supplier's last posted receiving price per item, on or before `date` (a storno'd receiving does not count). */
export async function lastPurchasePrices(
  trx: Transaction<Database>,
  partnerId: number,
  itemIds: number[],
  date: string,
  excludeDocumentId: number,
): Promise<Map<number, { priceMinor: number; number: string; date: string }>> {
  const out = new Map<number, { priceMinor: number; number: string; date: string }>();
  if (itemIds.length === 0) return out;
  const rows = await trx
    .selectFrom('document_lines')
    .innerJoin('documents', 'documents.id', 'document_lines.document_id')
    .select(['document_lines.item_id', 'document_lines.price_minor', 'documents.number', 'documents.date'])
    .where('documents.type', '=', 'receiving')
    .where('documents.status', 'in', ['posted', 'closed'])
    .where('documents.partner_id', '=', partnerId)
    .where('documents.date', '<=', date)
    .where('documents.id', '!=', excludeDocumentId)
    .where('document_lines.item_id', 'in', itemIds)
    .orderBy('documents.date', 'desc')
    .orderBy('documents.id', 'desc')
    .orderBy('document_lines.line_no', 'desc')
    .execute();
  for (const r of rows)
    if (!out.has(Number(r.item_id))) out.set(Number(r.item_id), { priceMinor: Number(r.price_minor), number: r.number, date: r.date });
  return out;
}

export async function checkPurchasePrices(
  trx: Transaction<Database>,
  doc: { id: number; partnerId: number | null; date: string },
  lines: { line_no: number; item_id: number; price_minor: number }[],
): Promise<PriceControl> {
  const tol = await readSetting(trx, 'purchase.price_tolerance_percent');
  const tolerance = dec(tol);
  if (!tolerance.isFinite() || tolerance.lt(0)) throw new DomainError('settings.invalid', { key: 'purchase.price_tolerance_percent', value: tol }, 500);
  if (doc.partnerId === null) return { tolerancePercent: tol, flagged: [] };
  const last = await lastPurchasePrices(trx, doc.partnerId, [...new Set(lines.map((l) => Number(l.item_id)))], doc.date, doc.id);
  const flagged: FlaggedPrice[] = [];
  for (const l of lines) {
    const prev = last.get(Number(l.item_id));
    if (!prev || prev.priceMinor <= 0) continue;
    const limit = dec(prev.priceMinor).mul(dec(100).plus(tolerance)).div(100);
    if (dec(l.price_minor).gt(limit))
      flagged.push({
        lineNo: l.line_no,
        itemId: Number(l.item_id),
        priceMinor: Number(l.price_minor),
        lastPriceMinor: prev.priceMinor,
        lastDocumentNumber: prev.number,
        lastDate: prev.date,
        increasePercent: dec(l.price_minor).minus(prev.priceMinor).mul(100).div(prev.priceMinor).toFixed(2),
      });
  }
  return { tolerancePercent: tol, flagged };
}
