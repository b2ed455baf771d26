// The cash-flow report (ДДС) from the books: bank operations, cash-desk operations and the cash taken or paid out
// at the tills, by budget item and month. Money not yet tied to an item stays visible in its own row, so the
// totals always equal what moved through the bank and the cash desk.

import { DomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';
import { cashFlowReport, type CashFlowCell, type CashFlowEntry } from './cash-flow-report';

/** Budget item rows, plus 'unassigned' (bank queue, cash without an item) and 'till' (till receipts' cash). */
export type CashFlowRowSource = 'budget_item' | 'unassigned' | 'till';

export interface CashFlowRow {
  source: CashFlowRowSource;
  budgetItemId: number | null;
  code: string | null;
  name: string | null;
  kind: string | null;
  byPeriod: Record<string, CashFlowCell>;
  total: CashFlowCell;
}

export interface CashFlowBookReport {
  from: string;
  to: string;
  periods: string[];
  rows: CashFlowRow[];
  totals: Record<string, CashFlowCell>;
  grandTotal: CashFlowCell;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > end) break;
    out.push(p);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

interface TillPayload {
  payments?: Array<{ method?: string; amountMinor?: number }>;
}

/** Cash a till receipt took (a sale) or paid out (a return): what the card did not cover, at most the cash given. */
export function tillCashMinor(totalMinor: number, payload: string | null): number {
  if (!payload) return 0;
  let parsed: TillPayload;
  try {
    parsed = JSON.parse(payload) as TillPayload;
  } catch {
    return 0;
  }
  const payments = Array.isArray(parsed.payments) ? parsed.payments : [];
  const sum = (method: string) => payments.filter((p) => p.method === method).reduce((s, p) => s + (Number.isSafeInteger(p.amountMinor) ? p.amountMinor! : 0), 0);
  const cash = sum('cash');
  if (cash <= 0) return 0;
  return Math.max(0, Math.min(cash, Math.abs(totalMinor) - sum('card')));
}

export async function cashFlowFromBooks(db: Db, range: { from: string; to: string }): Promise<CashFlowBookReport> {
  const { from, to } = range;
  if (!DATE.test(from) || !DATE.test(to) || from > to) throw new DomainError('bank.period_invalid', { from, to }, 400);
  const entries: CashFlowEntry[] = [];
  const bank = await db.kysely
    .selectFrom('bank_operations')
    .select(['date', 'direction', 'amount_minor', 'budget_item_id'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('direction', 'in', ['in', 'out'])
    .execute();
  for (const b of bank) {
    entries.push({ date: b.date, direction: b.direction === 'in' ? 'incoming' : 'outgoing', amountMinor: Number(b.amount_minor), budgetItemId: b.budget_item_id === null ? 'unassigned' : String(b.budget_item_id) });
  }
  const cash = await db.kysely
    .selectFrom('cash_operations')
    .select(['date', 'direction', 'amount_minor', 'budget_item_id'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  for (const c of cash) {
    entries.push({ date: c.date, direction: c.direction === 'in' ? 'incoming' : 'outgoing', amountMinor: Number(c.amount_minor), budgetItemId: c.budget_item_id === null ? 'unassigned' : String(c.budget_item_id) });
  }
  // Till receipts: posted sales and returns that carry the till's payments. A cancelled (storno) receipt and its
  // reversal are both left out, so a cancelled sale moves no cash.
  const till = await db.kysely
    .selectFrom('documents')
    .select(['date', 'type', 'total_minor', 'payload'])
    .where('type', 'in', ['sale', 'sale_return'])
    .where('status', 'in', ['posted', 'closed'])
    .where('reverses_id', 'is', null)
    .where('payload', 'is not', null)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  for (const d of till) {
    const amountMinor = tillCashMinor(Number(d.total_minor), d.payload);
    if (amountMinor > 0) entries.push({ date: d.date, direction: d.type === 'sale' ? 'incoming' : 'outgoing', amountMinor, budgetItemId: 'till' });
  }

  const r = cashFlowReport(entries, 'month');
  const periods = monthsBetween(from, to);
  const zero = (): CashFlowCell => ({ inMinor: 0, outMinor: 0, netMinor: 0 });
  const fill = (m: Record<string, CashFlowCell>) => Object.fromEntries(periods.map((p) => [p, m[p] ?? zero()]));
  const items = await db.kysely.selectFrom('budget_items').selectAll().execute();
  const byId = new Map(items.map((i) => [String(i.id), i]));
  const rows: CashFlowRow[] = r.rows.map((row) => {
    const item = byId.get(row.budgetItemId);
    const source: CashFlowRowSource = item ? 'budget_item' : row.budgetItemId === 'till' ? 'till' : 'unassigned';
    return {
      source,
      budgetItemId: item ? Number(item.id) : null,
      code: item?.code ?? null,
      name: item?.name ?? null,
      kind: item?.kind ?? null,
      byPeriod: fill(row.byPeriod),
      total: row.total,
    };
  });
  // Inflow items first, then outflow items, each by code; the till and unassigned rows last.
  const order = (x: CashFlowRow) => (x.source === 'budget_item' ? (x.kind === 'inflow' ? 0 : 1) : x.source === 'till' ? 2 : 3);
  rows.sort((a, b) => order(a) - order(b) || (a.code ?? '').localeCompare(b.code ?? ''));
  return { from, to, periods, rows, totals: fill(r.totals), grandTotal: r.grandTotal };
}
