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

export interface Task {
  kind: TaskKind;
  documentId: string;
  title: string;
  lines: TaskLine[];
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
