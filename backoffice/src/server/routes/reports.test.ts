// Stock reports over real HTTP on SQLite and PostgreSQL: JSON pages with a total for the progress bar, the
// by-month chart data, a streamed CSV and an XLSX that unzips with the rows, and the right that guards them.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createAndPost, createItem, createMinimalCompany, stornoDocument, SYSTEM_ACTOR, type MinimalCompany } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { buildServer } from '../app';
import { addUser } from '../../auth/users';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`stock report routes on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let co: MinimalCompany;
    let base: string;
    let close: () => Promise<void>;
    let cookie = '';
    let milk: number;

    const get = (path: string, who = cookie) => fetch(base + path, { headers: who ? { cookie: who } : {} });
    const login = async (username: string, password: string) => {
      const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      assert.equal(r.status, 200);
      return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
    };

    before(async () => {
      db = await testDatabase(kind);
      co = await createMinimalCompany(db);
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens "2 %", 1 l' });
      for (const [code, rights] of [['manager', ['reports.view']], ['cashier', ['till.sell']]] as const) {
        const g = await db.kysely.insertInto('user_groups').values({ code, name: code }).returning('id').executeTakeFirstOrThrow();
        await db.kysely.insertInto('group_rights').values(rights.map((r) => ({ group_id: Number(g.id), right_code: r }))).execute();
      }
      await addUser(db, { username: 'maija', name: 'Maija', password: 'secret', group: 'manager', language: 'lv' });
      await addUser(db, { username: 'anna', name: 'Anna', password: 'secret', group: 'cashier', language: 'en' });
      const W1 = co.warehouses.W1!;
      const W2 = co.warehouses.W2!;
      const post = (input: Parameters<typeof createAndPost>[2]) => createAndPost(db, SYSTEM_ACTOR, input);
      await post({ type: 'receiving', date: '2026-11-02', warehouseId: W1, lines: [{ itemId: milk, quantity: '10', priceMinor: 100 }] });
      await post({ type: 'receiving', date: '2026-11-03', warehouseId: W1, lines: [{ itemId: milk, quantity: '5', priceMinor: 130 }] });
      const sale = await post({ type: 'sale', date: '2026-11-04', warehouseId: W1, lines: [{ itemId: milk, quantity: '4', priceMinor: 159 }] });
      await stornoDocument(db, SYSTEM_ACTOR, sale.document.id, '2026-11-05');
      await post({ type: 'transfer', date: '2026-11-06', warehouseId: W1, toWarehouseId: W2, lines: [{ itemId: milk, quantity: '5' }] });
      await post({ type: 'write_off', date: '2026-11-07', warehouseId: W1, reason: 'spoilage', lines: [{ itemId: milk, quantity: '1' }] });
      await post({ type: 'receiving', date: '2026-12-01', warehouseId: W1, lines: [{ itemId: milk, quantity: '9', priceMinor: 130 }] });
      const s = await buildServer({ databaseUrl: db.url });
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
      close = () => s.app.close();
      cookie = await login('maija', 'secret');
    });
    after(async () => {
      await close();
      await db.drop();
    });

    test('the reports are in the OpenAPI document', async () => {
      const doc = (await (await get('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
      for (const p of ['stock-balance', 'turnover', 'turnover/by-month', 'item-movements', 'purchase-prices']) assert.ok(doc.paths[`/api/v1/reports/${p}`], p);
    });

    test('a report needs a session and the reports.view right', async () => {
      assert.equal((await get('/api/v1/reports/stock-balance?date=2026-11-30', '')).status, 401);
      const cashier = await login('anna', 'secret');
      const r = await get('/api/v1/reports/stock-balance?date=2026-11-30', cashier);
      assert.equal(r.status, 403);
      assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'auth.forbidden');
      assert.equal((await get('/api/v1/reports/stock-balance?date=30.11.2026')).status, 400);
    });

    test('stock balance in JSON pages: total on the first page, next until the last', async () => {
      const first = (await (await get('/api/v1/reports/stock-balance?date=2026-11-30&limit=1')).json()) as { rows: Array<{ warehouseCode: string; quantity: string; valueMinor: number }>; next: string; total: number; currency: string };
      assert.equal(first.total, 2);
      assert.equal(first.currency, 'EUR');
      assert.deepEqual(first.rows.map((r) => [r.warehouseCode, r.quantity, r.valueMinor]), [['W1', '9.000', 990]]);
      const second = (await (await get(`/api/v1/reports/stock-balance?date=2026-11-30&limit=1&after=${first.next}`)).json()) as typeof first;
      assert.deepEqual(second.rows.map((r) => [r.warehouseCode, r.quantity, r.valueMinor]), [['W2', '5.000', 550]]);
      assert.equal(second.next, null);
      assert.equal(second.total, undefined);
      const bad = await get('/api/v1/reports/stock-balance?date=2026-11-30&after=nonsense');
      assert.equal(bad.status, 400);
    });

    test('turnover for November and by month for the chart', async () => {
      const t = (await (await get(`/api/v1/reports/turnover?from=2026-11-01&to=2026-11-30&itemId=${milk}`)).json()) as { rows: Array<Record<string, unknown>> };
      assert.deepEqual(
        t.rows.map((r) => [r.warehouseCode, r.inQuantity, r.inValueMinor, r.outQuantity, r.outValueMinor, r.closingQuantity, r.closingValueMinor]),
        [
          ['W1', '15.000', 1650, '6.000', 660, '9.000', 990],
          ['W2', '5.000', 550, '0.000', 0, '5.000', 550],
        ],
      );
      const m = (await (await get('/api/v1/reports/turnover/by-month?from=2026-11-01&to=2026-12-31')).json()) as { months: unknown[] };
      assert.deepEqual(m.months, [
        { month: '2026-11', inValueMinor: 2200, outValueMinor: 660 },
        { month: '2026-12', inValueMinor: 1170, outValueMinor: 0 },
      ]);
    });

    test('item movements stream as CSV with headers in the user language and money in euros', async () => {
      const r = await get(`/api/v1/reports/item-movements?itemId=${milk}&format=csv&separator=;`);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /text\/csv/);
      assert.match(r.headers.get('content-disposition') ?? '', /attachment; filename="item-movements-\d+\.csv"/);
      const lines = (await r.text()).replace(/^\ufeff/, '').trimEnd().split('\r\n');
      assert.equal(lines[0], 'Datums;Dokuments;Veids;Statuss;Partneris;Noliktava;Daudzums;Pašizmaksa;Atlikums;Atlikuma vērt.');
      assert.deepEqual(lines.slice(1), [
        '2026-11-02;REC-2026-000001;receiving;posted;;W1;10.000;10.00;10.000;10.00',
        '2026-11-03;REC-2026-000002;receiving;posted;;W1;5.000;6.50;15.000;16.50',
        '2026-11-04;SAL-2026-000001;sale;storno;;W1;-4.000;-4.40;11.000;12.10',
        '2026-11-05;SAL-2026-000002;sale;posted;;W1;4.000;4.40;15.000;16.50',
        '2026-11-06;TRF-2026-000001;transfer;posted;;W1;-5.000;-5.50;10.000;11.00',
        '2026-11-06;TRF-2026-000001;transfer;posted;;W2;5.000;5.50;15.000;16.50',
        '2026-11-07;WOF-2026-000001;write_off;posted;;W1;-1.000;-1.10;14.000;15.40',
        '2026-12-01;REC-2026-000003;receiving;posted;;W1;9.000;11.70;23.000;27.10',
      ]);
    });

    test('stock balance as XLSX: a real unzip finds the sheet with the rows', { timeout: 20000 }, async () => {
      const r = await get('/api/v1/reports/stock-balance?date=2026-11-30&format=xlsx&lang=en');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const dir = mkdtempSync(join(tmpdir(), 'kasa-report-'));
      try {
        const path = join(dir, 'stock.xlsx');
        writeFileSync(path, Buffer.from(await r.arrayBuffer()));
        const sheet = execFileSync('python3', ['-c', 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; sys.stdout.write(z.read("xl/worksheets/sheet1.xml").decode())', path]).toString();
        const cells = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map((m) => [...m[2]!.matchAll(/<(?:t xml:space="preserve"|v)>([^<]*)</g)].map((c) => c[1]));
        assert.deepEqual(cells, [
          ['Code', 'Item', 'Unit', 'Warehouse', 'Quantity', 'Cost value'],
          ['MILK', 'Piens &quot;2 %&quot;, 1 l', 'pcs', 'W1', '9', '9.9'],
          ['MILK', 'Piens &quot;2 %&quot;, 1 l', 'pcs', 'W2', '5', '5.5'],
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('purchase prices as CSV', async () => {
      // read the bytes: fetch's text() would drop the byte-order mark
      const text = Buffer.from(await (await get('/api/v1/reports/purchase-prices?format=csv&lang=en')).arrayBuffer()).toString('utf8');
      assert.equal(
        text,
        '\ufeffCode,Item,Date,Document,Partner,Quantity,Net price,Amount,Change\r\n' +
          'MILK,"Piens ""2 %"", 1 l",2026-11-02,REC-2026-000001,,10.000,1.00,10.00,\r\n' +
          'MILK,"Piens ""2 %"", 1 l",2026-11-03,REC-2026-000002,,5.000,1.30,6.50,0.30\r\n' +
          'MILK,"Piens ""2 %"", 1 l",2026-12-01,REC-2026-000003,,9.000,1.30,11.70,0.00\r\n',
      );
    });
  });
}
