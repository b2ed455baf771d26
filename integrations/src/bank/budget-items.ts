// Cash-flow budget items (статьи ДДС) assigned by rules; what no rule takes goes to a manual queue.

import { DomainError } from '@kasa/domain';
import type { PaymentDirection } from './operations';

/** One bank operation ready for booking: the parsed payment seen from our side. */
export interface BankOperation {
  key: string;
  date: string;
  direction: PaymentDirection;
  amountMinor: number;
  partnerId?: string;
  purpose: string;
  counterpartyName?: string;
  /** ИНН / VAT number of the other side, as written in the file. */
  counterpartyTaxNumber?: string;
}

/** First matching rule wins; every condition given must hold. */
export interface BudgetItemRule {
  budgetItemId: string;
  direction?: 'incoming' | 'outgoing';
  partnerId?: string;
  /** Regular expression source matched against the payment purpose, case-insensitive. */
  purposePattern?: string;
  /** ИНН / VAT number of the other side (spaces ignored). */
  counterpartyTaxNumber?: string;
}

export interface Assignment {
  operation: BankOperation;
  budgetItemId: string;
  ruleIndex: number;
}

function compile(rules: readonly BudgetItemRule[]): Array<{ rule: BudgetItemRule; re: RegExp | null }> {
  return rules.map((rule, index) => {
    if (!rule.direction && !rule.partnerId && !rule.purposePattern && !rule.counterpartyTaxNumber) {
      throw new DomainError('bank.rule_empty', { rule: index, budgetItem: rule.budgetItemId }, 400);
    }
    try {
      return { rule, re: rule.purposePattern ? new RegExp(rule.purposePattern, 'iu') : null };
    } catch {
      throw new DomainError('bank.rule_pattern_invalid', { rule: index, pattern: rule.purposePattern }, 400);
    }
  });
}

const squash = (s: string | undefined) => (s ?? '').replace(/\s+/g, '').toUpperCase();

/** Checks rules before they are stored: a condition at least, a pattern that compiles. */
export function validateBudgetItemRules(rules: readonly BudgetItemRule[]): void {
  compile(rules);
}

export function assignBudgetItems(
  operations: readonly BankOperation[],
  rules: readonly BudgetItemRule[],
): { assigned: Assignment[]; manual: BankOperation[] } {
  const compiled = compile(rules);
  const assigned: Assignment[] = [];
  const manual: BankOperation[] = [];
  for (const op of operations) {
    const ruleIndex = compiled.findIndex(
      ({ rule, re }) =>
        (!rule.direction || rule.direction === op.direction) &&
        (!rule.partnerId || rule.partnerId === op.partnerId) &&
        (!rule.counterpartyTaxNumber || squash(rule.counterpartyTaxNumber) === squash(op.counterpartyTaxNumber)) &&
        (!re || re.test(op.purpose)),
    );
    if (ruleIndex < 0) manual.push(op);
    else assigned.push({ operation: op, budgetItemId: compiled[ruleIndex]!.rule.budgetItemId, ruleIndex });
  }
  return { assigned, manual };
}
