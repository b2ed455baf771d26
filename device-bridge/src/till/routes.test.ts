// The till's HTTP API as the UI uses it: login, status, scale weight, and errors as stable codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { hashPin } from './cashiers';
import { recordingDevices } from './devices';
import { registerTillRoutes } from './index';
import { startStandIn } from './store-server-stand-in';

test('login, status, the scale and error codes over HTTP', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-till-routes-'));
  const server = await startStandIn(
    [{ id: 2, code: '42', name: 'Gouda', unit: 'kg', weighted: true, marked: false, vatRate: '12', priceMinor: 349, currency: 'EUR', barcodes: [] }],
    [{ id: 7, name: 'Anna', pinHash: hashPin('1111'), rights: ['till.discount:15'], language: 'lv' }],
  );
  const app = Fastify();
  const till = registerTillRoutes(app, { dataDir: dir, serverUrl: server.url, tillCode: 'T01', tillDevices: recordingDevices({ weight: '0.75' }) });
  try {
    await app.ready();
    await till.sync.pullNow();
    const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const r = await app.inject({ method, url: `/api/till${url}`, ...(payload ? { payload } : {}) });
      return { status: r.statusCode, body: r.json() as Record<string, unknown> };
    };
    assert.deepEqual(await call('POST', '/shift/open', { floatMinor: 0 }), { status: 401, body: { error: { code: 'auth.locked', message: 'auth.locked', params: {} } } });
    assert.equal((await call('POST', '/login', { pin: '0000' })).status, 401);
    const login = await call('POST', '/login', { pin: '1111' });
    assert.equal(login.status, 200);
    const status = (await call('GET', '/status')).body as { online: boolean; cashier: { name: string; discountLimitPercent: number; language: string } };
    assert.equal(status.online, true);
    assert.equal(status.cashier.name, 'Anna');
    assert.equal(status.cashier.discountLimitPercent, 15);
    assert.equal(status.cashier.language, 'lv');
    assert.deepEqual((await call('GET', '/scale/weight')).body, { weight: '0.750' });
    assert.equal((await call('POST', '/language', { language: 'cs' })).status, 200);
    assert.equal(((await call('GET', '/status')).body as { cashier: { language: string } }).cashier.language, 'cs');
    const err = await call('POST', '/cash', { kind: 'in', amountMinor: 100, reason: 'change' });
    assert.equal((err.body as { error: { code: string } }).error.code, 'shift.not_open');
    assert.equal((await call('GET', '/items?q=gou')).body.items instanceof Array, true);
  } finally {
    await app.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the opening float goes into the fiscal register as a cash-in, so a later cash-out is not refused', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-till-routes-'));
  const server = await startStandIn([], [{ id: 7, name: 'Anna', pinHash: hashPin('1111'), rights: [], language: 'lv' }]);
  const app = Fastify();
  const devices = recordingDevices();
  const till = registerTillRoutes(app, { dataDir: dir, serverUrl: server.url, tillCode: 'T01', tillDevices: devices });
  try {
    await app.ready();
    await till.sync.pullNow();
    await app.inject({ method: 'POST', url: '/api/till/login', payload: { pin: '1111' } });
    assert.equal((await app.inject({ method: 'POST', url: '/api/till/shift/open', payload: { floatMinor: 10000 } })).statusCode, 200);
    assert.deepEqual(
      devices.calls.filter((c) => c.kind.startsWith('fiscal:')).map((c) => [c.kind, c.key, c.payload]),
      [
        ['fiscal:open-shift', 'open-shift:T01:1', { cashier: 'Anna' }],
        ['fiscal:cash-in', 'float:T01:1', { amount: '100.00', cashier: 'Anna' }],
      ],
    );
  } finally {
    await app.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a receipt the register could not print shows as a problem in the cashier\'s language until it is retried', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-till-routes-'));
  const server = await startStandIn(
    [{ id: 1, code: '1001', name: 'Rye bread', unit: 'pcs', weighted: false, marked: false, vatRate: '21', priceMinor: 129, currency: 'EUR', barcodes: [] }],
    [{ id: 7, name: 'Anna', pinHash: hashPin('1111'), rights: [], language: 'lv' }],
  );
  const app = Fastify();
  const devices = recordingDevices({ fiscalFault: 'fiscal.no_check_paper' });
  const till = registerTillRoutes(app, { dataDir: dir, serverUrl: server.url, tillCode: 'T01', tillDevices: devices });
  try {
    await app.ready();
    await till.sync.pullNow();
    const call = async (method: 'GET' | 'POST', url: string, payload?: object) => (await app.inject({ method, url: `/api/till${url}`, ...(payload ? { payload } : {}) })).json() as Record<string, unknown>;
    await call('POST', '/login', { pin: '1111' });
    await call('POST', '/shift/open', { floatMinor: 0 });
    const sold = (await call('POST', '/receipts', { uuid: '6f1c1f9e-8a53-4c1e-9a43-2d7c2b1a0001', lines: [{ itemId: '1', quantity: '1' }], payments: [{ method: 'cash', amountMinor: 200 }] })) as { receipt: { number: string } };
    // The sale is in the journal; the paper ran out.
    assert.equal(sold.receipt.number, 'T01-000001');
    const key = 'receipt:6f1c1f9e-8a53-4c1e-9a43-2d7c2b1a0001';
    const { deviceProblems } = (await call('GET', '/status')) as { deviceProblems: { key: string; code: string; message: string }[] };
    assert.deepEqual(deviceProblems, [{ key, type: 'fiscal.receipt', code: 'fiscal.no_check_paper', message: 'Nav čeku papīra — ielieciet jaunu rulli' }]);
    // A new roll is in: the cashier presses Retry and the problem is gone.
    devices.fiscalFault = undefined;
    assert.deepEqual(await call('POST', '/devices/retry', { key }), { ok: true, status: 202 });
    assert.deepEqual(((await call('GET', '/status')) as { deviceProblems: unknown[] }).deviceProblems, []);
  } finally {
    await app.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the till UI\'s barcode index comes in pages and its version moves when a pull changes the catalogue', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-till-routes-'));
  const bread = { id: 1, code: '1001', name: 'Rye bread', unit: 'pcs', weighted: false, marked: false, vatRate: '21', priceMinor: 129, currency: 'EUR', barcodes: ['4750000000014', '4750000000021'] };
  const server = await startStandIn(
    [
      bread,
      // No barcode: found by code or name only, so not in the index.
      { id: 2, code: '42', name: 'Gouda', unit: 'kg', weighted: true, marked: false, vatRate: '12', priceMinor: 349, currency: 'EUR', barcodes: [] },
      { id: 3, code: '7001', name: 'Cigarettes', unit: 'pcs', weighted: false, marked: true, vatRate: '21', priceMinor: 575, currency: 'EUR', barcodes: ['4750000000038'] },
    ],
    [],
  );
  const app = Fastify();
  const till = registerTillRoutes(app, { dataDir: dir, serverUrl: server.url, tillCode: 'T01', tillDevices: recordingDevices() });
  try {
    await app.ready();
    await till.sync.pullNow();
    const get = async (url: string) => (await app.inject({ method: 'GET', url: `/api/till${url}` })).json() as { version: string; rows: unknown[][]; next: number | null };
    const first = await get('/barcode-index?after=0&limit=1');
    assert.deepEqual(first.rows, [['1', '1001', 'Rye bread', 'pcs', 0, 0, '21', 129, 'EUR', ['4750000000014', '4750000000021']]]);
    assert.notEqual(first.next, null);
    const second = await get(`/barcode-index?after=${first.next}&limit=1`);
    assert.deepEqual(second.rows, [['3', '7001', 'Cigarettes', 'pcs', 0, 1, '21', 575, 'EUR', ['4750000000038']]]);
    assert.equal(second.version, first.version);
    assert.equal((await get(`/barcode-index?after=${second.next ?? 0}&limit=1`)).rows.length, 0);
    const status = async () => ((await app.inject({ method: 'GET', url: '/api/till/status' })).json() as { catalogueVersion: string }).catalogueVersion;
    assert.equal(await status(), first.version);

    // A new price for the bread: the next pull moves the version, and the index has the new price.
    server.items.push({ ...bread, priceMinor: 139 });
    await till.sync.pullNow();
    const after = await get('/barcode-index?after=0&limit=10');
    assert.notEqual(after.version, first.version);
    assert.equal(await status(), after.version);
    assert.equal(after.rows[0]![7], 139);
    // A pull that brings nothing leaves it alone: the page does not load 100,000 items again for nothing.
    await till.sync.pullNow();
    assert.equal(await status(), after.version);
  } finally {
    await app.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
