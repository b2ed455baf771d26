// What the bank endpoints answer (backoffice/src/server/routes/bank.ts), as the screens use it.
export interface BudgetItem {
  id: number;
  code: string;
  name: string;
  kind: 'inflow' | 'outflow';
  parentId: number | null;
  active: boolean;
}

export interface BudgetRule {
  id: number;
  priority: number;
  budgetItemId: number;
  direction: 'in' | 'out' | null;
  partnerId: number | null;
  purposePattern: string | null;
  counterpartyTaxNumber: string | null;
}

export interface BankOperation {
  id: number;
  docNumber: string;
  date: string;
  amountMinor: number;
  direction: 'in' | 'out' | 'internal' | 'unknown';
  counterpartyName: string | null;
  counterpartyTaxNumber: string | null;
  purpose: string;
  partnerId: number | null;
  partnerName: string | null;
  budgetItemId: number | null;
  budgetItemName: string | null;
  status: 'matched' | 'queued';
}

export interface ImportSummary {
  sameFile: boolean;
  documents: number;
  imported: number;
  duplicates: number;
  rejected: number;
  /** Payments left out, each with the line at fault and the reason in the user's language. */
  rejections: Array<{ line: number; sectionLine: number; number?: string; key: string; code: string; reason: string }>;
  assigned: number;
  queued: number;
  balanceMismatches: Array<{ account: string; expectedClosingMinor: number; closingMinor: number }>;
}

export interface Cell {
  inMinor: number;
  outMinor: number;
  netMinor: number;
}

export interface CashFlowReport {
  periods: string[];
  rows: Array<{ source: 'budget_item' | 'till' | 'unassigned'; code: string | null; name: string | null; kind: string | null; byPeriod: Record<string, Cell>; total: Cell }>;
  totals: Record<string, Cell>;
  grandTotal: Cell;
}

export interface PartnerBalance {
  partnerId: number;
  code: string;
  name: string;
  salesMinor: number;
  paidToUsMinor: number;
  purchasesMinor: number;
  paidByUsMinor: number;
  receivableMinor: number;
  payableMinor: number;
}
