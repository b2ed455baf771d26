// After reading the statement, the accountant sees each payment with its partner and cash-flow
// budget item; payments no rule knows wait in a queue, and importing the same file twice books nothing twice.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '@kasa/domain';
import { parseBankStatement } from './statement-file';
import { planStatementImport, checkAccountBalance } from './statement-import';
import { matchPartner, paymentDirection, paymentDuplicateKey } from './operations';
import { assignBudgetItems, type BudgetItemRule } from './budget-items';
import { cashFlowReport, type CashFlowEntry } from './cash-flow-report';
import { CUSTOMER_ACCOUNT, NOVEMBER_STATEMENT, OUR_ACCOUNT, SUPPLIER_ACCOUNT, statementBytes } from './fixtures';

const partners = [
  { id: 'p-romashka', taxNumber: '7701234567', accounts: [CUSTOMER_ACCOUNT] },
  { id: 'p-supplier', taxNumber: '', accounts: [SUPPLIER_ACCOUNT] },
  { id: 'p-other', taxNumber: '7811111111' },
];

const rules: BudgetItemRule[] = [
  { budgetItemId: 'sales-receipts', direction: 'incoming', partnerId: 'p-romashka' },
  { budgetItemId: 'goods-purchases', direction: 'outgoing', partnerId: 'p-supplier' },
  { budgetItemId: 'taxes', direction: 'outgoing', purposePattern: 'НДС|налог' },
];

const statement = () => parseBankStatement(statementBytes(NOVEMBER_STATEMENT, 'win1251'));

test('payments get direction, partner and budget item; the bank fee waits for the accountant', () => {
  const plan = planStatementImport(statement(), { ourAccounts: [OUR_ACCOUNT], partners, rules, knownKeys: new Set() });
  assert.deepEqual(
    plan.operations.map((o) => [o.document.number, o.direction, o.amountMinor, o.partnerId ?? null, o.date]),
    [
      ['15', 'incoming', 150_050, 'p-romashka', '2026-11-05'],
      ['000231', 'outgoing', 200_000, 'p-supplier', '2026-11-06'],
      ['232', 'outgoing', 30_075, null, '2026-11-06'],
      ['9', 'outgoing', 15_000, null, '2026-11-07'],
    ],
  );
  // the supplier wrote ИНН 0, so it is found by its account
  assert.deepEqual(plan.operations[1]!.partnerMatch, { status: 'matched', partnerId: 'p-supplier', by: 'account' });
  assert.deepEqual(
    plan.assigned.map((a) => [a.operation.document.number, a.budgetItemId]),
    [['15', 'sales-receipts'], ['000231', 'goods-purchases'], ['232', 'taxes']],
  );
  // the supplier payment says "НДС не облагается" but the partner rule comes first
  assert.deepEqual(plan.manual.map((o) => o.document.number), ['9']);
  assert.deepEqual(plan.balanceMismatches, []);
  assert.equal(plan.duplicates.length, 0);
});

test('importing the same statement again finds every payment a duplicate', () => {
  const first = planStatementImport(statement(), { ourAccounts: [OUR_ACCOUNT], partners, rules, knownKeys: new Set() });
  const again = planStatementImport(statement(), { ourAccounts: [OUR_ACCOUNT], partners, rules, knownKeys: new Set(first.operations.map((o) => o.key)) });
  assert.equal(again.operations.length, 0);
  assert.equal(again.duplicates.length, 4);
  // another bank pads the number with zeros; still the same payment
  const doc = statement().documents[2]!;
  assert.equal(paymentDuplicateKey({ ...doc, number: '000232' }), paymentDuplicateKey(doc));
  assert.equal(paymentDuplicateKey(doc), `2026-11-06|232|30075|${OUR_ACCOUNT}|03100643000000017300`);
  assert.notEqual(paymentDuplicateKey({ ...doc, amountMinor: 30_076 }), paymentDuplicateKey(doc));
});

test('direction and partner rules in the corner cases', () => {
  const doc = statement().documents[0]!;
  assert.equal(paymentDirection(doc, [OUR_ACCOUNT]), 'incoming');
  assert.equal(paymentDirection(doc, [CUSTOMER_ACCOUNT]), 'outgoing');
  assert.equal(paymentDirection(doc, [CUSTOMER_ACCOUNT, OUR_ACCOUNT]), 'internal');
  // no account of ours in the payment: the bank's credited date decides
  assert.equal(paymentDirection(doc, ['40702810000000009999']), 'incoming');
  // two branches of one company share the ИНН; the account tells them apart
  const branches = [
    { id: 'msk', taxNumber: '7701234567', accounts: ['40702810000000000077'] },
    { id: 'spb', taxNumber: '7701234567', accounts: [CUSTOMER_ACCOUNT] },
  ];
  assert.deepEqual(matchPartner(doc.payer, branches), { status: 'matched', partnerId: 'spb', by: 'taxNumber+account' });
  assert.deepEqual(matchPartner({ ...doc.payer, account: undefined }, branches), { status: 'ambiguous', candidates: ['msk', 'spb'] });
  assert.deepEqual(matchPartner({ name: 'Частное лицо' }, branches), { status: 'none' });
});

test('an unbalanced account section is reported', () => {
  const section = { ...statement().accountSections[0]!, closingBalanceMinor: 904_970 };
  assert.deepEqual(checkAccountBalance(section), { account: OUR_ACCOUNT, line: 13, expectedClosingMinor: 904_975, closingMinor: 904_970 });
});

test('a rule without any condition or with a broken pattern is refused', () => {
  assert.throws(() => assignBudgetItems([], [{ budgetItemId: 'x' }]), (e: unknown) => e instanceof DomainError && e.code === 'bank.rule_empty');
  assert.throws(() => assignBudgetItems([], [{ budgetItemId: 'x', purposePattern: '(' }]), (e: unknown) => e instanceof DomainError && e.code === 'bank.rule_pattern_invalid');
});

test('the cash-flow report sums the week by budget item, per day and per month', () => {
  const plan = planStatementImport(statement(), { ourAccounts: [OUR_ACCOUNT], partners, rules, knownKeys: new Set() });
  const entries: CashFlowEntry[] = [
    ...plan.assigned.map((a) => ({ date: a.operation.date, direction: a.operation.direction as 'incoming' | 'outgoing', amountMinor: a.operation.amountMinor, budgetItemId: a.budgetItemId })),
    // the accountant puts the bank fee under bank charges by hand
    ...plan.manual.map((o) => ({ date: o.date, direction: 'outgoing' as const, amountMinor: o.amountMinor, budgetItemId: 'bank-charges' })),
  ];

  const monthly = cashFlowReport(entries, 'month', { openingBalanceMinor: 1_000_000 });
  assert.deepEqual(monthly.periods, ['2026-11']);
  assert.deepEqual(monthly.totals['2026-11'], { inMinor: 150_050, outMinor: 245_075, netMinor: -95_025 });
  assert.deepEqual(
    monthly.rows.map((r) => [r.budgetItemId, r.total.inMinor, r.total.outMinor]),
    [
      ['bank-charges', 0, 15_000],
      ['goods-purchases', 0, 200_000],
      ['sales-receipts', 150_050, 0],
      ['taxes', 0, 30_075],
    ],
  );
  // 10000.00 + 1500.50 − 2450.75 = 9049.75, the bank's own closing balance
  assert.deepEqual(monthly.closingBalanceMinor, { '2026-11': 904_975 });

  const daily = cashFlowReport(entries, 'day', { openingBalanceMinor: 1_000_000 });
  assert.deepEqual(daily.periods, ['2026-11-05', '2026-11-06', '2026-11-07']);
  // 10000.00 + 1500.50 = 11500.50; − 2000.00 − 300.75 = 9199.75; − 150.00 = 9049.75
  assert.deepEqual(daily.closingBalanceMinor, { '2026-11-05': 1_150_050, '2026-11-06': 919_975, '2026-11-07': 904_975 });
  assert.deepEqual(cashFlowReport(entries, 'quarter').periods, ['2026-Q4']);
});

test('every error code thrown here has a text in all five languages', async () => {
  const { readdir, readFile } = await import('node:fs/promises');
  const { BANK_MESSAGES } = await import('./messages');
  const { COMMERCEML_MESSAGES } = await import('../commerceml/messages');
  const catalogue: Record<string, Record<string, string>> = { ...BANK_MESSAGES, ...COMMERCEML_MESSAGES };
  for (const dir of ['.', '../commerceml']) {
    const folder = new URL(`${dir}/`, import.meta.url);
    for (const file of (await readdir(folder)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const source = await readFile(new URL(file, folder), 'utf8');
      for (const [, code] of source.matchAll(/DomainError\('([a-z_.]+)'/g)) {
        assert.deepEqual(Object.keys(catalogue[code!] ?? {}).sort(), ['cs', 'en', 'hu', 'lv', 'ru'], `${code} in ${file}`);
      }
    }
  }
});
