// One statement file turned into bookable operations: duplicates set aside, direction and partner
// found, budget items assigned by rules, the rest queued for the accountant.

import { assignBudgetItems, type Assignment, type BankOperation, type BudgetItemRule } from './budget-items';
import { counterparty, matchPartner, paymentDirection, paymentDuplicateKey, splitDuplicates, type PartnerMatch, type PartnerRef } from './operations';
import type { AccountSection, BankStatement, PaymentDocument } from './types';

export interface StatementImportContext {
  ourAccounts: readonly string[];
  partners: readonly PartnerRef[];
  rules: readonly BudgetItemRule[];
  /** Duplicate keys of payments imported before. */
  knownKeys: ReadonlySet<string>;
}

export interface ImportedOperation extends BankOperation {
  document: PaymentDocument;
  partnerMatch: PartnerMatch;
}

export interface BalanceMismatch {
  account: string;
  line: number;
  /** opening + in − out as computed */
  expectedClosingMinor: number;
  closingMinor: number;
}

export interface StatementImportPlan {
  operations: ImportedOperation[];
  duplicates: PaymentDocument[];
  assigned: Array<Assignment & { operation: ImportedOperation }>;
  manual: ImportedOperation[];
  balanceMismatches: BalanceMismatch[];
}

/** НачальныйОстаток + ВсегоПоступило − ВсегоСписано must equal КонечныйОстаток. */
export function checkAccountBalance(s: AccountSection): BalanceMismatch | null {
  if (s.openingBalanceMinor === undefined || s.totalInMinor === undefined || s.totalOutMinor === undefined || s.closingBalanceMinor === undefined) {
    return null;
  }
  const expected = s.openingBalanceMinor + s.totalInMinor - s.totalOutMinor;
  return expected === s.closingBalanceMinor ? null : { account: s.account, line: s.line, expectedClosingMinor: expected, closingMinor: s.closingBalanceMinor };
}

export function planStatementImport(statement: BankStatement, ctx: StatementImportContext): StatementImportPlan {
  const { fresh, duplicates } = splitDuplicates(statement.documents, ctx.knownKeys);
  const operations: ImportedOperation[] = fresh.map((doc) => {
    const direction = paymentDirection(doc, ctx.ourAccounts);
    const party = counterparty(doc, direction);
    const partnerMatch = matchPartner(party, ctx.partners);
    return {
      key: paymentDuplicateKey(doc),
      date: (direction === 'incoming' ? doc.creditedDate : direction === 'outgoing' ? doc.debitedDate : undefined) ?? doc.date,
      direction,
      amountMinor: doc.amountMinor,
      partnerId: partnerMatch.status === 'matched' ? partnerMatch.partnerId : undefined,
      purpose: doc.purpose,
      counterpartyName: party?.name,
      counterpartyTaxNumber: party?.taxNumber,
      document: doc,
      partnerMatch,
    };
  });
  const { assigned, manual } = assignBudgetItems(operations, ctx.rules);
  return {
    operations,
    duplicates,
    assigned: assigned as Array<Assignment & { operation: ImportedOperation }>,
    manual: manual as ImportedOperation[],
    balanceMismatches: statement.accountSections.map(checkAccountBalance).filter((m): m is BalanceMismatch => m !== null),
  };
}
