// Production over real HTTP on SQLite and PostgreSQL: a baker saves tech cards, prints one, asks for the norm of
// 100 loaves, posts the run (a retried send posts once), cuts a pork half by weight, and reads the day's report.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAndPost, createItem, createMinimalCompany, SYSTEM_ACTOR } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { buildServer } from './app';
import { addUser } from '../auth/users';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const kind of TEST_DATABASE_KINDS) {
  describe(`production API on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let base: string;
    let close: () => Promise<void>;
    let BAKERY: number;
    const it: Record<string, number> = {};
    const cookies: Record<string, string> = {};

    const call = async (who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(base + path, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(cookies[who] ? { cookie: cookies[who] } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      const json = res.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as Json) : {};
      return { status: res.status, headers: res.headers, json, text };
    };

    before(async () => {
      db = await testDatabase(kind);
      const co = await createMinimalCompany(db, { warehouses: [{ code: 'BAKERY', name: 'Bakery', negativeStock: 'forbid' }] });
      BAKERY = co.warehouses.BAKERY!;
      for (const [code, unit] of [['FLOUR', 'kg'], ['WATER', 'l'], ['YEAST', 'kg'], ['DOUGH', 'kg'], ['BREAD', 'pcs'], ['PORK', 'kg'], ['HAM', 'kg'], ['LOIN', 'kg'], ['BONES', 'kg']] as const) {
        it[code] = await createItem(db, co.vat.reduced!, { code, name: code.toLowerCase(), unit });
      }
      // flour 100 kg × 0.80, water 100 l × 0.01, yeast 5 kg × 4.00, a pork half 50 kg × 3.00 (net, cents)
      await createAndPost(db, SYSTEM_ACTOR, {
        type: 'receiving',
        date: '2026-11-20',
        warehouseId: BAKERY,
        lines: [
          { itemId: it.FLOUR!, quantity: '100', priceMinor: 80 },
          { itemId: it.WATER!, quantity: '100', priceMinor: 1 },
          { itemId: it.YEAST!, quantity: '5', priceMinor: 400 },
          { itemId: it.PORK!, quantity: '50', priceMinor: 300 },
        ],
      });
      for (const [code, rights] of [
        ['admin', ['*']],
        ['baker', ['production.post', 'production.view']],
      ] as const) {
        const g = await db.kysely.insertInto('user_groups').values({ code, name: code }).returning('id').executeTakeFirstOrThrow();
        await db.kysely.insertInto('group_rights').values(rights.map((r) => ({ group_id: Number(g.id), right_code: r }))).execute();
      }
      await addUser(db, { username: 'admin', name: 'Admin', password: 'admin', group: 'admin', language: 'en' });
      await addUser(db, { username: 'baker', name: 'Baiba', password: 'baker', group: 'baker', language: 'lv' });
      const s = await buildServer({ databaseUrl: db.url });
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
      close = () => s.app.close();
      for (const who of ['admin', 'baker']) {
        const r = await call(who, 'POST', '/api/v1/auth/login', { username: who, password: who });
        assert.equal(r.status, 200);
        cookies[who] = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
      }
    });
    after(async () => {
      await close();
      await db.drop();
    });

    test('tech cards: dough and bread saved as versions; a baker without recipe.edit is refused; a cycle is named', async () => {
      assert.equal((await call('nobody', 'GET', '/api/v1/production/recipes')).status, 401);
      const dough = { validFrom: '2026-01-01', outputQuantity: '10', components: [{ itemId: it.FLOUR, grossQuantity: '6' }, { itemId: it.WATER, grossQuantity: '3.8' }, { itemId: it.YEAST, grossQuantity: '0.2' }] };
      const refused = await call('baker', 'POST', `/api/v1/production/recipes/${it.DOUGH}`, dough, { 'accept-language': 'lv' });
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'auth.forbidden');
      const d = await call('admin', 'POST', `/api/v1/production/recipes/${it.DOUGH}`, dough);
      assert.equal(d.status, 201);
      assert.equal(d.json.version.version, 1);
      const b = await call('admin', 'POST', `/api/v1/production/recipes/${it.BREAD}`, { validFrom: '2026-01-01', outputQuantity: '1', components: [{ itemId: it.DOUGH, grossQuantity: '0.5', lossPercent: '3' }] });
      assert.equal(b.status, 201);
      assert.equal(b.json.version.components[0].netQuantity, '0.485', '3 % of 0.5 kg is lost baking');
      // December: a smaller loaf, version 2
      const b2 = await call('admin', 'POST', `/api/v1/production/recipes/${it.BREAD}`, { validFrom: '2026-12-01', outputQuantity: '1', components: [{ itemId: it.DOUGH, grossQuantity: '0.45', lossPercent: '3' }] });
      assert.equal(b2.json.version.version, 2);

      const cycle = await call('admin', 'POST', `/api/v1/production/recipes/${it.DOUGH}`, { validFrom: '2026-02-01', outputQuantity: '1', components: [{ itemId: it.BREAD, grossQuantity: '1' }] });
      assert.equal(cycle.status, 422);
      assert.equal(cycle.json.error.code, 'recipe.cycle');
      assert.match(cycle.json.error.message, /DOUGH/);

      const list = await call('baker', 'GET', '/api/v1/production/recipes');
      assert.deepEqual(
        list.json.recipes.map((r: Json) => `${r.code} v${r.latestVersion} (${r.versions})`),
        ['BREAD v2 (2)', 'DOUGH v1 (1)'],
      );
      const versions = await call('baker', 'GET', `/api/v1/production/recipes/${it.BREAD}`);
      assert.deepEqual(versions.json.versions.map((v: Json) => v.validFrom), ['2026-01-01', '2026-12-01']);
      assert.deepEqual(versions.json.components.map((c: Json) => c.code), ['DOUGH']);
    });

    test('cost per version and the printed tech card, in the reader’s language', async () => {
      // dough 10 kg = 6·80 + 3.8·1 + 0.2·400 = 563.8 cents → 56.38 a kg; a loaf 0.5 kg = 28.19 cents
      const v1 = await call('baker', 'GET', `/api/v1/production/recipes/${it.BREAD}/cost?date=2026-11-23&warehouseId=${BAKERY}`);
      assert.equal(v1.status, 200);
      assert.equal(v1.json.recipe.version, 1);
      assert.equal(v1.json.totalMinor, 28);
      assert.equal(v1.json.unitCostMinor, '28.19');
      // the card's own line is the dough at its recipe's cost; what leaves stock is flour, water and yeast
      assert.deepEqual(v1.json.lines.map((l: Json) => [l.itemCode, l.grossQuantity, l.unitCostMinor, l.costMinor, l.viaRecipe]), [['DOUGH', '0.500', '56.38', '28.19', true]]);
      assert.equal(v1.json.exploded.length, 3);
      // version 2 (0.45 kg): 0.45 · 56.38 = 25.371
      const v2 = await call('baker', 'GET', `/api/v1/production/recipes/${it.BREAD}/cost?version=2&warehouseId=${BAKERY}`);
      assert.equal(v2.json.unitCostMinor, '25.371');

      const en = await call('baker', 'GET', `/api/v1/production/recipes/${it.BREAD}/tech-card?date=2026-11-23&warehouseId=${BAKERY}`, undefined, { 'accept-language': 'en' });
      assert.equal(en.status, 200);
      assert.match(en.headers.get('content-type') ?? '', /text\/html/);
      assert.match(en.text, /Technological card: BREAD bread/);
      assert.match(en.text, /<td class="n">0.500 kg<\/td><td class="n">0.485<\/td><td class="n">3.00<\/td><td class="n">0.56 €<\/td><td class="n">0.28 €<\/td>/);
      assert.match(en.text, /class="n per-unit">0.28 €/);
      const lv = await call('baker', 'GET', `/api/v1/production/recipes/${it.BREAD}/tech-card?date=2026-11-23&warehouseId=${BAKERY}`, undefined, { 'accept-language': 'lv-LV,lv;q=0.9' });
      assert.match(lv.text, /Tehnoloģiskā karte: BREAD bread/);
      assert.match(lv.text, /0,485/);
      const none = await call('baker', 'GET', `/api/v1/production/recipes/${it.FLOUR}/tech-card?date=2026-11-23`, undefined, { 'accept-language': 'en' });
      assert.equal(none.status, 422);
      assert.equal(none.json.error.code, 'recipe.not_found');
    });

    test('a run of 100 loaves: the norm, flour over-used by 1 kg, posted once though sent twice', async () => {
      const norm = await call('baker', 'POST', '/api/v1/production/norm', { date: '2026-11-23', warehouseId: BAKERY, outputs: [{ itemId: it.BREAD, quantity: '100' }] });
      assert.equal(norm.status, 200);
      // 100 loaves × 0.5 kg = 50 kg dough = 5 batches: flour 30, water 19, yeast 1
      assert.deepEqual(norm.json.norm.map((n: Json) => `${n.itemCode} ${n.quantity}`).sort(), ['FLOUR 30.000', 'WATER 19.000', 'YEAST 1.000']);

      const run = { date: '2026-11-23', warehouseId: BAKERY, outputs: [{ itemId: it.BREAD, quantity: '100' }], actualConsumption: [{ itemId: it.FLOUR, quantity: '31' }] };
      const first = await call('baker', 'POST', '/api/v1/production/runs', run, { 'idempotency-key': 'terminal-7-run-1' });
      assert.equal(first.status, 201, JSON.stringify(first.json));
      const again = await call('baker', 'POST', '/api/v1/production/runs', run, { 'idempotency-key': 'terminal-7-run-1' });
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.equal(again.json.run.document.number, first.json.run.document.number);
      const r = first.json.run;
      assert.equal(r.document.status, 'posted');
      // flour 31 × 80 = 2480, water 19 × 1 = 19, yeast 1 × 400 = 400 → 100 loaves for 28.99 €
      assert.equal(r.outputs[0].costMinor, 2899);
      const flour = r.consumption.find((c: Json) => c.itemCode === 'FLOUR');
      assert.deepEqual([flour.normQuantity, flour.actualQuantity, flour.differenceQuantity, flour.differenceValueMinor], ['30.000', '31.000', '1.000', 80]);
      const bal = await db.kysely.selectFrom('stock_balances').select(['item_id', 'quantity_milli', 'value_minor']).where('warehouse_id', '=', BAKERY).where('item_id', 'in', [it.FLOUR!, it.BREAD!]).execute();
      const byItem = new Map(bal.map((b) => [Number(b.item_id), [Number(b.quantity_milli), Number(b.value_minor)]]));
      assert.deepEqual(byItem.get(it.FLOUR!), [69_000, 5520]);
      assert.deepEqual(byItem.get(it.BREAD!), [100_000, 2899]);

      // the same key with another body is someone else's run: refused, nothing posted
      const clash = await call('baker', 'POST', '/api/v1/production/runs', { ...run, outputs: [{ itemId: it.BREAD, quantity: '99' }] }, { 'idempotency-key': 'terminal-7-run-1' });
      assert.equal(clash.status, 409);
      assert.equal(clash.json.error.code, 'idempotency.conflict');

      const short = await call('baker', 'POST', '/api/v1/production/runs', { ...run, outputs: [{ itemId: it.BREAD, quantity: '1000' }], actualConsumption: [] }, { 'accept-language': 'en' });
      assert.equal(short.status, 422);
      assert.match(short.json.error.message, /FLOUR/);
    });

    test('a pork half cut by weight: the split sums to the input cost; previewed, then posted', async () => {
      // 20 kg of the half at 3.00 = 60.00 €: ham 8, loin 6, bones 5 (waste at 0), 1 kg drip loss
      const cut = {
        date: '2026-11-23',
        warehouseId: BAKERY,
        input: { itemId: it.PORK, quantity: '20' },
        key: 'weight',
        outputs: [{ itemId: it.HAM, quantity: '8' }, { itemId: it.LOIN, quantity: '6' }, { itemId: it.BONES, quantity: '5', waste: true }],
      };
      const preview = await call('baker', 'POST', '/api/v1/production/cuttings/preview', cut);
      assert.equal(preview.status, 200, JSON.stringify(preview.json));
      assert.equal(preview.json.inputCostMinor, 6000);
      // 6000 over 14 kg by weight: ham 8/14 = 3428.57 → 3429, loin 6/14 = 2571.43 → 2571
      assert.deepEqual(preview.json.outputs.map((o: Json) => o.costMinor), [3429, 2571, 0]);
      // by sales price instead: ham 8 kg × 6.00 = 48.00, loin 6 kg × 9.00 = 54.00; 6000 × 48/102 = 2823.53 → 2824, 3176
      const byPrice = await call('baker', 'POST', '/api/v1/production/cuttings/preview', {
        ...cut,
        key: 'price',
        outputs: [{ itemId: it.HAM, quantity: '8', priceMinor: 600 }, { itemId: it.LOIN, quantity: '6', priceMinor: 900 }, { itemId: it.BONES, quantity: '5', waste: true }],
      });
      assert.deepEqual(byPrice.json.outputs.map((o: Json) => o.costMinor), [2824, 3176, 0]);
      const posted = await call('baker', 'POST', '/api/v1/production/cuttings', cut, { 'idempotency-key': 'cut-1' });
      assert.equal(posted.status, 201, JSON.stringify(posted.json));
      assert.equal(posted.json.cutting.input.costMinor, 6000);
      assert.deepEqual(posted.json.cutting.outputs.map((o: Json) => o.costMinor), [3429, 2571, 0]);
      assert.equal(posted.json.cutting.unaccountedQuantity, '1.000');
      assert.match(posted.json.cutting.document.number, /CUT/);
    });

    test('the consumption report shows the day’s run by recipe version', async () => {
      const r = await call('baker', 'GET', '/api/v1/production/consumption?from=2026-11-01&to=2026-11-30');
      assert.equal(r.status, 200);
      assert.equal(r.json.currency, 'EUR');
      const bread = r.json.rows.find((x: Json) => x.itemCode === 'BREAD');
      assert.deepEqual([bread.date, bread.recipeVersion, bread.quantity, bread.costMinor, bread.itemName], ['2026-11-23', 1, '100.000', 2899, 'bread']);
      const bad = await call('baker', 'GET', '/api/v1/production/consumption?from=2026-11-30&to=2026-11-01');
      assert.equal(bad.status, 400);
    });

    test('marking codes: a wrong check digit and an unknown GTIN are refused, a code never received has no status', async () => {
      const bad = await call('admin', 'POST', '/api/v1/production/marking-codes', { codes: ['010400638133393221ABC123'] });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.code, 'marking.invalid');
      const unknown = await call('admin', 'POST', '/api/v1/production/marking-codes', { codes: ['010400638133393121ABC123'] });
      assert.equal(unknown.json.error.code, 'marking.unknown_gtin');
      const refused = await call('baker', 'POST', '/api/v1/production/marking-codes', { codes: ['x'] });
      assert.equal(refused.status, 403);
      const none = await call('baker', 'GET', `/api/v1/production/marking-codes/status?code=${encodeURIComponent('0104006381333931' + '21XYZ')}`);
      assert.equal(none.status, 404);
    });
  });
}
