// Documents: header + lines; statuses and the operations that move between them.
// Statuses follow the PayTraq glossary: Melnraksts (draft), Gaidot apstiprinājumu (awaiting approval),
// Tranzītā (in transit), Grāmatots (posted), Stornēts (storno), Anulēts (annulled), Slēgts (closed).

import { DomainError } from '../errors/domain-error';

export const DOCUMENT_TYPES = [
  'receiving',
  'supplier_return',
  'supplier_order',
  'transfer',
  'write_off',
  'sale',
  'sale_return',
  'stocktake',
  'surplus',
  'shortage',
  'production',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_STATUSES = ['draft', 'awaiting_approval', 'in_transit', 'posted', 'storno', 'annulled', 'closed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Operations on a document; each is a right `<type>.<operation>` (ISM: processing, access, accounting). */
export type DocumentOperation = 'view' | 'edit' | 'submit' | 'approve' | 'post' | 'dispatch' | 'storno' | 'annul' | 'close';

/** Which statuses an operation may start from, and where it leads. */
const TRANSITIONS: Record<Exclude<DocumentOperation, 'view'>, { from: DocumentStatus[]; to: DocumentStatus }> = {
  edit: { from: ['draft'], to: 'draft' },
  submit: { from: ['draft'], to: 'awaiting_approval' },
  approve: { from: ['awaiting_approval'], to: 'posted' },
  post: { from: ['draft', 'in_transit'], to: 'posted' },
  dispatch: { from: ['draft'], to: 'in_transit' },
  storno: { from: ['posted'], to: 'storno' },
  annul: { from: ['draft', 'awaiting_approval'], to: 'annulled' },
  close: { from: ['posted'], to: 'closed' },
};

/** Document types that move stock when posted (orders only reserve or plan). */
export function movesStock(type: DocumentType): boolean {
  return type !== 'supplier_order' && type !== 'stocktake';
}

export function nextStatus(op: Exclude<DocumentOperation, 'view'>, current: DocumentStatus, number: string): DocumentStatus {
  const t = TRANSITIONS[op];
  if (!t.from.includes(current)) {
    const code = current === 'posted' && op === 'edit' ? 'document.posted_immutable' : 'document.status_forbids';
    throw new DomainError(code, { number, status: current, operation: op }, 409);
  }
  return t.to;
}

export function requiredRight(type: DocumentType, op: DocumentOperation): string {
  return `${type}.${op}`;
}

export function hasRight(rights: readonly string[], right: string): boolean {
  const [area] = right.split('.');
  return rights.includes('*') || rights.includes(right) || rights.includes(`${area}.*`);
}

export function assertRight(rights: readonly string[], right: string): void {
  if (!hasRight(rights, right)) throw new DomainError('auth.forbidden', { right }, 403);
}

/** Lock date (bloķēšanas datums): nothing may be posted or reversed on or before it. */
export function assertOpenPeriod(date: string, lockDate: string | null | undefined, op: string): void {
  if (lockDate && date <= lockDate) throw new DomainError('period.locked', { date, lockDate, operation: op }, 409);
}
