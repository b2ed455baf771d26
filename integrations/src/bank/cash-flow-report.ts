// Cash-flow report (отчёт о движении денежных средств, ДДС): inflows and outflows per budget item
// and period, in integer minor units.

import { DomainError } from '@kasa/domain';

export type ReportPeriod = 'day' | 'month' | 'quarter' | 'year';

export interface CashFlowEntry {
  date: string;
  direction: 'incoming' | 'outgoing';
  amountMinor: number;
  budgetItemId: string;
}

export interface CashFlowCell {
  inMinor: number;
  outMinor: number;
  netMinor: number;
}

export interface CashFlowReport {
  periods: string[];
  rows: Array<{ budgetItemId: string; byPeriod: Record<string, CashFlowCell>; total: CashFlowCell }>;
  totals: Record<string, CashFlowCell>;
  grandTotal: CashFlowCell;
  /** Present when an opening balance is given: the balance at the end of each period. */
  closingBalanceMinor?: Record<string, number>;
}

export function periodOf(date: string, period: ReportPeriod): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new DomainError('bank.date_invalid', { value: date }, 400);
  const [, y, mo] = m;
  switch (period) {
    case 'day':
      return date;
    case 'month':
      return `${y}-${mo}`;
    case 'quarter':
      return `${y}-Q${Math.floor((Number(mo) - 1) / 3) + 1}`;
    case 'year':
      return y!;
  }
}

const emptyCell = (): CashFlowCell => ({ inMinor: 0, outMinor: 0, netMinor: 0 });

function add(cell: CashFlowCell, e: CashFlowEntry): void {
  if (!Number.isSafeInteger(e.amountMinor) || e.amountMinor < 0) {
    throw new DomainError('bank.amount_invalid', { value: String(e.amountMinor) }, 400);
  }
  if (e.direction === 'incoming') cell.inMinor += e.amountMinor;
  else cell.outMinor += e.amountMinor;
  cell.netMinor = cell.inMinor - cell.outMinor;
}

export function cashFlowReport(
  entries: readonly CashFlowEntry[],
  period: ReportPeriod,
  opts: { openingBalanceMinor?: number } = {},
): CashFlowReport {
  const rows = new Map<string, { byPeriod: Record<string, CashFlowCell>; total: CashFlowCell }>();
  const totals: Record<string, CashFlowCell> = {};
  const grandTotal = emptyCell();
  for (const e of entries) {
    const p = periodOf(e.date, period);
    let row = rows.get(e.budgetItemId);
    if (!row) rows.set(e.budgetItemId, (row = { byPeriod: {}, total: emptyCell() }));
    add((row.byPeriod[p] ??= emptyCell()), e);
    add(row.total, e);
    add((totals[p] ??= emptyCell()), e);
    add(grandTotal, e);
  }
  const periods = Object.keys(totals).sort();
  const report: CashFlowReport = {
    periods,
    rows: [...rows.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([budgetItemId, r]) => ({ budgetItemId, ...r })),
    totals,
    grandTotal,
  };
  if (opts.openingBalanceMinor !== undefined) {
    let balance = opts.openingBalanceMinor;
    report.closingBalanceMinor = {};
    for (const p of periods) {
      balance += totals[p]!.netMinor;
      report.closingBalanceMinor[p] = balance;
    }
  }
  return report;
}
