// Purchase price control: a receiving line priced above the supplier's contract price valid on the receiving's date
// or, without one, above what the same supplier charged on its last posted receiving of that item, by more than the
// company's tolerance, stops the receiving at "awaiting approval". The flag says which reference it was held against.

import { dec, DomainError } from '@kasa/domain';
import type { Transaction } from 'kysely';
import type { Database } from '../schema';
import { readSetting } from './settings';
import { contractPricesOn } from '../catalogue/contract-prices';

export interface FlaggedPrice {
  lineNo: number;
  itemId: number;
  priceMinor: number;
  /** What the price was held against: the contract price valid on the date (it takes precedence), else the last price. */
  reference: 'contract' | 'last';
  /** The contract price or the last price, minor units. */
  referencePriceMinor: number;
  /** The contract price's period, when the reference is a contract. */
  contract?: { id: number; validFrom: string; validTo: string | null };
  /** The supplier's last posted receiving price of the item, when there is one (always when the reference is 'last'). */
  lastPriceMinor: number | null;
  lastDocumentNumber: string | null;
  lastDate: string | null;
  /** How much dearer than the reference, in percent with 2 places, e.g. "20.00". */
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
  // Only the newest line per item comes back (a window over the supplier's receivings of these items), not the
  // item's whole purchase history: a 1,000-line receiving from a supplier of years reads 1,000 rows.
  const ranked = trx
    .selectFrom('document_lines')
    .innerJoin('documents', 'documents.id', 'document_lines.document_id')
    .select((eb) => [
      'document_lines.item_id',
      'document_lines.price_minor',
      'documents.number',
      'documents.date',
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('document_lines.item_id').orderBy('documents.date', 'desc').orderBy('documents.id', 'desc').orderBy('document_lines.line_no', 'desc'))
        .as('rank'),
    ])
    .where('documents.type', '=', 'receiving')
    .where('documents.status', 'in', ['posted', 'closed'])
    .where('documents.partner_id', '=', partnerId)
    .where('documents.date', '<=', date)
    .where('documents.id', '!=', excludeDocumentId)
    .where('document_lines.item_id', 'in', itemIds);
  const rows = await trx.selectFrom(ranked.as('r')).selectAll().where('r.rank', '=', 1).execute();
  for (const r of rows) out.set(Number(r.item_id), { priceMinor: Number(r.price_minor), number: r.number, date: r.date });
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
  const itemIds = [...new Set(lines.map((l) => Number(l.item_id)))];
  const last = await lastPurchasePrices(trx, doc.partnerId, itemIds, doc.date, doc.id);
  const contracts = await contractPricesOn(trx, doc.partnerId, itemIds, doc.date);
  const flagged: FlaggedPrice[] = [];
  for (const l of lines) {
    const prev = last.get(Number(l.item_id));
    // Contract prices and receivings are both in the company's currency.
    const contract = contracts.get(Number(l.item_id));
    const reference = contract ? contract.priceMinor : prev?.priceMinor;
    if (reference === undefined || reference <= 0) continue;
    const limit = dec(reference).mul(dec(100).plus(tolerance)).div(100);
    if (dec(l.price_minor).gt(limit))
      flagged.push({
        lineNo: l.line_no,
        itemId: Number(l.item_id),
        priceMinor: Number(l.price_minor),
        reference: contract ? 'contract' : 'last',
        referencePriceMinor: reference,
        ...(contract ? { contract: { id: contract.id, validFrom: contract.validFrom, validTo: contract.validTo } } : {}),
        lastPriceMinor: prev?.priceMinor ?? null,
        lastDocumentNumber: prev?.number ?? null,
        lastDate: prev?.date ?? null,
        increasePercent: dec(l.price_minor).minus(reference).mul(100).div(reference).toFixed(2),
      });
  }
  return { tolerancePercent: tol, flagged };
}
