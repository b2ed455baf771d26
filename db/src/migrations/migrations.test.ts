// Upgrading a store's database that already has data: migration 010 rebuilds stock_reserved on SQLite and must keep
// every reserved total.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Migrator, type MigrationProvider } from 'kysely';
import { openDatabase } from '../connection';
import { createItem, createMinimalCompany } from '../fixtures/minimal-company';
import { migrateToLatest, migrationsFor } from './index';

test('010 on a SQLite store with reservations: totals kept, one b-tree fewer, the unused index gone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-migrate-'));
  const db = openDatabase(`sqlite:${join(dir, 'store.db')}`);
  try {
    const provider: MigrationProvider = { getMigrations: async () => migrationsFor(db) };
    const before = await new Migrator({ db: db.kysely, provider, allowUnorderedMigrations: true }).migrateTo('009-contract-prices');
    assert.equal(before.error, undefined);
    const co = await createMinimalCompany(db);
    const bread = await createItem(db, co.vat.standard!, { code: 'BREAD', name: 'Rudzu maize' });
    const milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens' });
    await db.kysely
      .insertInto('stock_reserved')
      .values([
        { item_id: bread, warehouse_id: co.warehouses.W1!, quantity_milli: 3000 },
        { item_id: milk, warehouse_id: co.warehouses.W1!, quantity_milli: 1500 },
        { item_id: milk, warehouse_id: co.warehouses.W2!, quantity_milli: 250 },
      ])
      .execute();

    assert.deepEqual(await migrateToLatest(db), ['010-shop-order-pages']);
    const rows = await db.kysely.selectFrom('stock_reserved').selectAll().orderBy('item_id').orderBy('warehouse_id').execute();
    assert.deepEqual(
      rows.map((r) => [Number(r.item_id), Number(r.warehouse_id), Number(r.quantity_milli)]),
      [
        [bread, co.warehouses.W1!, 3000],
        [milk, co.warehouses.W1!, 1500],
        [milk, co.warehouses.W2!, 250],
      ],
    );
    const s = db.sqlite!;
    assert.match(String((s.prepare("SELECT sql FROM sqlite_master WHERE name = 'stock_reserved'").get() as { sql: string }).sql), /without rowid/i);
    assert.equal((s.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'order_reservations_item'").get() as { n: number }).n, 0);
    // Still one total per item and warehouse, and it still refuses an unknown item.
    assert.throws(() => s.prepare('INSERT INTO stock_reserved (item_id, warehouse_id, quantity_milli) VALUES (?, ?, 1)').run(bread, co.warehouses.W1!), /UNIQUE|PRIMARY/);
    assert.throws(() => s.prepare('INSERT INTO stock_reserved (item_id, warehouse_id, quantity_milli) VALUES (999999, ?, 1)').run(co.warehouses.W1!), /FOREIGN KEY/);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
