// Marked goods: every unit's GS1 code (GTIN + serial) is recorded at receiving, sold once at the till and returned once.
// Each takes a Kysely handle or the caller's transaction, so the receiving and sale postings can call them inside theirs.
// Status changes are compare-and-set, so two tills selling the same code at once cannot both succeed.

import type { Kysely } from 'kysely';
import { DomainError, gtinToEan13, parseMarkingCode, type Gs1Options, type MarkingCode } from '@kasa/domain';
import type { Database } from '../schema';

type K = Kysely<Database>;

export type MarkingStatus = 'received' | 'sold' | 'returned';

export interface MarkedUnit {
  /** GTIN-14 + serial: the stored identity. */
  code: string;
  gtin: string;
  serial: string;
  itemId: number;
  status: MarkingStatus;
  /** The code as scanned now (with its crypto tail): what the fiscal driver is given. */
  raw: string;
}

/** The item a GTIN belongs to, through its barcodes (GTIN-14 as stored, or the EAN-13 inside it). */
async function itemForGtin(k: K, m: MarkingCode): Promise<number> {
  const candidates = [m.gtin, gtinToEan13(m.gtin)].filter((c): c is string => !!c);
  const row = await k.selectFrom('barcodes').select('item_id').where('code', 'in', candidates).executeTakeFirst();
  if (!row) throw new DomainError('marking.unknown_gtin', { gtin: m.gtin, code: m.key });
  return Number(row.item_id);
}

/** Records the codes of a receiving's units; refused as a whole if any code is invalid or already in stock or sold. */
export async function receiveMarkingCodes(k: K, input: { documentId?: number | null; itemId?: number; codes: string[]; gs1?: Gs1Options }): Promise<MarkedUnit[]> {
  const parsed = input.codes.map((c) => parseMarkingCode(c, input.gs1));
  const seen = new Set<string>();
  for (const m of parsed) {
    if (seen.has(m.key)) throw new DomainError('marking.already_received', { code: m.key });
    seen.add(m.key);
  }
  if (!parsed.length) return [];
  const existing = await k.selectFrom('marking_codes').select(['code', 'status']).where('code', 'in', [...seen]).execute();
  const blocking = existing.find((e) => e.status !== 'returned');
  if (blocking) throw new DomainError('marking.already_received', { code: blocking.code });
  const now = new Date().toISOString();
  const out: MarkedUnit[] = [];
  for (const m of parsed) {
    const itemId = input.itemId ?? (await itemForGtin(k, m));
    const row = {
      code: m.key,
      gtin: m.gtin,
      serial: m.serial,
      raw: m.raw,
      item_id: itemId,
      status: 'received',
      receiving_document_id: input.documentId ?? null,
      sale_document_id: null,
      return_document_id: null,
      updated_at: now,
    };
    // A unit returned to us earlier and bought back in comes in again; one in stock or sold does not.
    const r = await k
      .insertInto('marking_codes')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet({ status: 'received', receiving_document_id: row.receiving_document_id, sale_document_id: null, return_document_id: null, raw: m.raw, item_id: itemId, updated_at: now })
          .where('marking_codes.status', '=', 'returned'),
      )
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) throw new DomainError('marking.already_received', { code: m.key });
    out.push({ code: m.key, gtin: m.gtin, serial: m.serial, itemId, status: 'received', raw: m.raw });
  }
  return out;
}

async function current(k: K, m: MarkingCode) {
  const row = await k.selectFrom('marking_codes').select(['code', 'item_id', 'status']).where('code', '=', m.key).executeTakeFirst();
  if (!row) throw new DomainError('marking.unknown', { code: m.key });
  return row;
}

/** Marks a unit sold; unknown codes, codes already sold and codes of another item are refused, naming the code. */
export async function sellMarkingCode(k: K, input: { code: string; saleDocumentId?: number | null; itemId?: number; gs1?: Gs1Options }): Promise<MarkedUnit> {
  const m = parseMarkingCode(input.code, input.gs1);
  const row = await current(k, m);
  const itemId = Number(row.item_id);
  if (input.itemId !== undefined && input.itemId !== itemId) {
    const names = await k.selectFrom('items').select(['id', 'code']).where('id', 'in', [itemId, input.itemId]).execute();
    const code = (id: number) => names.find((n) => Number(n.id) === id)?.code ?? String(id);
    throw new DomainError('marking.wrong_item', { code: m.key, expected: code(itemId), item: code(input.itemId) });
  }
  const r = await k
    .updateTable('marking_codes')
    .set({ status: 'sold', sale_document_id: input.saleDocumentId ?? null, return_document_id: null, updated_at: new Date().toISOString() })
    .where('code', '=', m.key)
    .where('status', 'in', ['received', 'returned'])
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new DomainError('marking.already_sold', { code: m.key });
  return { code: m.key, gtin: m.gtin, serial: m.serial, itemId, status: 'sold', raw: m.raw };
}

/** Takes a sold unit back; a code not sold (or already returned) is refused. */
export async function returnMarkingCode(k: K, input: { code: string; returnDocumentId?: number | null; gs1?: Gs1Options }): Promise<MarkedUnit> {
  const m = parseMarkingCode(input.code, input.gs1);
  const row = await current(k, m);
  const r = await k
    .updateTable('marking_codes')
    .set({ status: 'returned', return_document_id: input.returnDocumentId ?? null, updated_at: new Date().toISOString() })
    .where('code', '=', m.key)
    .where('status', '=', 'sold')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new DomainError('marking.not_sold', { code: m.key, status: row.status });
  return { code: m.key, gtin: m.gtin, serial: m.serial, itemId: Number(row.item_id), status: 'returned', raw: m.raw };
}

/** A unit's state, for the till's check before the receipt is closed; null when never received. */
export async function markingCodeStatus(k: K, code: string, gs1?: Gs1Options): Promise<MarkedUnit | null> {
  const m = parseMarkingCode(code, gs1);
  const row = await k.selectFrom('marking_codes').selectAll().where('code', '=', m.key).executeTakeFirst();
  if (!row) return null;
  return { code: row.code, gtin: row.gtin, serial: row.serial, itemId: Number(row.item_id), status: row.status as MarkingStatus, raw: row.raw };
}
