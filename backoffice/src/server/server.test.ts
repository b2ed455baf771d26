// The store server over real HTTP on SQLite and PostgreSQL: sessions, documents through the engine, the till's
// idempotent receipt sync, and clear 4xx answers to bad input.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAndPost, createItem, createMinimalCompany, receiveMarkingCodes, SYSTEM_ACTOR, type MinimalCompany } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { buildServer } from './app';
import { addUser } from '../auth/users';

async function seedUsers(db: Awaited<ReturnType<typeof testDatabase>>) {
  for (const [code, rights] of [
    ['admin', ['*']],
    ['cashier', ['till.sell', 'sale.post']],
  ] as const) {
    const g = await db.kysely.insertInto('user_groups').values({ code, name: code }).returning('id').executeTakeFirstOrThrow();
    await db.kysely.insertInto('group_rights').values(rights.map((r) => ({ group_id: Number(g.id), right_code: r }))).execute();
  }
  await addUser(db, { username: 'admin', name: 'Admin', password: 'admin', group: 'admin', language: 'en' });
  await addUser(db, { username: 'anna', name: 'Anna', pin: '1111', group: 'cashier', language: 'lv' });
}

for (const kind of TEST_DATABASE_KINDS) {
  describe(`store server on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let co: MinimalCompany;
    let base: string;
    let close: () => Promise<void>;
    let cookie = '';
    let milk: number;

    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(base + path, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, any>) : {} }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };

    before(async () => {
      db = await testDatabase(kind);
      co = await createMinimalCompany(db, { warehouses: [{ code: 'STORE', name: 'Store' }] });
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens 2 %' });
      await db.kysely.insertInto('barcodes').values({ code: '4751003380019', item_id: milk, pack_quantity: '1' }).execute();
      await db.kysely.updateTable('items').set({ change_seq: 1 }).where('id', '=', milk).execute();
      await seedUsers(db);
      const s = await buildServer({ databaseUrl: db.url });
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      const addr = s.app.server.address() as { port: number };
      base = `http://127.0.0.1:${addr.port}`;
      close = () => s.app.close();
    });
    after(async () => {
      await close();
      await db.drop();
    });

    test('health names the database; unknown routes are a 404 with a code', async () => {
      assert.deepEqual((await call('GET', '/api/v1/health')).json, { status: 'ok', db: kind });
      const r = await call('GET', '/api/v1/nope');
      assert.equal(r.status, 404);
      assert.equal(r.json.error.code, 'route.not_found');
    });

    test('a wrong password is refused in the user language; the right one opens a session', async () => {
      const bad = await call('POST', '/api/v1/auth/login', { username: 'admin', password: 'x' }, { 'accept-language': 'lv' });
      assert.equal(bad.status, 401);
      assert.equal(bad.json.error.code, 'auth.invalid_credentials');
      assert.notEqual(bad.json.error.message, (await call('POST', '/api/v1/auth/login', { username: 'admin', password: 'x' })).json.error.message);
      assert.equal((await call('GET', '/api/v1/items')).status, 401);
      const ok = await call('POST', '/api/v1/auth/login', { username: 'admin', password: 'admin' });
      assert.equal(ok.status, 200);
      cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0]!;
      assert.equal((await call('GET', '/api/v1/auth/me')).json.user.username, 'admin');
    });

    test('items are found by a piece of the name, by barcode and by code; an underscore is just a character', async () => {
      const codes = async (q: string) => (await call('GET', `/api/v1/items?q=${encodeURIComponent(q)}`)).json.items.map((i: { code: string }) => i.code);
      assert.deepEqual(await codes('iens'), ['MILK']);
      assert.deepEqual(await codes('4751003380019'), ['MILK']);
      assert.deepEqual(await codes('MILK'), ['MILK']);
      assert.deepEqual(await codes('_'), []);
      assert.deepEqual(await codes('2 %'), ['MILK']);
      assert.deepEqual(await codes('4751003380000'), []);
    });

    test('a receiving posted over the API puts stock on hand; storno takes it back', async () => {
      const created = await call('POST', '/api/v1/documents', { type: 'receiving', date: '2026-11-02', warehouseId: co.warehouses.STORE, lines: [{ itemId: milk, quantity: '10.000', priceMinor: 100 }] });
      assert.equal(created.status, 201);
      const doc = created.json.document;
      assert.equal(doc.status, 'draft');
      assert.equal(doc.number, 'REC-2026-000001');
      // 10 × 1.00 net + 12 % VAT
      assert.equal(doc.totalMinor, 1120);
      // a scan adds to the same line; a retried scan with its key does not add twice
      const scan = { itemId: milk, quantity: '2.000', priceMinor: 100 };
      await call('POST', `/api/v1/documents/${doc.id}/lines`, scan, { 'idempotency-key': 'scan-1' });
      const again = await call('POST', `/api/v1/documents/${doc.id}/lines`, scan, { 'idempotency-key': 'scan-1' });
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.json.document.lines.length, 1);
      assert.equal(again.json.document.lines[0].quantity, '12.000');
      const posted = await call('POST', `/api/v1/documents/${doc.id}/post`, {});
      assert.equal(posted.json.document.status, 'posted');
      const stock = await call('GET', `/api/v1/stock?warehouseId=${co.warehouses.STORE}`);
      assert.equal(stock.json.balances.find((b: { itemId: number }) => b.itemId === milk).quantity, '12.000');
      const twice = await call('POST', `/api/v1/documents/${doc.id}/post`, {});
      assert.equal(twice.status, 409);
      const storno = await call('POST', `/api/v1/documents/${doc.id}/storno`, {});
      assert.equal(storno.status, 200);
      const list = await call('GET', '/api/v1/documents?type=receiving');
      assert.deepEqual(list.json.documents.map((d: { status: string }) => d.status).sort(), ['posted', 'storno']);
    });

    test('a draft created twice with one Idempotency-Key is one document; another body with that key is a 409', async () => {
      const body = { type: 'write_off', date: '2026-11-05', warehouseId: co.warehouses.STORE, reason: 'spoilage', lines: [{ itemId: milk, quantity: '1' }] };
      const a = await call('POST', '/api/v1/documents', body, { 'idempotency-key': 'wo-1' });
      const b = await call('POST', '/api/v1/documents', body, { 'idempotency-key': 'wo-1' });
      assert.equal(a.json.document.id, b.json.document.id);
      const c = await call('POST', '/api/v1/documents', { ...body, reason: 'theft' }, { 'idempotency-key': 'wo-1' });
      assert.equal(c.status, 409);
      assert.equal(c.json.error.code, 'idempotency.conflict');
    });

    test('the till gets the catalogue and cashiers; a receipt sent three times leaves stock once', async () => {
      const cat = await call('GET', '/api/v1/till/catalogue');
      assert.equal(cat.json.complete, true);
      assert.deepEqual(cat.json.items.map((i: { code: string; barcodes: string[] }) => [i.code, i.barcodes]), [['MILK', ['4751003380019']]]);
      const later = await call('GET', `/api/v1/till/catalogue?since=${cat.json.cursor}`);
      assert.equal(later.json.items.length, 0);
      const cashiers = await call('GET', '/api/v1/till/cashiers');
      assert.deepEqual(cashiers.json.cashiers.map((c: { name: string }) => c.name), ['Anna']);
      assert.match(cashiers.json.cashiers[0].pinHash, /^scrypt\$[0-9a-f]+\$[0-9a-f]{64}$/);
      await call('POST', '/api/v1/documents', { type: 'receiving', date: '2026-11-06', warehouseId: co.warehouses.STORE, lines: [{ itemId: milk, quantity: '5', priceMinor: 100 }] }).then((r) => call('POST', `/api/v1/documents/${r.json.document.id}/post`, {}));
      const receipt = {
        uuid: '7b0c9a52-3f0e-4a43-9f51-2d0f4f1a0001',
        tillCode: 'T1',
        number: 'T1-000001',
        type: 'sale',
        cashierId: 2,
        shiftNumber: 1,
        createdAt: '2026-11-07T10:00:00Z',
        currency: 'EUR',
        lines: [{ itemId: milk, quantity: '2.000', unitPriceMinor: 159, discountMinor: 0, vatRate: '12' }],
        payments: [{ method: 'cash', amountMinor: 318 }],
      };
      const before = (await call('GET', `/api/v1/stock?warehouseId=${co.warehouses.STORE}`)).json.balances[0].quantity;
      const first = await call('POST', '/api/v1/till/receipts', receipt, { 'idempotency-key': receipt.uuid });
      assert.equal(first.json.status, 'posted');
      const second = await call('POST', '/api/v1/till/receipts', receipt, { 'idempotency-key': receipt.uuid });
      const third = await call('POST', '/api/v1/till/receipts', receipt, { 'idempotency-key': receipt.uuid });
      assert.deepEqual([second.json.status, third.json.status], ['duplicate', 'duplicate']);
      assert.equal(second.json.documentId, first.json.documentId);
      const afterQty = (await call('GET', `/api/v1/stock?warehouseId=${co.warehouses.STORE}`)).json.balances[0].quantity;
      assert.equal(Number(before) - Number(afterQty), 2);
      const sale = await call('GET', `/api/v1/documents/${first.json.documentId}`);
      assert.equal(sale.json.document.totalMinor, 318);
    });

    test('a marked bottle is sold once: the second receipt with its code is posted but reported, and the check says no', async () => {
      const vodka = await createItem(db, co.vat.standard!, { code: 'VODKA', name: 'Degvīns 0,5 l' });
      await db.kysely.updateTable('items').set({ marked: 1 }).where('id', '=', vodka).execute();
      await db.kysely.insertInto('barcodes').values({ code: '4751003380014', item_id: vodka, pack_quantity: '1' }).execute();
      const rec = await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-06', warehouseId: co.warehouses.STORE, lines: [{ itemId: vodka, quantity: '2', priceMinor: 500 }] });
      const code = '0104751003380014215Abc1dEf\u001d93dGVz';
      await receiveMarkingCodes(db.kysely, { documentId: rec.document.id, codes: [code] });
      assert.deepEqual((await call('POST', '/api/v1/till/marking/check', { code, itemId: vodka })).json.allowed, true);
      const receipt = (uuid: string) => ({
        uuid,
        tillCode: 'T1',
        number: uuid.slice(-6),
        type: 'sale',
        cashierId: 2,
        shiftNumber: 1,
        createdAt: '2026-11-07T11:00:00Z',
        currency: 'EUR',
        lines: [{ itemId: vodka, quantity: '1.000', unitPriceMinor: 999, discountMinor: 0, vatRate: '21', markingCode: code }],
        payments: [{ method: 'card', amountMinor: 999 }],
      });
      const first = await call('POST', '/api/v1/till/receipts', receipt('7b0c9a52-3f0e-4a43-9f51-2d0f4f1a0101'));
      assert.equal(first.json.status, 'posted');
      assert.equal(first.json.warnings, undefined);
      assert.deepEqual((await call('POST', '/api/v1/till/marking/check', { code })).json, { code, status: 'sold', allowed: false, itemId: vodka });
      const second = await call('POST', '/api/v1/till/receipts', receipt('7b0c9a52-3f0e-4a43-9f51-2d0f4f1a0102'));
      assert.equal(second.json.status, 'posted');
      assert.deepEqual(second.json.warnings.map((w: { code: string }) => w.code), ['marking.already_sold']);
    });

    test('malformed bodies get a 4xx with a code and the server keeps answering', async () => {
      for (const body of ['{', '[]', 'null', '{"x":', JSON.stringify({ type: 'receiving', date: 'yesterday', lines: [] }), JSON.stringify({ type: 'receiving', date: '2026-01-01', lines: [{ itemId: milk, quantity: '1e999' }] })]) {
        const r = await call('POST', '/api/v1/documents', body);
        assert.ok(r.status >= 400 && r.status < 500, `${body} → ${r.status}`);
        assert.equal(typeof r.json.error.code, 'string');
      }
      const unknownItem = await call('POST', '/api/v1/documents', { type: 'receiving', date: '2026-01-01', warehouseId: co.warehouses.STORE, lines: [{ itemId: 999999, quantity: '1' }] }, { 'accept-language': 'ru' });
      assert.equal(unknownItem.status, 400);
      assert.equal(unknownItem.json.error.code, 'item.unknown');
      assert.equal((await call('GET', '/api/v1/health')).status, 200);
    });

    test('text with a NUL character or a number beyond exact counting is a 400 naming the field, never a failed transaction', async () => {
      const item = await call('POST', '/api/v1/items', { code: 'NUL1', name: 'Piens\u0000', unit: 'pcs', vatGroupId: co.vat.reduced }, { 'accept-language': 'ru' });
      assert.equal(item.status, 400);
      assert.equal(item.json.error.code, 'validation.name');
      assert.match(item.json.error.message, /name/);
      const search = await call('GET', `/api/v1/items?q=${encodeURIComponent('a\u0000')}`);
      assert.equal(search.json.error.code, 'validation.q');
      const line = await call('POST', '/api/v1/documents', { type: 'write_off', date: '2026-11-05', warehouseId: co.warehouses.STORE, reason: 'spoilage', lines: [{ itemId: milk, quantity: '1\u0000' }] });
      assert.equal(line.json.error.code, 'validation.lines.0.quantity');
      for (const [bad, field] of [
        [{ warehouseId: 1e308 }, 'warehouseId'],
        [{ warehouseId: 2 ** 53 + 1 }, 'warehouseId'],
        [{ partnerId: '1e999' }, 'partnerId'],
      ] as const) {
        const r = await call('POST', '/api/v1/documents', Object.assign({ type: 'receiving', date: '2026-11-05', warehouseId: co.warehouses.STORE, lines: [{ itemId: milk, quantity: '1' }] }, bad));
        assert.equal(r.status, 400, JSON.stringify(bad));
        assert.equal(r.json.error.code, `validation.${field}`);
      }
      const hugeItem = await call('POST', '/api/v1/documents', { type: 'receiving', date: '2026-11-05', warehouseId: co.warehouses.STORE, lines: [{ itemId: 1e300, quantity: '1' }] });
      assert.equal(hugeItem.json.error.code, 'validation.lines.0.itemId');
      const login = await call('POST', '/api/v1/auth/login', { username: 'admin\u0000', password: 'x' });
      assert.equal(login.status, 400);
      assert.equal((await call('GET', '/api/v1/items?q=MILK')).json.items.length, 1, 'the server keeps answering');
    });

    test('names in any alphabet are found whatever their case; an item withdrawn from sale leaves the search and the tills', async () => {
      const cursor = (await call('GET', '/api/v1/till/catalogue')).json.cursor;
      const add = async (code: string, name: string) => (await call('POST', '/api/v1/items', { code, name, unit: 'pcs', vatGroupId: co.vat.reduced })).json.item.id as number;
      const baked = await add('RYAZ', 'РЯЖЕНКА Топлёная 4 %');
      await add('KEFIR', 'Ķefīrs Ēlā');
      const codes = async (q: string, extra = '') => (await call('GET', `/api/v1/items?q=${encodeURIComponent(q)}${extra}`)).json.items.map((i: { code: string }) => i.code);
      assert.deepEqual(await codes('ряженка'), ['RYAZ']);
      assert.deepEqual(await codes('ТОПЛЁН'), ['RYAZ']);
      assert.deepEqual(await codes('ķEFĪRS'), ['KEFIR']);
      assert.deepEqual(await codes('ēlā'), ['KEFIR']);
      const changed = await call('PUT', `/api/v1/items/${baked}`, { code: 'RYAZ', name: 'РЯЖЕНКА Топлёная 4 %', unit: 'pcs', vatGroupId: co.vat.reduced, active: false });
      assert.equal(changed.json.item.active, false);
      assert.deepEqual(await codes('ряженка'), []);
      assert.deepEqual(await codes('ряженка', '&inactive=true'), ['RYAZ']);
      const feed = await call('GET', `/api/v1/till/catalogue?since=${cursor}`);
      const byCode = new Map(feed.json.items.map((i: { code: string; deleted?: boolean }) => [i.code, i.deleted ?? false]));
      assert.equal(byCode.get('RYAZ'), true);
      assert.equal(byCode.get('KEFIR'), false);
    });

    test('a price set earlier to come into force today reaches the tills today', async () => {
      const cursor = (await call('GET', '/api/v1/till/catalogue')).json.cursor;
      const today = new Date().toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const g = await db.kysely.insertInto('price_groups').values({ code: 'RETAIL', name: 'Retail', currency: 'EUR', tax_included: 1, is_default: 1 }).returning('id').executeTakeFirstOrThrow();
      // As if set last week, valid from today: nothing touched the item since, and yesterday was already announced.
      await db.kysely.insertInto('prices').values({ price_group_id: Number(g.id), item_id: milk, price_minor: 149, valid_from: today, created_at: '2026-01-01T00:00:00Z' }).execute();
      await db.kysely.updateTable('settings').set({ value: yesterday }).where('key', '=', 'internal.prices_in_force_through').execute();
      const feed = await call('GET', `/api/v1/till/catalogue?since=${cursor}`);
      assert.deepEqual(feed.json.items.map((i: { code: string; priceMinor: number }) => [i.code, i.priceMinor]), [['MILK', 149]]);
      assert.equal((await call('GET', `/api/v1/till/catalogue?since=${feed.json.cursor}`)).json.items.length, 0);
    });

    test('a till pulling 2,000 items a page gets every item, even when a page boundary falls among items changed together', async () => {
      const start = Number((await call('GET', '/api/v1/till/catalogue')).json.cursor);
      // 2,010 new items; numbers 1,995 to 2,010 were changed in one go and share one change number.
      const rows = Array.from({ length: 2010 }, (_, i) => ({
        code: `BULK${String(i + 1).padStart(4, '0')}`,
        name: `Bulk ${i + 1}`,
        unit: 'pcs',
        vat_group_id: co.vat.reduced!,
        group_id: null,
        goods_type: 'sale',
        weighted: 0,
        marked: 0,
        produced: 0,
        costing: 'average',
        standard_cost_minor: null,
        active: 1,
        updated_at: '2026-11-20T10:00:00Z',
        change_seq: start + Math.min(i + 1, 1995),
      }));
      for (let i = 0; i < rows.length; i += 500) await db.kysely.insertInto('items').values(rows.slice(i, i + 500)).execute();
      const seen = new Set<string>();
      let cursor = String(start);
      for (let page = 0; page < 5; page++) {
        const feed = await call('GET', `/api/v1/till/catalogue?since=${cursor}`);
        for (const it of feed.json.items as Array<{ code: string }>) seen.add(it.code);
        cursor = feed.json.cursor;
        if (feed.json.complete) break;
      }
      assert.equal([...seen].filter((c) => c.startsWith('BULK')).length, 2010);
    });
  });
}
