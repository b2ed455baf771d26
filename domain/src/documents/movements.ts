// Posting turns a document into ledger movements. Pure: which item moves where, by how much, at what known value.
// Transfers go through the source's transit warehouse (PayTraq "Tranzītā"): dispatch moves goods into transit,
// receiving moves them out of transit into the destination.

import { DomainError } from '../errors/domain-error';
import { dec } from '../money/decimal';
import { milliOf, milliText } from '../money/quantity';
import type { DocumentType } from './document';

export interface PostingLine {
  itemId: number;
  quantity: string;
  /** Net line amount in minor units: the cost of a receiving. */
  netMinor: number;
}

export interface PostingDocument {
  type: DocumentType;
  number: string;
  warehouseId: number | null;
  toWarehouseId: number | null;
  transitWarehouseId?: number | null;
  lines: PostingLine[];
}

export interface PlannedMovement {
  itemId: number;
  warehouseId: number;
  quantity: string;
  valueMinor?: number;
  /** For transfers: the movement whose value this one takes over (index into the plan). */
  valueFrom?: number;
}

export type PostingStage = 'post' | 'dispatch' | 'receive';

function need(id: number | null | undefined, field: string, number: string): number {
  if (!id) throw new DomainError('document.field_required', { field, number }, 400);
  return id;
}

export function planMovements(doc: PostingDocument, stage: PostingStage): PlannedMovement[] {
  const out: PlannedMovement[] = [];
  const neg = (q: string) => {
    const milli = milliOf(q);
    return milli === null ? dec(q).neg().toFixed(3) : milliText(-milli);
  };
  for (const l of doc.lines) {
    const milli = milliOf(l.quantity);
    if (milli === null ? dec(l.quantity).lte(0) : milli <= 0) throw new DomainError('document.quantity_positive', { number: doc.number, item: l.itemId }, 400);
    switch (doc.type) {
      case 'receiving':
      case 'surplus':
        out.push({ itemId: l.itemId, warehouseId: need(doc.warehouseId, 'warehouseId', doc.number), quantity: l.quantity, valueMinor: doc.type === 'receiving' ? l.netMinor : undefined });
        break;
      case 'sale_return':
        out.push({ itemId: l.itemId, warehouseId: need(doc.warehouseId, 'warehouseId', doc.number), quantity: l.quantity });
        break;
      case 'sale':
      case 'write_off':
      case 'shortage':
      case 'supplier_return':
        out.push({ itemId: l.itemId, warehouseId: need(doc.warehouseId, 'warehouseId', doc.number), quantity: neg(l.quantity) });
        break;
      case 'transfer': {
        const from = need(doc.warehouseId, 'warehouseId', doc.number);
        const to = need(doc.toWarehouseId, 'toWarehouseId', doc.number);
        if (from === to) throw new DomainError('transfer.same_warehouse', { number: doc.number }, 400);
        const transit = doc.transitWarehouseId ?? null;
        const a = stage === 'receive' ? need(transit, 'transitWarehouseId', doc.number) : from;
        const b = stage === 'dispatch' ? need(transit, 'transitWarehouseId', doc.number) : to;
        out.push({ itemId: l.itemId, warehouseId: a, quantity: neg(l.quantity) });
        out.push({ itemId: l.itemId, warehouseId: b, quantity: l.quantity, valueFrom: out.length - 1 });
        break;
      }
      default:
        throw new DomainError('document.type_not_postable', { type: doc.type, number: doc.number }, 400);
    }
  }
  return out;
}
