// Documents made from other documents: a receiving from a supplier order (what is still to come, at the order's
// prices), a return to the supplier from a receiving; and the relations view that shows ordered against received.

import { dec, DomainError, type DocumentType } from '@kasa/domain';
import type { Db } from '../connection';
import { createDocument, getDocument, type Actor, type DocumentView } from './engine';

/** Which document type may be made from which, and from what statuses. */
const DERIVATIONS: Partial<Record<DocumentType, { to: DocumentType; from: string[] }[]>> = {
  supplier_order: [{ to: 'receiving', from: ['draft', 'posted'] }],
  receiving: [{ to: 'supplier_return', from: ['posted', 'closed'] }],
};

/** Receivings (or returns) made from a document that still count: not annulled, not reversed. */
async function liveChildren(db: Db, baseId: number, type: DocumentType) {
  return db.kysely
    .selectFrom('documents')
    .select(['id', 'number', 'status'])
    .where('base_document_id', '=', baseId)
    .where('type', '=', type)
    .where('status', 'in', ['draft', 'awaiting_approval', 'posted', 'closed'])
    .execute();
}

async function quantitiesOf(db: Db, docIds: number[]): Promise<Map<number, ReturnType<typeof dec>>> {
  const out = new Map<number, ReturnType<typeof dec>>();
  if (docIds.length === 0) return out;
  const rows = await db.kysely.selectFrom('document_lines').select(['item_id', 'quantity']).where('document_id', 'in', docIds).execute();
  for (const r of rows) out.set(Number(r.item_id), (out.get(Number(r.item_id)) ?? dec(0)).plus(dec(r.quantity)));
  return out;
}

/**
 * A new draft from `id`: a receiving takes the order's lines less what earlier receivings of this order already
 * brought (a partial delivery leaves the rest for the next one); a supplier return takes the receiving's lines.
 */
export async function deriveDocument(db: Db, actor: Actor, id: number, type: DocumentType, date = new Date().toISOString().slice(0, 10)): Promise<DocumentView> {
  const base = await getDocument(db, id);
  const rule = (DERIVATIONS[base.type] ?? []).find((r) => r.to === type);
  if (!rule) throw new DomainError('document.derive_forbidden', { number: base.number, type }, 400);
  if (!rule.from.includes(base.status)) throw new DomainError('document.status_forbids', { number: base.number, status: base.status, operation: `derive:${type}` }, 409);
  let lines = base.lines.map((l) => ({ itemId: l.itemId, quantity: l.quantity, priceMinor: l.priceMinor }));
  const children = await liveChildren(db, id, type);
  if (children.length) {
    const done = await quantitiesOf(db, children.map((c) => Number(c.id)));
    lines = lines
      .map((l) => {
        // What earlier receivings brought is taken off the order's lines of that item in order.
        const already = done.get(l.itemId) ?? dec(0);
        const take = already.lt(dec(l.quantity)) ? already : dec(l.quantity);
        done.set(l.itemId, already.minus(take));
        return { ...l, quantity: dec(l.quantity).minus(take).toFixed(3) };
      })
      .filter((l) => dec(l.quantity).gt(0));
  }
  if (lines.length === 0) throw new DomainError('document.nothing_left', { number: base.number, type }, 409);
  return createDocument(db, actor, {
    type,
    date,
    warehouseId: base.warehouseId,
    partnerId: base.partnerId,
    baseDocumentId: id,
    reason: base.number,
    lines,
  });
}

export interface RelatedDocument {
  id: number;
  type: string;
  number: string;
  status: string;
}

export interface OrderDifference {
  itemId: number;
  itemCode: string;
  itemName: string;
  orderedQuantity: string;
  receivedQuantity: string;
  /** received − ordered: negative is still missing, positive is over-delivered. */
  differenceQuantity: string;
  orderedPriceMinor: number | null;
  receivedPriceMinor: number | null;
}

/**
 * The documents around one document, and for a supplier order or a receiving made from one, ordered against
 * received per item (for an order: all its live receivings together; for a receiving: this receiving alone).
 */
export async function documentRelations(db: Db, id: number): Promise<{ base: RelatedDocument | null; derived: RelatedDocument[]; differences: OrderDifference[] | null }> {
  const doc = await getDocument(db, id);
  const rel = (r: { id: number; type: string; number: string; status: string }): RelatedDocument => ({ id: Number(r.id), type: r.type, number: r.number, status: r.status });
  const baseRow = doc.baseDocumentId === null ? undefined : await db.kysely.selectFrom('documents').select(['id', 'type', 'number', 'status']).where('id', '=', doc.baseDocumentId).executeTakeFirst();
  const derivedRows = await db.kysely.selectFrom('documents').select(['id', 'type', 'number', 'status']).where('base_document_id', '=', id).orderBy('id').execute();
  let differences: OrderDifference[] | null = null;
  let order: DocumentView | null = null;
  let received: DocumentView[] = [];
  if (doc.type === 'supplier_order') {
    order = doc;
    const live = await liveChildren(db, id, 'receiving');
    received = await Promise.all(live.filter((c) => c.status !== 'draft').map((c) => getDocument(db, Number(c.id))));
  } else if (doc.type === 'receiving' && baseRow?.type === 'supplier_order') {
    order = await getDocument(db, Number(baseRow.id));
    received = [doc];
  }
  if (order) {
    const rows = new Map<number, OrderDifference>();
    const row = (l: { itemId: number; itemCode: string; itemName: string }) => {
      let r = rows.get(l.itemId);
      if (!r) {
        r = { itemId: l.itemId, itemCode: l.itemCode, itemName: l.itemName, orderedQuantity: '0.000', receivedQuantity: '0.000', differenceQuantity: '0.000', orderedPriceMinor: null, receivedPriceMinor: null };
        rows.set(l.itemId, r);
      }
      return r;
    };
    for (const l of order.lines) {
      const r = row(l);
      r.orderedQuantity = dec(r.orderedQuantity).plus(dec(l.quantity)).toFixed(3);
      r.orderedPriceMinor ??= l.priceMinor;
    }
    for (const d of received)
      for (const l of d.lines) {
        const r = row(l);
        r.receivedQuantity = dec(r.receivedQuantity).plus(dec(l.quantity)).toFixed(3);
        r.receivedPriceMinor = l.priceMinor;
      }
    differences = [...rows.values()].map((r) => ({ ...r, differenceQuantity: dec(r.receivedQuantity).minus(dec(r.orderedQuantity)).toFixed(3) }));
  }
  return { base: baseRow ? rel(baseRow) : null, derived: derivedRows.map(rel), differences };
}
