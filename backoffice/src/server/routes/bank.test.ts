// The accountant over HTTP on SQLite and PostgreSQL: uploads the bank's Windows-1251 statement as raw bytes, then
// again (nothing new), sees the queue, assigns with a remembered rule, keeps budget items and rules, records a cash
// expense and reads the cash-flow and receivables/payables reports; a storekeeper may do none of it.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { createMinimalCompany } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { buildServer, requireUser } from '../app';
import { seedWarehouseUsers } from '../test-users';
import { registerBankRoutes } from './bank';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OUR = '40702810900000000001';
const SUPPLIER = '40702810500000000003';

/** Two payments of 1–3 November 2026: a customer pays 1,234.56, we pay the supplier 800.00. */
const STATEMENT = [
  '1CClientBankExchange',
  'ВерсияФормата=1.02',
  'Кодировка=Windows',
  'Отправитель=Бухгалтерия предприятия',
  'ДатаНачала=01.11.2026',
  'ДатаКонца=03.11.2026',
  `РасчСчет=${OUR}`,
  'Документ=Платежное поручение',
  'СекцияДокумент=Платежное поручение',
  'Номер=501',
  'Дата=02.11.2026',
  'Сумма=1234.56',
  'ПлательщикСчет=40702810100000000002',
  'ПлательщикИНН=7701234567',
  'Плательщик1=ООО "Ромашка"',
  `ПолучательСчет=${OUR}`,
  'Получатель1=ООО "Касса"',
  'ДатаПоступило=02.11.2026',
  'НазначениеПлатежа=Оплата по счету № 12',
  'КонецДокумента',
  'СекцияДокумент=Платежное поручение',
  'Номер=77',
  'Дата=03.11.2026',
  'Сумма=800.00',
  `ПлательщикСчет=${OUR}`,
  'Плательщик1=ООО "Касса"',
  `ПолучательСчет=${SUPPLIER}`,
  'ПолучательИНН=7812345678',
  'Получатель1=ООО "Поставщик"',
  'ДатаСписано=03.11.2026',
  'НазначениеПлатежа=За товар по накладной 55',
  'КонецДокумента',
  'КонецФайла',
].join('\r\n');

for (const kind of TEST_DATABASE_KINDS) {
  describe(`bank and cash-flow over HTTP on ${kind}`, { timeout: 120_000 }, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let base: string;
    let close: () => Promise<void>;
    const cookies: Record<string, string> = {};
    const ids: Record<string, number> = {};
    const as = (user: string) => async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const raw = Buffer.isBuffer(body);
      const res = await fetch(base + path, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': raw ? 'application/octet-stream' : 'application/json' } : {}), cookie: cookies[user] ?? '', ...headers },
        body: body === undefined ? undefined : raw ? new Uint8Array(body as Buffer) : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json };
    };
    const admin = as('admin');
    const storekeeper = as('storekeeper');

    before(async () => {
      db = await testDatabase(kind);
      await createMinimalCompany(db);
      await db.kysely.insertInto('partners').values({ code: 'ROM', name: 'ООО "Ромашка"', tax_number: '7701234567', bank_account: null, kind: 'customer', price_group_id: null }).execute();
      await seedWarehouseUsers(db);
      const s = await buildServer({ databaseUrl: db.url });
      registerBankRoutes(s.app, { db: s.db, requireUser });
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
      close = () => s.app.close();
      for (const u of ['admin', 'storekeeper']) {
        const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: u }) });
        cookies[u] = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
      }
    });
    after(async () => {
      await close();
      await db.drop();
    });

    test('budget items and rules are kept; a broken pattern and an unknown item are refused', async () => {
      for (const [code, name, k] of [['SALES', 'Поступления от покупателей', 'inflow'], ['GOODS', 'Оплата товаров', 'outflow'], ['RENT', 'Аренда', 'outflow']]) {
        const r = await admin('POST', '/api/v1/bank/budget-items', { code, name, kind: k });
        assert.equal(r.status, 201);
        ids[code!] = r.json.budgetItem.id;
      }
      assert.equal((await admin('POST', '/api/v1/bank/budget-items', { code: 'SALES', name: 'x', kind: 'inflow' })).json.error.code, 'bank.budget_item_code_taken');
      const rule = await admin('POST', '/api/v1/bank/rules', { budgetItemId: ids.SALES, direction: 'in', purposePattern: 'оплата по сч[её]ту' });
      assert.equal(rule.status, 201);
      assert.equal(rule.json.rule.priority, 10);
      const bad = await admin('POST', '/api/v1/bank/rules', { budgetItemId: ids.SALES, purposePattern: '(' }, { 'accept-language': 'ru' });
      assert.deepEqual([bad.status, bad.json.error.code], [400, 'bank.rule_pattern_invalid']);
      assert.equal((await admin('POST', '/api/v1/bank/rules', { budgetItemId: 99999, direction: 'in' })).status, 404);
      assert.equal((await admin('POST', '/api/v1/bank/rules', { budgetItemId: ids.RENT })).json.error.code, 'bank.rule_empty');
      const renamed = await admin('PUT', `/api/v1/bank/budget-items/${ids.RENT}`, { code: 'RENT', name: 'Аренда магазина', kind: 'outflow' });
      assert.equal(renamed.json.budgetItem.name, 'Аренда магазина');
      assert.equal((await storekeeper('POST', '/api/v1/bank/budget-items', { code: 'X', name: 'X', kind: 'inflow' })).status, 403);
    });

    test('the statement as raw bytes: 2 booked, 1 by the rule, 1 queued; the same file again books nothing', async () => {
      const file = iconv.encode(STATEMENT, 'win1251');
      assert.equal((await storekeeper('POST', '/api/v1/bank/statements', file)).status, 403);
      const r = await admin('POST', '/api/v1/bank/statements?fileName=kl_to_1c.txt', file);
      assert.equal(r.status, 201);
      assert.deepEqual([r.json.summary.imported, r.json.summary.duplicates, r.json.summary.assigned, r.json.summary.queued, r.json.summary.inMinor, r.json.summary.outMinor], [2, 0, 1, 1, 123456, 80000]);
      const again = await admin('POST', '/api/v1/bank/statements', { fileName: 'copy.txt', contentBase64: file.toString('base64') });
      assert.equal(again.status, 200);
      assert.deepEqual([again.json.summary.sameFile, again.json.summary.imported, again.json.summary.duplicates], [true, 0, 2]);
      const statements = await admin('GET', '/api/v1/bank/statements');
      assert.deepEqual(statements.json.statements.map((s: Json) => [s.fileName, s.periodFrom, s.documents]), [['kl_to_1c.txt', '2026-11-01', 2]]);
    });

    test('a file in the wrong encoding or cut short is a 400 with its code; an empty body too', async () => {
      const utf8 = Buffer.from(STATEMENT.replace('Номер=501', 'Номер=502'), 'utf8');
      const r = await admin('POST', '/api/v1/bank/statements', utf8);
      assert.deepEqual([r.status, r.json.error.code], [400, 'bank.encoding_unknown']);
      const cut = iconv.encode(STATEMENT.replace('\r\nКонецФайла', '').replace('Номер=501', 'Номер=503'), 'win1251');
      assert.equal((await admin('POST', '/api/v1/bank/statements', cut)).json.error.code, 'bank.end_missing');
      assert.equal((await admin('POST', '/api/v1/bank/statements', {})).json.error.code, 'bank.file_empty');
      assert.equal((await admin('GET', '/api/v1/bank/operations')).json.total, 2);
    });

    test('the queue: the supplier payment assigned by ИНН rule; the rule is listed', async () => {
      const q = await admin('GET', '/api/v1/bank/operations?status=queued');
      assert.deepEqual(q.json.operations.map((o: Json) => [o.docNumber, o.amountMinor, o.direction, o.counterpartyTaxNumber, o.partnerId]), [['77', 80000, 'out', '7812345678', null]]);
      const r = await admin('POST', `/api/v1/bank/operations/${q.json.operations[0].id}/assign`, { budgetItemId: ids.GOODS, makeRule: true });
      assert.equal(r.status, 200);
      assert.deepEqual([r.json.operation.status, r.json.operation.budgetItemName, r.json.rule.counterpartyTaxNumber, r.json.rule.direction], ['matched', 'Оплата товаров', '7812345678', 'out']);
      assert.equal((await admin('GET', '/api/v1/bank/operations?status=queued')).json.total, 0);
      assert.equal((await admin('GET', '/api/v1/bank/rules')).json.rules.length, 2);
      assert.equal((await admin('POST', '/api/v1/bank/operations/99999/assign', { budgetItemId: ids.GOODS })).status, 404);
      // An item in use stays.
      assert.equal((await admin('DELETE', `/api/v1/bank/budget-items/${ids.GOODS}`)).json.error.code, 'bank.budget_item_in_use');
    });

    test('cash-flow for November and December: bank and the cash desk; receivables by partner', async () => {
      const cash = await admin('POST', '/api/v1/cash/operations', { date: '2026-12-01', direction: 'out', amountMinor: 50000, budgetItemId: ids.RENT, purpose: 'Аренда за декабрь' });
      assert.equal(cash.status, 201);
      const r = await admin('GET', '/api/v1/reports/cash-flow?from=2026-11-01&to=2026-12-31');
      assert.equal(r.status, 200);
      const rep = r.json.report;
      assert.deepEqual(rep.periods, ['2026-11', '2026-12']);
      assert.deepEqual(rep.rows.map((x: Json) => [x.code, x.total.inMinor, x.total.outMinor]), [['SALES', 123456, 0], ['GOODS', 0, 80000], ['RENT', 0, 50000]]);
      assert.deepEqual(rep.totals['2026-11'], { inMinor: 123456, outMinor: 80000, netMinor: 43456 });
      assert.deepEqual(rep.totals['2026-12'], { inMinor: 0, outMinor: 50000, netMinor: -50000 });
      assert.deepEqual(rep.grandTotal, { inMinor: 123456, outMinor: 130000, netMinor: -6544 });
      assert.equal((await admin('GET', '/api/v1/reports/cash-flow?from=2026-12-31&to=2026-11-01')).json.error.code, 'bank.period_invalid');
      assert.equal((await storekeeper('GET', '/api/v1/reports/cash-flow?from=2026-11-01&to=2026-12-31')).status, 403);
      // Ромашка paid 1,234.56 with nothing sold on account: we owe it that much (an advance).
      const rp = await admin('GET', '/api/v1/reports/receivables-payables?date=2026-12-31');
      assert.deepEqual(rp.json.report.partners.map((p: Json) => [p.code, p.paidToUsMinor, p.receivableMinor, p.payableMinor]), [['ROM', 123456, 0, 123456]]);
    });
    test('issue 8: a file with one broken payment books the good one and reports the broken one, translated', async () => {
      // a week later: payment 601 is good, 602 has no date (line 19)
      const week = [
        '1CClientBankExchange',
        'ВерсияФормата=1.02',
        'Кодировка=Windows',
        'ДатаНачала=07.12.2026',
        'ДатаКонца=08.12.2026',
        `РасчСчет=${OUR}`,
        'СекцияДокумент=Платежное поручение',
        'Номер=601',
        'Дата=07.12.2026',
        'Сумма=10.00',
        `ПлательщикСчет=${OUR}`,
        `ПолучательСчет=${SUPPLIER}`,
        'ПолучательИНН=7812345678',
        'ДатаСписано=07.12.2026',
        'НазначениеПлатежа=За товар по накладной 56',
        'КонецДокумента',
        'СекцияДокумент=Платежное поручение',
        'Номер=602',
        'Дата=',
        'Сумма=20.00',
        'КонецДокумента',
        'КонецФайла',
      ].join('\r\n');
      const file = iconv.encode(week, 'win1251');
      const r = await admin('POST', '/api/v1/bank/statements?fileName=week.txt', file, { 'accept-language': 'ru' });
      assert.equal(r.status, 201);
      assert.deepEqual([r.json.summary.documents, r.json.summary.imported, r.json.summary.duplicates, r.json.summary.rejected], [2, 1, 0, 1]);
      assert.deepEqual(
        r.json.summary.rejections.map((x: Json) => [x.line, x.sectionLine, x.number, x.key, x.code, x.reason]),
        [[17, 17, '602', 'Дата', 'bank.field_missing', 'В секции в строке 17 нет поля Дата.']],
      );
      const again = await admin('POST', '/api/v1/bank/statements', file);
      assert.deepEqual([again.status, again.json.summary.imported, again.json.summary.duplicates, again.json.summary.rejected], [200, 0, 1, 1]);
      assert.equal(again.json.summary.rejections[0].reason, 'The section on line 17 has no Дата.');
      const statements = await admin('GET', '/api/v1/bank/statements');
      assert.deepEqual([statements.json.statements[0].fileName, statements.json.statements[0].imported, statements.json.statements[0].rejected], ['week.txt', 1, 1]);
    });
  });
}
