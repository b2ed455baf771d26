// Receipts synced per second (issue 5): a till whose store server was away holds N unsynced receipts, made through
// the bridge's own till API as the UI makes them; the server comes back on the same SQLite file and the bridge's sync
// loop pushes them. The baseline, in the same run: the same receipt payloads posted with createAndPost directly into
// a second demo store, as the server's till route does, without HTTP or the till.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { buildServer, type StoreServer } from '@kasa/backoffice';
import { createAndPost, SYSTEM_ACTOR } from '@kasa/db';
import { startBridgeTill, tillFolder, type BridgeTill } from './bridge-till';

export interface SyncRateRun {
  receipts: number;
  syncSeconds: number;
  syncPerSecond: number;
  directSeconds: number;
  directPerSecond: number;
  /** Sync rate as a percentage of direct posting. */
  ratioPercent: number;
  rejected: number;
}

interface WirePayload {
  uuid: string;
  tillCode: string;
  number: string;
  type: 'sale' | 'return';
  cashierId: string;
  shiftNumber: number;
  createdAt: string;
  lines: { itemId: string; quantity: string; unitPriceMinor: number; discountMinor: number }[];
  payments: unknown[];
}

async function listen(server: StoreServer, port: number): Promise<number> {
  // Back on the port the bridge knows; the old socket may take a moment to be let go.
  for (let attempt = 0; ; attempt++) {
    try {
      await server.app.listen({ host: '127.0.0.1', port });
      return (server.app.server.address() as AddressInfo).port;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EADDRINUSE' || attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function post<T>(till: BridgeTill, path: string, body: unknown): Promise<T> {
  const res = await fetch(till.url + path, { method: 'POST', headers: { ...till.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function until(what: string, probe: () => Promise<boolean>, ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (!(await probe())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Goods of the demo shop with the most stock in the warehouse the till sells from (the first that is not transit),
 * so N receipts never run a line negative: 200 items of 79+ units each take 2,000 receipts of 4 units. */
async function stockedItems(server: StoreServer, count: number): Promise<number[]> {
  const wh = await server.db.kysely.selectFrom('warehouses').select('id').where('is_transit', '=', 0).orderBy('id').executeTakeFirstOrThrow();
  const rows = await server.db.kysely
    .selectFrom('stock_balances')
    .innerJoin('items', 'items.id', 'stock_balances.item_id')
    .select(['stock_balances.item_id as id'])
    .where('stock_balances.warehouse_id', '=', wh.id)
    .where('items.weighted', '=', 0)
    .where('items.marked', '=', 0)
    .orderBy('stock_balances.quantity_milli', 'desc')
    .limit(count)
    .execute();
  return rows.map((r) => Number(r.id));
}

export async function runSyncRate(opts: { receipts?: number; inspect?: (ctx: { store: StoreServer; tillDbFile: string; uuids: string[] }) => Promise<void> } = {}): Promise<SyncRateRun> {
  const n = opts.receipts ?? 2000;
  const dir = mkdtempSync(join(tmpdir(), 'kasa-sync-rate-'));
  const databaseUrl = `sqlite:${join(dir, 'store.db')}`;
  let store: StoreServer | undefined = await buildServer({ databaseUrl, demo: true });
  let direct: StoreServer | undefined;
  let till: BridgeTill | undefined;
  try {
    const port = await listen(store, 0);
    const items = await stockedItems(store, 200);
    const folder = join(dir, 'till');
    tillFolder(folder, `http://127.0.0.1:${port}`);
    till = await startBridgeTill(folder);
    const t = till;
    await until('the catalogue at the till', async () => (await t.status()).catalogueItems > 500, 60_000);
    await post(t, '/api/till/login', { pin: '1111' });
    await post(t, '/api/till/shift/open', { floatMinor: 5000 });

    // The store server goes away; the cashier keeps selling: three lines, paid in cash, one receipt at a time.
    await store.app.close();
    store = undefined;
    const uuids: string[] = [];
    const sell = async (i: number) => {
      const uuid = randomUUID();
      uuids.push(uuid);
      const lines = [0, 1, 2].map((k) => ({ itemId: String(items[(i * 3 + k) % items.length]), quantity: k === 0 ? '2' : '1' }));
      await post(t, '/api/till/receipts', { uuid, lines, payments: [{ method: 'cash', amountMinor: 1_000_000 }] });
    };
    for (let i = 0; i < n - 1; i++) await sell(i);

    // It comes back on the same file; the last receipt's kick starts the sync loop, which then drains the journal.
    store = await buildServer({ databaseUrl, demo: true });
    await listen(store, port);
    const t0 = performance.now();
    await sell(n - 1);
    await until('the journal to drain', async () => (await t.get<{ pending: number }>('/api/till/status')).body.pending === 0, 600_000);
    const syncSeconds = (performance.now() - t0) / 1000;

    const tillDb = new Database(t.dbFile, { readonly: true });
    let payloads: WirePayload[];
    let rejected: number;
    try {
      payloads = (tillDb.prepare('SELECT payload FROM receipts ORDER BY seq').all() as { payload: string }[]).map((r) => JSON.parse(r.payload) as WirePayload);
      rejected = (tillDb.prepare("SELECT count(*) AS n FROM receipts WHERE sync_state = 'rejected'").get() as { n: number }).n;
    } finally {
      tillDb.close();
    }
    await opts.inspect?.({ store, tillDbFile: t.dbFile, uuids });

    // Baseline: the same payloads into a fresh demo store, createAndPost as the till route calls it.
    direct = await buildServer({ databaseUrl: `sqlite:${join(dir, 'direct.db')}`, demo: true });
    const db = direct.db;
    const wh = await db.kysely.selectFrom('warehouses').select('id').where('is_transit', '=', 0).orderBy('id').executeTakeFirstOrThrow();
    const d0 = performance.now();
    for (const r of payloads) {
      await createAndPost(db, SYSTEM_ACTOR, {
        type: r.type === 'sale' ? 'sale' : 'sale_return',
        date: r.createdAt.slice(0, 10),
        warehouseId: Number(wh.id),
        idempotencyKey: `till:${r.uuid}`,
        reason: null,
        payload: { tillCode: r.tillCode, receiptNumber: r.number, shiftNumber: r.shiftNumber, cashierId: r.cashierId, createdAt: r.createdAt, payments: r.payments },
        pricesIncludeTax: true,
        lines: r.lines.map((l) => ({ itemId: Number(l.itemId), quantity: l.quantity, priceMinor: l.unitPriceMinor, discountMinor: l.discountMinor || undefined })),
      });
    }
    const directSeconds = (performance.now() - d0) / 1000;
    const syncPerSecond = n / syncSeconds;
    const directPerSecond = payloads.length / directSeconds;
    return { receipts: n, syncSeconds, syncPerSecond, directSeconds, directPerSecond, ratioPercent: (syncPerSecond / directPerSecond) * 100, rejected };
  } finally {
    await till?.close();
    await store?.app.close();
    await direct?.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printSyncRate(r: SyncRateRun): void {
  console.log(
    `till sync: ${Math.round(r.syncPerSecond)} receipts/s (${r.ratioPercent.toFixed(0)} % of direct posting) — ${r.receipts} offline receipts of 3 lines drained in ${r.syncSeconds.toFixed(2)} s; ` +
      `createAndPost directly ${Math.round(r.directPerSecond)} receipts/s${r.rejected ? `; ${r.rejected} rejected` : ''}`,
  );
}
