// Keeps the bench honest: a tiny posting run must leave the engine's database and the raw baseline's database
// with the same documents, lines, movements, balances and audit rows, on SQLite and on PostgreSQL. No timings.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { runSqlitePostingBench } from './posting/sqlite-bench';
import { runPgPostingBench } from './posting/pg-bench';
import { startPgServer, type PgServer } from './posting/pg-server';
import { ledgerSnapshot, type LedgerSnapshot } from './posting/ledger-snapshot';
import { averageIssueValue } from './posting/raw-sqlite';
import { searchItems, lookupBarcode } from './catalogue/item-search';
import { barcodeOf, nameOf, seedCatalogue } from './catalogue/search-bench';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { migrateToLatest, openDatabase } from '@kasa/db';

function assertSameLedger(engine: LedgerSnapshot, raw: LedgerSnapshot, expectedDocuments: number): void {
  // 2 receivings + 5 warm-up receipts + 20 timed receipts + 10 counted ones (SQLite)
  assert.equal(engine.documents.length, expectedDocuments);
  assert.deepEqual(raw.documents, engine.documents);
  assert.deepEqual(raw.lines, engine.lines);
  assert.deepEqual(raw.movements, engine.movements);
  assert.deepEqual(raw.balances, engine.balances);
  assert.deepEqual(raw.audit, engine.audit);
  assert.deepEqual(raw.series, engine.series);
  // Item B0000: received 600 × 1.00 + 700 × 1.13 = 1300 pcs / 1391.00; receipt 0 sells 2 at 1391.00 × 2/1300 = 2.14
  // → 1298 pcs / 1388.86 left.
  const b0 = engine.balances[0]!;
  assert.deepEqual([b0.quantityMilli, b0.valueMinor], [1_298_000, 138_886]);
  assert.equal(engine.documents[2]!.number, 'SAL-2026-000001');
  assert.equal(engine.documents[2]!.status, 'posted');
}

test('raw baseline rounds an issue half up like the ledger: 1000 × 3/7 = 428.57 → 429, 1000 × 1/8 = 125', () => {
  assert.equal(averageIssueValue({ quantityMilli: 7000, valueMinor: 1000 }, 3000), 429);
  assert.equal(averageIssueValue({ quantityMilli: 8000, valueMinor: 1000 }, 1000), 125);
  assert.equal(averageIssueValue({ quantityMilli: 16000, valueMinor: 1000 }, 2000), 125);
  // 1000 × 1/16 = 62.5 → 63
  assert.equal(averageIssueValue({ quantityMilli: 16000, valueMinor: 1000 }, 1000), 63);
});

test('SQLite: 20 receipts through the engine leave the same ledger as the raw baseline', { timeout: 60_000 }, async () => {
  let compared = false;
  const r = await runSqlitePostingBench({
    receipts: 20,
    warmup: 5,
    items: 200,
    inspect: async (engine, raw) => {
      assertSameLedger(await ledgerSnapshot(engine), await ledgerSnapshot(raw), 37);
      compared = true;
    },
  });
  assert.ok(compared);
  assert.equal(r.engine.receipts, 20);
  assert.ok(r.engineStatementsPerReceipt > 0);
  assert.equal(r.pragmas.journalMode, 'wal');
});

let server: PgServer | null = null;
after(async () => server?.stop());

test('PostgreSQL: 20 receipts through the engine leave the same ledger as raw pg statements', { timeout: 120_000 }, async () => {
  server = await startPgServer();
  let compared = false;
  await runPgPostingBench(server, {
    receipts: 20,
    warmup: 5,
    items: 200,
    inspect: async (engine, raw) => {
      assertSameLedger(await ledgerSnapshot(engine), await ledgerSnapshot(raw), 27);
      compared = true;
    },
  });
  assert.ok(compared);
});

test('catalogue search finds an item by its barcode and by the first letters of its name', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bench-'));
  const db = openDatabase(`sqlite:${join(dir, 'catalogue.db')}`);
  try {
    await migrateToLatest(db);
    await seedCatalogue(db, 200);
    // 4·1 + 7·3 + 5·1 = 30 → check digit 0
    assert.equal(barcodeOf(0), '4750000000000');
    assert.equal(nameOf(0), 'Milk Rīgas 100 g #0');
    const byCode = await searchItems(db, barcodeOf(57));
    assert.equal(byCode.total, 1);
    assert.equal(byCode.views, 1);
    // 58 products take turns: items 2, 60, 118 and 176 are yogurts
    const byName = await searchItems(db, 'Yog');
    assert.equal(byName.total, 4);
    assert.equal(await lookupBarcode(db, barcodeOf(199)), 1);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
