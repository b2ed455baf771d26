// Picking an online order on the handheld: the pick list in walking order, scans matched against its barcodes
// (offline too), picked totals that never pass what was ordered, agreed substitutes, and what each step sends.
// Quantities are 3-place decimal strings added in integer thousandths (i18n/format), never floats.
import { addQuantities, compareQuantities, parseQuantity } from '../../i18n/format';

/** A line of GET /api/v1/picking/orders/:id (backoffice/src/server/routes/picking.ts). */
export interface PickListLine {
  lineNo: number;
  itemCode: string;
  itemName: string;
  unit: string;
  weighted: boolean;
  location: string;
  barcodes: string[];
  quantity: number;
  pickedQuantity: number | null;
  substituteFor: string | null;
}

export interface PickView {
  order: { id: number; externalRef: string | null; status: string; allowSubstitutions: boolean };
  lines: PickListLine[];
}

export interface PickLine {
  itemCode: string;
  itemName: string;
  unit: string;
  weighted: boolean;
  location: string;
  barcodes: string[];
  /** What the customer ordered ("0.000" for a substitute). */
  ordered: string;
  picked: string;
  /** The ordered item's code this line replaces. */
  substituteFor: string | null;
  /** Dealt with: picked in full, or marked not found / substituted. */
  done: boolean;
}

export interface PickTask {
  orderId: number;
  ref: string;
  allowSubstitutions: boolean;
  /** Finish is sent under this Idempotency-Key, so a retried Finish is applied once. */
  finishKey: string;
  lines: PickLine[];
}

const q = (n: number | null) => (n === null ? '0.000' : (parseQuantity(String(n)) ?? '0.000'));

export function pickTaskFrom(view: PickView, finishKey: string): PickTask {
  return {
    orderId: view.order.id,
    ref: view.order.externalRef ?? `#${view.order.id}`,
    allowSubstitutions: view.order.allowSubstitutions,
    finishKey,
    lines: view.lines.map((l) => {
      const ordered = q(l.quantity);
      const picked = q(l.pickedQuantity);
      return {
        itemCode: l.itemCode,
        itemName: l.itemName,
        unit: l.unit,
        weighted: l.weighted,
        location: l.location,
        barcodes: l.barcodes,
        ordered,
        picked,
        substituteFor: l.substituteFor,
        done: l.substituteFor !== null || (l.pickedQuantity !== null && compareQuantities(picked, ordered) >= 0),
      };
    }),
  };
}

/** The line a scanned code belongs to (barcode or item code), ordered lines before substitutes. */
export function lineForCode(task: PickTask, code: string): PickLine | null {
  const c = code.trim();
  const hits = task.lines.filter((l) => l.itemCode === c || l.barcodes.includes(c));
  return hits.find((l) => l.substituteFor === null) ?? hits[0] ?? null;
}

/** The next line to walk to: the first in walking order not yet dealt with. */
export function nextLine(task: PickTask): PickLine | null {
  return task.lines.find((l) => l.substituteFor === null && !l.done) ?? null;
}

/** Ordered lines not dealt with: Finish sends them with what was picked so far (often 0: not found). */
export function openLines(task: PickTask): PickLine[] {
  return task.lines.filter((l) => l.substituteFor === null && !l.done);
}

/** What may still be picked for a line: an ordered line its order; a substitute what its original still lacks. */
function limitOf(task: PickTask, line: PickLine): string {
  if (line.substituteFor === null) return line.ordered;
  const original = task.lines.find((l) => l.itemCode === line.substituteFor && l.substituteFor === null);
  if (!original) return line.picked;
  const others = task.lines.filter((l) => l.substituteFor === line.substituteFor && l.itemCode !== line.itemCode);
  const taken = others.reduce((s, l) => addQuantities(s, l.picked), original.picked);
  return addQuantities(original.ordered, `-${taken}`);
}

export type PickResult = { task: PickTask; line: PickLine; over: false } | { task: PickTask; line: PickLine; over: true; limit: string; wouldBe: string };

/** Adds a scanned quantity to a line; more than ordered is refused (the task is returned unchanged). */
export function addPick(task: PickTask, itemCode: string, quantity: string, substituteFor: string | null = null): PickResult {
  const line = task.lines.find((l) => l.itemCode === itemCode && l.substituteFor === substituteFor);
  if (!line) throw new Error(`no line ${itemCode}`);
  const wouldBe = addQuantities(line.picked, quantity);
  const limit = limitOf(task, line);
  if (compareQuantities(wouldBe, limit) > 0) return { task, line, over: true, limit, wouldBe };
  const updated: PickLine = { ...line, picked: wouldBe, done: line.substituteFor !== null || compareQuantities(wouldBe, line.ordered) >= 0 };
  return { task: { ...task, lines: task.lines.map((l) => (l === line ? updated : l)) }, line: updated, over: false };
}

/** Starts a substitute line for an ordered item (the order must allow it); its original counts as dealt with. */
export function addSubstitute(task: PickTask, item: { code: string; name: string; unit: string }, originalCode: string): PickTask {
  const original = task.lines.find((l) => l.itemCode === originalCode && l.substituteFor === null);
  if (!original || !task.allowSubstitutions) return task;
  if (task.lines.some((l) => l.itemCode === item.code && l.substituteFor === originalCode)) return task;
  const sub: PickLine = {
    itemCode: item.code,
    itemName: item.name,
    unit: item.unit,
    weighted: original.weighted,
    location: original.location,
    barcodes: [],
    ordered: '0.000',
    picked: '0.000',
    substituteFor: originalCode,
    done: true,
  };
  const lines = task.lines.map((l) => (l === original ? { ...l, done: true } : l));
  const at = lines.indexOf(lines.find((l) => l.itemCode === originalCode && l.substituteFor === null)!);
  lines.splice(at + 1, 0, sub);
  return { ...task, lines };
}

/** Marks an ordered line dealt with as it stands (nothing, or not all of it, on the shelf). */
export function markNotFound(task: PickTask, itemCode: string): PickTask {
  return { ...task, lines: task.lines.map((l) => (l.itemCode === itemCode && l.substituteFor === null ? { ...l, done: true } : l)) };
}

type Sent = { itemCode: string; quantity: number; substituteFor?: string };
const sent = (l: PickLine): Sent => ({ itemCode: l.itemCode, quantity: Number(l.picked), ...(l.substituteFor !== null ? { substituteFor: l.substituteFor } : {}) });

/** One scan confirmed: the line's new total goes out (a total, so a repeated or reordered delivery cannot add twice). */
export function pickRequest(task: PickTask, line: PickLine): { path: string; body: { lines: Sent[] } } {
  return { path: `/api/v1/picking/orders/${task.orderId}/pick`, body: { lines: [sent(line)] } };
}

/** Finish: every line's total (ordered lines first, then substitutes) and the order becomes ready. */
export function finishRequest(task: PickTask): { path: string; body: { lines: Sent[] } } {
  const lines = [...task.lines.filter((l) => l.substituteFor === null), ...task.lines.filter((l) => l.substituteFor !== null)].map(sent);
  return { path: `/api/v1/picking/orders/${task.orderId}/ready`, body: { lines } };
}

const storeKey = 'kasa.terminal.picking';

export function loadPickTask(): PickTask | null {
  try {
    return JSON.parse(localStorage.getItem(storeKey) ?? 'null') as PickTask | null;
  } catch {
    return null;
  }
}

export function savePickTask(task: PickTask | null): void {
  if (task) localStorage.setItem(storeKey, JSON.stringify(task));
  else localStorage.removeItem(storeKey);
}
