// The exchange with 1C over HTTP on SQLite and PostgreSQL: the accountant sets the folders and presses "run now",
// polls the run to 100 % and reads the log; then 1C's own "exchange with a site" protocol: checkauth, init,
// sale/query (documents.xml that passes the schema), success, and a bank statement pushed with catalog/file+import.
// A storekeeper may do none of it.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { createAndPost, createItem, createMinimalCompany, SYSTEM_ACTOR } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { buildServer } from '../app';
import { ONE_PAYMENT_STATEMENT } from './exchange-fixtures';
import { seedWarehouseUsers } from '../test-users';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const XSD = fileURLToPath(new URL('../../../../integrations/schemas/commerceml-2.10.xsd', import.meta.url));
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const STATEMENT = ONE_PAYMENT_STATEMENT;

for (const kind of TEST_DATABASE_KINDS) {
  describe(`exchange with 1C over HTTP on ${kind}`, { timeout: 120_000 }, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let app: FastifyInstance;
    let dir: string;
    const cookies: Record<string, string> = {};
    const call = async (user: string, method: string, url: string, body?: unknown) => {
      const res = await app.inject({ method: method as 'GET', url, headers: { cookie: cookies[user] ?? '', 'accept-language': 'en' }, ...(body !== undefined ? { payload: body as Json } : {}) });
      return { status: res.statusCode, json: (res.body ? JSON.parse(res.body) : {}) as Json };
    };

    before(async () => {
      db = await testDatabase(kind);
      dir = await mkdtemp(join(tmpdir(), 'kasa-exchange-route-'));
      const co = await createMinimalCompany(db);
      const milk = await createItem(db, co.vat.standard!, { code: 'MILK', name: 'Piens' });
      const today = new Date();
      const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-01`;
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date, warehouseId: co.warehouses.W1!, lines: [{ itemId: milk, quantity: '4', priceMinor: 50 }] });
      await seedWarehouseUsers(db);
      const s = await buildServer({ databaseUrl: db.url });
      app = s.app;
      for (const u of ['admin', 'storekeeper']) {
        const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: u } });
        cookies[u] = String(r.headers['set-cookie'] ?? '').split(';')[0]!;
      }
    });
    after(async () => {
      await app.close();
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    });

    test('settings need the right; run now goes to 100 % and the log lists the files', async () => {
      const settings = { enabled: true, schedule: { kind: 'interval', everyMinutes: 15, dailyAt: '02:00' }, mode: 'folder', exportDir: join(dir, 'out'), inboxDir: join(dir, 'in'), firstFrom: '' };
      assert.equal((await call('storekeeper', 'PUT', '/api/v1/exchange/settings', settings)).status, 403);
      assert.equal((await call('storekeeper', 'GET', '/api/v1/exchange/runs')).status, 403);
      const bad = await call('admin', 'PUT', '/api/v1/exchange/settings', { ...settings, exportDir: 'relative/out' });
      assert.deepEqual([bad.status, bad.json.error.code], [400, 'exchange.settings_invalid']);
      const saved = await call('admin', 'PUT', '/api/v1/exchange/settings', { ...settings, httpKey: 'key-for-the-accountant' });
      assert.equal(saved.status, 200);
      assert.equal(saved.json.settings.httpKeySet, true);
      assert.equal(saved.json.settings.httpKeyHash, undefined);
      const read = await call('admin', 'GET', '/api/v1/exchange/settings');
      assert.equal(read.json.settings.schedule.everyMinutes, 15);
      // never run: due now
      assert.ok(read.json.nextRunAt);

      const started = await call('admin', 'POST', '/api/v1/exchange/runs');
      assert.equal(started.status, 202);
      const id = started.json.run.id as number;
      let run: Json = started.json.run;
      for (let i = 0; i < 200 && run.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        run = (await call('admin', 'GET', `/api/v1/exchange/runs/${id}`)).json.run;
      }
      assert.deepEqual([run.status, run.percent, run.trigger], ['ok', 100, 'manual']);
      assert.deepEqual(run.entries.map((e: Json) => [e.direction, e.fileName]), [['sent', 'import.xml'], ['sent', 'offers.xml'], ['sent', 'documents.xml']]);
      assert.equal(run.entries[2].counts.documents, 1);
      assert.deepEqual((await readdir(join(dir, 'out'))).sort(), ['documents.xml', 'import.xml', 'offers.xml']);
      const log = await call('admin', 'GET', '/api/v1/exchange/runs');
      assert.deepEqual(log.json.runs.map((r: Json) => r.id), [id]);
    });

    test("1C's protocol: checkauth, init, sale/query with schema-valid documents, success; a statement pushed is booked", async () => {
      const url = (q: string) => `/api/1c/exchange?${q}`;
      const denied = await app.inject({ method: 'GET', url: url('type=sale&mode=checkauth') });
      assert.equal(denied.statusCode, 401);
      assert.match(denied.body, /^failure\n/);
      // A client speaking JSON (not 1C) is refused in the API's error shape.
      const deniedJson = await app.inject({ method: 'POST', url: url('type=sale&mode=checkauth'), headers: { 'content-type': 'application/json' }, payload: '{' });
      assert.equal(deniedJson.statusCode, 401);
      assert.equal(deniedJson.json().error.code, 'exchange.auth_failed');
      assert.equal((await app.inject({ method: 'GET', url: url('type=sale&mode=checkauth'), headers: { authorization: basic('storekeeper', 'storekeeper') } })).statusCode, 401);

      const auth = await app.inject({ method: 'GET', url: url('type=sale&mode=checkauth'), headers: { authorization: basic('admin', 'admin') } });
      const [word, name, value] = auth.body.split('\n');
      assert.deepEqual([auth.statusCode, word, name], [200, 'success', 'kasa_1c']);
      const cookie = `${name}=${value}`;
      const init = await app.inject({ method: 'GET', url: url('type=sale&mode=init'), headers: { cookie } });
      assert.equal(init.body, 'zip=no\nfile_limit=8388608');

      const query = await app.inject({ method: 'GET', url: url('type=sale&mode=query'), headers: { cookie } });
      assert.equal(query.statusCode, 200);
      assert.match(String(query.headers['content-type']), /xml/);
      assert.match(query.body, /<КоммерческаяИнформация/);
      assert.equal(query.body.match(/<Документ>/g)?.length, 1);
      if (existsSync(XSD)) {
        const file = join(dir, 'query.xml');
        await writeFile(file, query.body);
        await promisify(execFile)('xmllint', ['--noout', '--schema', XSD, file]);
      }
      let runs = (await call('admin', 'GET', '/api/v1/exchange/runs')).json.runs as Json[];
      assert.deepEqual([runs[0]!.mode, runs[0]!.status, runs[0]!.entries[0].fileName], ['http', 'unconfirmed', 'documents.xml']);
      assert.equal((await app.inject({ method: 'GET', url: url('type=sale&mode=success'), headers: { cookie } })).body, 'success');
      runs = (await call('admin', 'GET', '/api/v1/exchange/runs')).json.runs as Json[];
      assert.equal(runs[0]!.status, 'ok');

      // the exchange key instead of a user; the statement in two chunks
      const keyAuth = await app.inject({ method: 'GET', url: url('type=catalog&mode=checkauth'), headers: { authorization: basic('1c', 'key-for-the-accountant') } });
      const keyCookie = keyAuth.body.split('\n').slice(1).join('=');
      const half = Math.floor(STATEMENT.length / 2);
      for (const part of [STATEMENT.subarray(0, half), STATEMENT.subarray(half)]) {
        const r = await app.inject({ method: 'POST', url: url('type=catalog&mode=file&filename=kl_to_1c.txt'), headers: { cookie: keyCookie, 'content-type': 'application/octet-stream' }, payload: part });
        assert.equal(r.body, 'success');
      }
      const imported = await app.inject({ method: 'GET', url: url('type=catalog&mode=import&filename=kl_to_1c.txt'), headers: { cookie: keyCookie } });
      assert.equal(imported.body, 'success');
      const ops = await call('admin', 'GET', '/api/v1/bank/operations');
      assert.deepEqual(ops.json.operations.map((o: Json) => [o.docNumber, o.amountMinor]), [['88', 25000]]);
      runs = (await call('admin', 'GET', '/api/v1/exchange/runs')).json.runs as Json[];
      assert.deepEqual([runs[0]!.entries[0].direction, runs[0]!.entries[0].fileName, runs[0]!.entries[0].counts.imported], ['received', 'kl_to_1c.txt', 1]);
      // the same statement in three chunks with basic auth on every call and no cookie: appended, then a duplicate
      const third = Math.floor(STATEMENT.length / 3);
      for (const part of [STATEMENT.subarray(0, third), STATEMENT.subarray(third, 2 * third), STATEMENT.subarray(2 * third)]) {
        const r = await app.inject({ method: 'POST', url: url('type=catalog&mode=file&filename=again.txt'), headers: { authorization: basic('1c', 'key-for-the-accountant'), 'content-type': 'application/octet-stream' }, payload: part });
        assert.equal(r.body, 'success');
      }
      assert.equal((await app.inject({ method: 'GET', url: url('type=catalog&mode=import&filename=again.txt'), headers: { authorization: basic('1c', 'key-for-the-accountant') } })).body, 'success');
      runs = (await call('admin', 'GET', '/api/v1/exchange/runs')).json.runs as Json[];
      assert.deepEqual([runs[0]!.entries[0].fileName, runs[0]!.entries[0].counts.imported, runs[0]!.entries[0].counts.duplicates], ['again.txt', 0, 1]);
      // 1C sends its documents back with type=sale&mode=file: kept and logged as received
      const back = await app.inject({ method: 'POST', url: url('type=sale&mode=file&filename=orders.xml'), headers: { cookie: keyCookie }, payload: Buffer.from('<КоммерческаяИнформация/>') });
      assert.equal(back.body, 'success');
      runs = (await call('admin', 'GET', '/api/v1/exchange/runs')).json.runs as Json[];
      assert.deepEqual([runs[0]!.trigger, runs[0]!.entries[0].direction, runs[0]!.entries[0].fileName], ['http', 'received', 'orders.xml']);
      // a file never sent, and a mode 1C does not have
      assert.match((await app.inject({ method: 'GET', url: url('type=catalog&mode=import&filename=nothing.xml'), headers: { cookie: keyCookie } })).body, /^failure\nFile nothing.xml was not sent/);
      assert.match((await app.inject({ method: 'GET', url: url('type=catalog&mode=dance'), headers: { cookie: keyCookie } })).body, /^failure\n/);
    });
  });
}
