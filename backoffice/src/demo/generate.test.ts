// Issue 3: benchmark data on the demo shop. 2,000 generated goods and 10,000 movements posted as receivings and
// sales: every balance is the sum of its movements, the numbers are the ones worked out by hand below, the
// back office still finds a generated good by its barcode, and `kasa generate` refuses an empty database.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isValidGtin } from '@kasa/domain';
import { TEST_DATABASE_KINDS, testDatabase } from '@kasa/db/testing';
import { buildServer } from '../server/app';
import { createDemo } from './seed';
import { generateBenchmarkData, generatedBarcode } from './generate';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function kasa(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'backoffice/src/cli/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, KASA_LANGUAGE: 'en', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('generated barcodes are EAN-13 with the check digit worked by hand', () => {
  // 4·1 + 7·3 + 7·1 + 1·3 = 35 → 5;  … + 2·3 = 38 → 2.
  assert.equal(generatedBarcode(1), '4770000000015');
  assert.equal(generatedBarcode(2), '4770000000022');
  assert.ok(isValidGtin(generatedBarcode(99999)));
});

for (const kind of TEST_DATABASE_KINDS) {
  test(`generate on ${kind}: 2,000 goods and 10,000 movements on the demo shop`, { timeout: 240_000 }, async () => {
    const db = await testDatabase(kind);
    try {
      const demo = await createDemo(db);
      const k = db.kysely;
      const demoItems = demo.items.length;
      const docsBefore = Number((await k.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const seen: string[] = [];
      const summary = await generateBenchmarkData(db, { items: 2000, movements: 10000, itemBatch: 500, onProgress: (p) => seen.push(`${p.phase}:${p.done}`) });

      assert.equal(summary.items, 2000);
      assert.equal(summary.firstCode, 'G000001');
      assert.equal(summary.lastCode, 'G002000');
      assert.equal(summary.barcodes, 2000);
      assert.equal(summary.prices, 2000);
      assert.equal(summary.priceGroup, 'RETAIL');
      // 5,000 receiving lines and 5,000 sale lines, 1,000 a document.
      assert.equal(summary.movements, 10000);
      assert.equal(summary.documents, 10);
      assert.deepEqual(seen.filter((s) => s.startsWith('items')), ['items:500', 'items:1000', 'items:1500', 'items:2000']);
      assert.equal(seen.at(-1), 'movements:10000');

      const items = await k.selectFrom('items').select(['id', 'code', 'change_seq']).where('code', 'like', 'G%').orderBy('code').execute();
      assert.equal(items.length, 2000);
      assert.deepEqual(items.slice(0, 2).map((i) => [i.code, Number(i.change_seq)]), [['G000001', demoItems + 1], ['G000002', demoItems + 2]], 'change_seq continues after the demo');
      const docs = await k.selectFrom('documents').select(['type', 'status', 'reason']).execute();
      assert.equal(docs.length, docsBefore + 10);
      const generated = docs.filter((d) => d.reason === 'Generated');
      assert.deepEqual(generated.map((d) => `${d.type}:${d.status}`).sort(), [...Array(5).fill('receiving:posted'), ...Array(5).fill('sale:posted')]);

      // Every balance (demo and generated goods alike) is the sum of its movements.
      const sums = await k
        .selectFrom('stock_movements')
        .select(['item_id', 'warehouse_id', (eb) => eb.fn.sum<string>('quantity_milli').as('q'), (eb) => eb.fn.sum<string>('value_minor').as('v')])
        .groupBy(['item_id', 'warehouse_id'])
        .execute();
      const balances = await k.selectFrom('stock_balances').select(['item_id', 'warehouse_id', 'quantity_milli', 'value_minor']).execute();
      const key = (r: { item_id: number; warehouse_id: number }) => `${r.item_id}/${r.warehouse_id}`;
      const sumOf = new Map(sums.map((s) => [key(s), [Number(s.q), Number(s.v)]]));
      for (const b of balances) assert.deepEqual([Number(b.quantity_milli), Number(b.value_minor)], sumOf.get(key(b)) ?? [0, 0], `balance of ${key(b)}`);
      assert.equal(balances.length, sums.length);

      // By hand. G000001: shelf price 0.99 + (1·7919 mod 9900) = 80.18, cost 60 % = 48.108 → 48.11; the 5 receivings
      // take goods 1–1000, 1001–2000, 1–1000, 1001–2000, 1–1000, so G000001 comes in three times 11 pcs (10 + 1 mod 40)
      // and goes out three times 2 pcs (1 + 1 mod 7): 27 pcs at 48.11 = 1,298.97.
      const g1 = items[0]!;
      const g1001 = items[1000]!;
      const balanceOf = async (id: number) =>
        k.selectFrom('stock_balances').select(['quantity_milli', 'value_minor']).where('item_id', '=', id).where('warehouse_id', '=', demo.warehouses.STORE!).executeTakeFirstOrThrow();
      assert.deepEqual(Object.values(await balanceOf(Number(g1.id))).map(Number), [27000, 129897]);
      // G001001: 10 + 1001 mod 40 = 11 in, 1 + 1001 mod 7 = 1 out, twice: 20 pcs; price 0.99 + (7919·1001 = 7,926,919;
      // mod 9900 = 6919) = 70.18, cost 42.108 → 42.11: 20 × 42.11 = 842.20.
      assert.deepEqual(Object.values(await balanceOf(Number(g1001.id))).map(Number), [20000, 84220]);

      // The back office finds a generated good by its barcode among 2,000 new ones.
      const server = await buildServer({ databaseUrl: db.url });
      try {
        const login = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'admin' } });
        const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0]!;
        const found = await server.app.inject({ method: 'GET', url: `/api/v1/items?q=${generatedBarcode(1234)}`, headers: { cookie } });
        const body = found.json() as { total: number; items: Array<{ code: string; barcodes: string[]; priceMinor: number }> };
        assert.equal(body.total, 1);
        // 0.99 + (1234·7919 = 9,772,046; mod 9900 = 746) = 8.45.
        assert.deepEqual(body.items.map((i) => [i.code, i.barcodes, i.priceMinor]), [['G001234', [generatedBarcode(1234)], 845]]);
      } finally {
        await server.app.close();
      }

      if (kind === 'sqlite') {
        // The command line continues the numbering on the same database and prints a summary with the time taken.
        const run = await kasa({ DATABASE_URL: db.url }, 'generate', '--items', '10', '--movements', '30');
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stdout, /Generated 10 goods G002001–G002010 \(10 barcodes, 10 prices in RETAIL\) in \d+\.\d s\./);
        assert.match(run.stdout, /Posted 30 stock movements in 4 documents on warehouse STORE in \d+\.\d s\./);
        assert.match(run.stdout, /Total time \d+\.\d s\./);
      }
    } finally {
      await db.drop();
    }
  });
}

test('kasa generate refuses a database without a company; every command answers --help', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-generate-'));
  const env = { DATABASE_URL: `sqlite:${join(dir, 'kasa.db')}` };
  try {
    assert.equal((await kasa(env, 'migrate')).code, 0);
    const refused = await kasa(env, 'generate', '--items', '10', '--movements', '10');
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr.trim(), 'kasa: No company is set up yet; run the demo or create one.');
    const bad = await kasa(env, 'generate', '--items', 'many');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--items must be a whole number/);

    const commands = ['migrate', 'demo', 'user add', 'backup', 'restore', 'export-1c', 'import-bank', 'generate'];
    const answers = await Promise.all(commands.map((c) => kasa(env, ...c.split(' '), '--help')));
    for (const [n, c] of commands.entries()) {
      assert.equal(answers[n]!.code, 0, `${c} --help: ${answers[n]!.stderr}`);
      assert.ok(answers[n]!.stdout.startsWith(`Usage: kasa ${c}`), `${c} --help prints its usage: ${answers[n]!.stdout}`);
    }
    const viaHelp = await kasa(env, 'help', 'generate');
    assert.match(viaHelp.stdout, /^Usage: kasa generate --items N --movements M/);
    const family = await kasa(env, 'user', '--help');
    assert.match(family.stdout, /^Usage: kasa user add/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
