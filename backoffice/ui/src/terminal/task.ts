// The task in hand on the handheld (which document, what is expected, what has been counted), kept in
// localStorage so a reload or a flat battery swap resumes the same count.
import { addQuantities, compareQuantities } from '../i18n/format';

export type TaskKind = 'receive' | 'stocktake' | 'transfer';

export interface TaskLine {
  itemId: string;
  name: string;
  expected: string | null;
  counted: string;
}

/** The header of the document a task makes when it is finished (stocktake, transfer, receiving against an order). */
export interface DocumentHeader {
  type: 'receiving' | 'stocktake' | 'transfer';
  warehouseId: number | string | null;
  toWarehouseId?: number | string | null;
  partnerId?: number | string | null;
}

export interface Task {
  kind: TaskKind;
  /** Scans go one by one to this existing draft (POST /documents/:id/lines, one Idempotency-Key per scan)... */
  documentId: string | null;
  /** ...or, without a draft, the counted totals become one new document on Finish, sent with this key. */
  create?: DocumentHeader;
  /** Receiving against this supplier order: Finish sends the counted totals to POST /documents/:order/receivings. */
  orderId?: string;
  /** Receiving this transfer in transit: Finish sends what arrived per item (0 for an item never scanned). */
  transferId?: string;
  /** Counting for this open stocktake: every count goes at once to POST /stocktakes/:id/counts with its own key. */
  stocktakeId?: string;
  key: string;
  title: string;
  lines: TaskLine[];
}

const idOf = (s: string) => (/^\d+$/.test(s) ? Number(s) : s);

/** What one stocktake count sends: the item, the quantity, when it was counted (a queued count keeps that moment) and by which handheld. */
export function stocktakeCount(task: Task, itemId: string, quantity: string, countedAt: Date, device: string): { path: string; body: Record<string, unknown> } | null {
  if (!task.stocktakeId) return null;
  return {
    path: `/api/v1/stocktakes/${encodeURIComponent(task.stocktakeId)}/counts`,
    body: { itemId: idOf(itemId), quantity, countedAt: countedAt.toISOString(), device },
  };
}

/** What Finish sends for a receiving against a supplier order: the counted totals (empty lines left out). */
export function finishedOrderReceiving(task: Task, date: string): { path: string; body: Record<string, unknown> } | null {
  if (!task.orderId) return null;
  const lines = task.lines.filter((l) => l.counted !== '0.000').map((l) => ({ itemId: idOf(l.itemId), quantity: l.counted }));
  if (lines.length === 0) return null;
  return { path: `/api/v1/documents/${encodeURIComponent(task.orderId)}/receivings`, body: { date, lines } };
}

/** What Finish sends for a transfer in transit: every sent item with what arrived, so shortfalls are recorded. */
export function finishedTransferReceipt(task: Task): { path: string; body: Record<string, unknown> } | null {
  if (!task.transferId) return null;
  const lines = task.lines.filter((l) => l.expected !== null).map((l) => ({ itemId: idOf(l.itemId), quantity: l.counted }));
  return { path: `/api/v1/documents/${encodeURIComponent(task.transferId)}/receive`, body: { lines } };
}

/** The body of POST /api/v1/documents that a finished task without a draft sends (empty lines left out). */
export function finishedDocument(task: Task, date: string): Record<string, unknown> | null {
  if (!task.create) return null;
  const lines = task.lines
    .filter((l) => l.counted !== '0.000')
    .map((l) => ({ itemId: /^\d+$/.test(l.itemId) ? Number(l.itemId) : l.itemId, quantity: l.counted }));
  if (lines.length === 0) return null;
  const body: Record<string, unknown> = { type: task.create.type, date, warehouseId: task.create.warehouseId, lines };
  if (task.create.toWarehouseId != null) body.toWarehouseId = task.create.toWarehouseId;
  if (task.create.partnerId != null) body.partnerId = task.create.partnerId;
  return body;
}

const key = 'kasa.terminal.task';

export function loadTask(): Task | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as Task | null;
  } catch {
    return null;
  }
}

export function saveTask(task: Task | null): void {
  if (task) localStorage.setItem(key, JSON.stringify(task));
  else localStorage.removeItem(key);
}

/** Add a counted quantity; the warning says whether this count passes what the document expects. */
export function count(
  task: Task,
  item: { id: string; name: string },
  quantity: string,
): { task: Task; over: TaskLine | null; unexpected: boolean } {
  const existing = task.lines.find((l) => l.itemId === item.id);
  const line: TaskLine = existing
    ? { ...existing, counted: addQuantities(existing.counted, quantity) }
    : { itemId: item.id, name: item.name, expected: null, counted: addQuantities('0', quantity) };
  const lines = existing ? task.lines.map((l) => (l.itemId === item.id ? line : l)) : [...task.lines, line];
  const hasExpectations = task.lines.some((l) => l.expected !== null);
  const over = line.expected !== null && compareQuantities(line.counted, line.expected) > 0 ? line : null;
  return { task: { ...task, lines }, over, unexpected: task.kind === 'receive' && hasExpectations && line.expected === null };
}
