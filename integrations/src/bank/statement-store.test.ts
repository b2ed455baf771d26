// The accountant's November: the first week's statement booked (partners found by ИНН and by account, two
// payments taken by rules, two queued), the same file again books nothing, an overlapping statement books only
// its new payment, the queue is worked with a remembered rule that takes December's supplier payment by itself;
// then the cash-flow report and the receivables/payables with hand-worked cents, on SQLite and PostgreSQL.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { createAndPost, createItem, createMinimalCompany, type Actor } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { isDomainError } from '@kasa/domain';
import { CUSTOMER_ACCOUNT, NOVEMBER_STATEMENT, OUR_ACCOUNT, SUPPLIER_ACCOUNT } from './fixtures';
import { createBudgetItem, createBudgetRule, listBudgetRules } from './budget-book';
import { assignBankOperation, createCashOperation, importBankStatement, listBankOperations } from './statement-store';
import { cashFlowFromBooks } from './cash-flow-books';
import { receivablesPayables } from './receivables-payables';

const admin: Actor = { userId: null, rights: ['*'] };

interface Payment {
  number: string;
  date: string;
  amount: string;
  payerAccount: string;
  payerInn?: string;
  payer: string;
  recipientAccount: string;
  recipientInn?: string;
  recipient: string;
  purpose: string;
}

/** A statement as a bank client writes it: CRLF lines, Windows-1251. */
function statementFile(p: { from: string; to: string; opening: string; totalIn: string; totalOut: string; closing: string; payments: Payment[] }): Buffer {
  const lines = [
    '1CClientBankExchange',
    'ВерсияФормата=1.03',
    'Кодировка=Windows',
    'Отправитель=Бухгалтерия предприятия, редакция 3.0',
    'Получатель=',
    `ДатаСоздания=${p.to}`,
    `ДатаНачала=${p.from}`,
    `ДатаКонца=${p.to}`,
    `РасчСчет=${OUR_ACCOUNT}`,
    'Документ=Платежное поручение',
    'СекцияРасчСчет',
    `ДатаНачала=${p.from}`,
    `ДатаКонца=${p.to}`,
    `РасчСчет=${OUR_ACCOUNT}`,
    `НачальныйОстаток=${p.opening}`,
    `ВсегоПоступило=${p.totalIn}`,
    `ВсегоСписано=${p.totalOut}`,
    `КонечныйОстаток=${p.closing}`,
    'КонецРасчСчет',
  ];
  for (const x of p.payments) {
    const incoming = x.recipientAccount === OUR_ACCOUNT;
    lines.push(
      'СекцияДокумент=Платежное поручение',
      `Номер=${x.number}`,
      `Дата=${x.date}`,
      `Сумма=${x.amount}`,
      `ПлательщикСчет=${x.payerAccount}`,
      ...(x.payerInn ? [`ПлательщикИНН=${x.payerInn}`] : []),
      `Плательщик1=${x.payer}`,
      `ПолучательСчет=${x.recipientAccount}`,
      ...(x.recipientInn ? [`ПолучательИНН=${x.recipientInn}`] : []),
      `Получатель1=${x.recipient}`,
      incoming ? `ДатаПоступило=${x.date}` : `ДатаСписано=${x.date}`,
      `НазначениеПлатежа=${x.purpose}`,
      'КонецДокумента',
    );
  }
  lines.push('КонецФайла');
  return iconv.encode(lines.join('\r\n') + '\r\n', 'win1251');
}

const us = { account: OUR_ACCOUNT, inn: '7709999999', name: 'ООО "Касса"' };

for (const kind of TEST_DATABASE_KINDS) {
  describe(`bank statements booked on ${kind}`, { timeout: 120_000 }, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let romashka: number;
    let supplier: number;
    const items: Record<string, number> = {};

    before(async () => {
      db = await testDatabase(kind);
      const co = await createMinimalCompany(db);
      const goods = await createItem(db, co.vat.standard!, { code: 'BOX', name: 'Коробка' });
      const p = async (code: string, name: string, tax: string | null, account: string | null) =>
        Number((await db.kysely.insertInto('partners').values({ code, name, tax_number: tax, bank_account: account, kind: 'both', price_group_id: null }).returning('id').executeTakeFirstOrThrow()).id);
      romashka = await p('ROM', 'ООО "Ромашка"', '7701234567', null);
      // The supplier has no ИНН on file, only its account.
      supplier = await p('SUP', 'ООО «Поставщик & Ко»', null, SUPPLIER_ACCOUNT);
      for (const [code, name, k] of [['SALES', 'Выручка от покупателей', 'inflow'], ['GOODS', 'Оплата поставщикам', 'outflow'], ['TAXES', 'Налоги', 'outflow'], ['FEES', 'Комиссии банка', 'outflow']] as const) {
        items[code] = (await createBudgetItem(db, { code, name, kind: k })).id;
      }
      await createBudgetRule(db, { priority: 10, budgetItemId: items.SALES!, partnerId: romashka, direction: 'in' });
      await createBudgetRule(db, { priority: 20, budgetItemId: items.TAXES!, purposePattern: 'налог', direction: 'out' });
      // Goods bought on account and sold on account, a till sale paid in cash (prices with VAT, totals as written).
      const wh = co.warehouses.W1!;
      await createAndPost(db, admin, { type: 'receiving', date: '2026-11-01', warehouseId: wh, partnerId: supplier, pricesIncludeTax: true, lines: [{ itemId: goods, quantity: '10', priceMinor: 26000 }] });
      await createAndPost(db, admin, { type: 'sale', date: '2026-11-02', warehouseId: wh, partnerId: romashka, pricesIncludeTax: true, lines: [{ itemId: goods, quantity: '1', priceMinor: 300000 }] });
      await createAndPost(db, admin, {
        type: 'sale',
        date: '2026-11-15',
        warehouseId: wh,
        pricesIncludeTax: true,
        payload: { tillCode: 'T1', payments: [{ method: 'cash', amountMinor: 2000 }] },
        lines: [{ itemId: goods, quantity: '1', priceMinor: 1250 }],
      });
    });
    after(async () => {
      await db.drop();
    });

    test('the first week: 4 payments booked, partners by ИНН and by account, 2 by rules, 2 queued', async () => {
      const s = await importBankStatement(db, iconv.encode(NOVEMBER_STATEMENT, 'win1251'), { fileName: 'kl_to_1c.txt' });
      assert.equal(s.sameFile, false);
      assert.deepEqual([s.documents, s.imported, s.duplicates, s.rejected, s.assigned, s.queued, s.partnersMatched], [4, 4, 0, 0, 2, 2, 2]);
      // 1500.50 in; 2000.00 + 300.75 + 150.00 out
      assert.equal(s.inMinor, 150050);
      assert.equal(s.outMinor, 245075);
      assert.deepEqual(s.balanceMismatches, []);
      const queued = (await listBankOperations(db, { status: 'queued' })).operations;
      assert.deepEqual(queued.map((o) => [o.docNumber, o.amountMinor, o.direction, o.partnerId]), [['000231', 200000, 'out', supplier], ['9', 15000, 'out', null]]);
      const matched = (await listBankOperations(db, { status: 'matched' })).operations;
      assert.deepEqual(matched.map((o) => [o.docNumber, o.budgetItemId, o.partnerId, o.counterpartyTaxNumber]), [['15', items.SALES, romashka, '7701234567'], ['232', items.TAXES, null, '7727406020']]);
    });

    test('the same file again books nothing', async () => {
      const s = await importBankStatement(db, iconv.encode(NOVEMBER_STATEMENT, 'win1251'));
      assert.deepEqual([s.sameFile, s.imported, s.duplicates], [true, 0, 4]);
      assert.equal((await listBankOperations(db)).total, 4);
    });

    test('an overlapping statement books only the payment not seen before (231 and 000231 are one payment)', async () => {
      const file = statementFile({
        from: '06.11.2026', to: '10.11.2026', opening: '11200.25', totalIn: '999.99', totalOut: '2000.00', closing: '10200.24',
        payments: [
          { number: '231', date: '06.11.2026', amount: '2000.00', payerAccount: us.account, payerInn: us.inn, payer: us.name, recipientAccount: SUPPLIER_ACCOUNT, recipientInn: '0', recipient: 'ООО «Поставщик & Ко»', purpose: 'Оплата по договору поставки № 12, НДС не облагается' },
          { number: '41', date: '10.11.2026', amount: '999.99', payerAccount: CUSTOMER_ACCOUNT, payerInn: '7701234567', payer: 'ООО "Ромашка"', recipientAccount: us.account, recipientInn: us.inn, recipient: us.name, purpose: 'Оплата по счету № 80 от 09.11.2026' },
        ],
      });
      const s = await importBankStatement(db, file);
      assert.deepEqual([s.sameFile, s.documents, s.imported, s.duplicates, s.assigned, s.queued], [false, 2, 1, 1, 1, 0]);
      assert.equal(s.inMinor, 99999);
      assert.equal((await listBankOperations(db)).total, 5);
    });

    test('the queue: the supplier payment assigned with a rule, the bank fee by hand; a rule needs a partner or an ИНН', async () => {
      const queued = (await listBankOperations(db, { status: 'queued' })).operations;
      const fee = queued.find((o) => o.docNumber === '9')!;
      await assert.rejects(assignBankOperation(db, fee.id, { budgetItemId: items.FEES!, makeRule: true }), (e) => isDomainError(e) && e.code === 'bank.rule_basis_missing');
      assert.equal((await listBankOperations(db, { id: fee.id })).operations[0]!.status, 'queued');
      await assignBankOperation(db, fee.id, { budgetItemId: items.FEES! });
      const sup = queued.find((o) => o.docNumber === '000231')!;
      const r = await assignBankOperation(db, sup.id, { budgetItemId: items.GOODS!, makeRule: true });
      assert.deepEqual([r.operation.status, r.operation.budgetItemId, r.rule?.partnerId, r.rule?.direction, r.rule?.priority], ['matched', items.GOODS, supplier, 'out', 30]);
      assert.equal((await listBankOperations(db, { status: 'queued' })).total, 0);
      await assert.rejects(assignBankOperation(db, 999999, { budgetItemId: items.FEES! }), (e) => isDomainError(e) && e.code === 'bank.operation_not_found' && e.status === 404);
      assert.equal((await listBudgetRules(db)).length, 3);
    });

    test("December's statement: the remembered rule takes the supplier payment", async () => {
      const file = statementFile({
        from: '01.12.2026', to: '31.12.2026', opening: '10200.24', totalIn: '100.00', totalOut: '500.00', closing: '9800.24',
        payments: [
          { number: '240', date: '03.12.2026', amount: '500.00', payerAccount: us.account, payerInn: us.inn, payer: us.name, recipientAccount: SUPPLIER_ACCOUNT, recipient: 'ООО «Поставщик & Ко»', purpose: 'Оплата по договору поставки № 12' },
          { number: '77', date: '04.12.2026', amount: '100', payerAccount: CUSTOMER_ACCOUNT, payerInn: '7701234567', payer: 'ООО "Ромашка"', recipientAccount: us.account, recipient: us.name, purpose: 'Доплата по счету № 80' },
        ],
      });
      const s = await importBankStatement(db, file);
      assert.deepEqual([s.imported, s.assigned, s.queued, s.inMinor, s.outMinor], [2, 2, 0, 10000, 50000]);
    });

    test('cash-flow by budget item and month, bank and cash desk together', async () => {
      await createCashOperation(db, { date: '2026-11-20', direction: 'out', amountMinor: 4560, budgetItemId: items.GOODS!, purpose: 'Упаковка за наличные' });
      const r = await cashFlowFromBooks(db, { from: '2026-11-01', to: '2026-12-31' });
      assert.deepEqual(r.periods, ['2026-11', '2026-12']);
      const row = (code: string) => r.rows.find((x) => x.code === code || x.source === code)!;
      // SALES: 1500.50 + 999.99 in November, 100.00 in December
      assert.deepEqual(row('SALES').byPeriod['2026-11'], { inMinor: 250049, outMinor: 0, netMinor: 250049 });
      assert.deepEqual(row('SALES').byPeriod['2026-12'], { inMinor: 10000, outMinor: 0, netMinor: 10000 });
      // GOODS: 2000.00 by bank + 45.60 cash in November, 500.00 in December
      assert.deepEqual(row('GOODS').byPeriod['2026-11'], { inMinor: 0, outMinor: 204560, netMinor: -204560 });
      assert.deepEqual(row('GOODS').total, { inMinor: 0, outMinor: 254560, netMinor: -254560 });
      assert.equal(row('TAXES').total.outMinor, 30075);
      assert.equal(row('FEES').total.outMinor, 15000);
      // The till took 12.50 in cash (20.00 given, change back).
      assert.deepEqual(row('till').total, { inMinor: 1250, outMinor: 0, netMinor: 1250 });
      assert.equal(r.rows.some((x) => x.source === 'unassigned'), false);
      assert.deepEqual(r.totals['2026-11'], { inMinor: 251299, outMinor: 249635, netMinor: 1664 });
      assert.deepEqual(r.totals['2026-12'], { inMinor: 10000, outMinor: 50000, netMinor: -40000 });
      assert.deepEqual(r.grandTotal, { inMinor: 261299, outMinor: 299635, netMinor: -38336 });
      assert.deepEqual(r.rows.map((x) => x.code ?? x.source), ['SALES', 'FEES', 'GOODS', 'TAXES', 'till']);
    });

    test('receivables and payables on 31 December', async () => {
      const r = await receivablesPayables(db, '2026-12-31');
      // Ромашка: sold 3000.00 on account, paid 1500.50 + 999.99 + 100.00 → owes 399.51
      // Supplier: delivered 10 × 260.00 = 2600.00, paid 2000.00 + 500.00 → we owe 100.00
      assert.deepEqual(
        r.partners.map((p) => [p.code, p.salesMinor, p.paidToUsMinor, p.purchasesMinor, p.paidByUsMinor, p.receivableMinor, p.payableMinor]),
        [['ROM', 300000, 260049, 0, 0, 39951, 0], ['SUP', 0, 0, 260000, 250000, 0, 10000]],
      );
      assert.deepEqual([r.totalReceivableMinor, r.totalPayableMinor], [39951, 10000]);
      // On 5 November only the first payment and the two documents were there.
      const early = await receivablesPayables(db, '2026-11-05');
      assert.deepEqual(early.partners.map((p) => [p.code, p.receivableMinor, p.payableMinor]), [['ROM', 149950, 0], ['SUP', 0, 260000]]);
    });

    test('the same new statement sent twice at the same moment is booked once', async () => {
      const file = statementFile({
        from: '14.12.2026', to: '14.12.2026', opening: '9800.24', totalIn: '10.01', totalOut: '0', closing: '9810.25',
        payments: [
          { number: '90', date: '14.12.2026', amount: '10.01', payerAccount: CUSTOMER_ACCOUNT, payerInn: '7701234567', payer: 'ООО "Ромашка"', recipientAccount: us.account, recipient: us.name, purpose: 'Оплата по счету № 91' },
        ],
      });
      const before = (await listBankOperations(db)).total;
      const both = await Promise.all([importBankStatement(db, file), importBankStatement(db, file)]);
      assert.deepEqual(both.map((s) => s.imported).sort(), [0, 1]);
      assert.equal((await listBankOperations(db)).total, before + 1);
    });

    test('a broken file is refused whole with the line, nothing written', async () => {
      const before = (await listBankOperations(db)).total;
      const cut = iconv.encode(NOVEMBER_STATEMENT.replace('КонецФайла\r\n', ''), 'win1251');
      await assert.rejects(importBankStatement(db, cut), (e) => isDomainError(e) && e.code === 'bank.end_missing');
      const utf8 = Buffer.from(NOVEMBER_STATEMENT.replace('Номер=15', 'Номер=16'), 'utf8');
      await assert.rejects(importBankStatement(db, utf8), (e) => isDomainError(e) && e.code === 'bank.encoding_unknown');
      assert.equal((await listBankOperations(db)).total, before);
    });
  });
}
