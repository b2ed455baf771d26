// Issue 5: "starts in two seconds with 100,000 products; instant search over 100k items", measured on the real parts:
// the store server (buildServer, demo shop + N bench items) on SQLite, the device bridge (startBridge) with the till's
// SQLite cache, the built till UI in headless Chromium. Each figure has a baseline from the same run:
//   pull   — startBridge() on a fresh till until its cache holds the whole catalogue, vs raw inserts of the same rows;
//   start  — startBridge() on a till with the big cache until the page answers / the PIN screen shows, vs the same
//            till with only the demo's goods cached;
//   search — GET /api/till/items?q= through the bridge, vs GET /api/till/barcode/:code (a primary-key lookup).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { buildServer, type StoreServer } from '@kasa/backoffice';
import { addStoreCatalogue, tillItemBarcode, tillItemCode } from './store-catalogue';
import { startBridgeTill, tillFolder, untilCatalogue, type BridgeTill } from './bridge-till';
import { freshTillDatabase, rawInsert, type PulledItem } from './raw-till';
import { CHROMIUM, measureStarts, type StartTimes } from './till-start';
import { timeEach, type QueryTimes } from './timing';

export type { QueryTimes };

export interface TillBenchOptions {
  items?: number;
  queries?: number;
  /** Start the till in Chromium this many times per cache (0: no browser). */
  starts?: number;
  /** Goods scanned into one receipt on the first start of each till. */
  scans?: number;
  /** Called with the bridge of the freshly pulled till, before the searches (tests check the cache here). */
  inspect?: (till: BridgeTill) => Promise<void>;
  log?: (line: string) => void;
}

export interface TillBenchRun {
  benchItems: number;
  /** Every active item at the store server: the demo's goods and the bench items. */
  catalogueItems: number;
  pages: number;
  pull: { seconds: number; serverPagesSeconds: number; rawInsertSeconds: number; ratio: number };
  search: { byBarcode: QueryTimes; byCode: QueryTimes; byNamePrefix: QueryTimes; byFragment: QueryTimes; keyLookup: QueryTimes };
  start: { big: StartTimes; small: StartTimes; smallItems: number } | { skipped: string };
}

export const TILL_BENCH_ITEMS = 100_000;
export const TILL_DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../pos-terminal/dist');

// Words the bench names start with (name prefix) and words inside them (fragment): see nameOf().
const FIRST_WORDS = ['Milk', 'Kefir', 'Yogurt', 'Butter', 'Cheese', 'Bread', 'Croissant', 'Beer', 'Cider', 'Sugar', 'Flour', 'Rice', 'Pasta', 'Chocolate', 'Biscuits', 'Sausages', 'Herring', 'Sprats', 'Potatoes', 'Tomatoes', 'Bananas', 'Shampoo', 'Toothpaste', 'Napkins'];
// Starts of the demo shop's (Latvian) names, in both tills' catalogues: the typed-search comparison is like for like.
const DEMO_PREFIXES = ['pien', 'sier', 'alus', 'kafi', 'cuku', 'jogu', 'svie', 'šoko', 'tomā', 'bana'];
const INNER_WORDS = ['juice', 'fillet', 'oil', 'cream', 'water', 'flakes', 'neck', 'soap', 'fish', 'beans', 'selga', 'laima', 'dobeles', 'tukuma', 'nordic', 'baltic', 'madara', 'spilva', 'valmieras', 'smiltenes'];

async function listen(server: StoreServer): Promise<string> {
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
}

function activeItems(server: StoreServer): number {
  return (server.db.sqlite!.prepare('SELECT count(*) AS n FROM items WHERE active = 1').get() as { n: number }).n;
}

/** Every page of GET /api/v1/till/catalogue, as the till asks for them. */
async function fetchAllPages(storeUrl: string): Promise<{ items: PulledItem[]; cursor: string; pages: number }> {
  const items: PulledItem[] = [];
  let cursor = '';
  let pages = 0;
  for (;;) {
    const res = await fetch(`${storeUrl}/api/v1/till/catalogue${cursor ? `?since=${cursor}` : ''}`, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`store server answered ${res.status} to the catalogue pull`);
    const page = (await res.json()) as { items: PulledItem[]; cursor: string; complete: boolean };
    pages++;
    items.push(...page.items);
    cursor = page.cursor;
    if (page.complete || page.items.length === 0) return { items, cursor, pages };
  }
}

export async function runTillBench(opts: TillBenchOptions = {}): Promise<TillBenchRun> {
  const n = opts.items ?? TILL_BENCH_ITEMS;
  const queries = opts.queries ?? 200;
  const starts = opts.starts ?? 4;
  const scans = opts.scans ?? 40;
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'kasa-till-bench-'));
  const servers: StoreServer[] = [];
  let till: BridgeTill | null = null;
  try {
    log('store server: demo shop …');
    const big = await buildServer({ databaseUrl: `sqlite:${join(dir, 'store.db')}`, demo: true });
    servers.push(big);
    log(`store server: ${n} more items …`);
    addStoreCatalogue(big.db, n);
    const bigUrl = await listen(big);
    const catalogueItems = activeItems(big);

    // The server's share of a pull: every page over HTTP, nothing stored.
    let t = performance.now();
    const pulled = await fetchAllPages(bigUrl);
    const serverPagesSeconds = (performance.now() - t) / 1000;
    if (pulled.items.length !== catalogueItems) throw new Error(`the catalogue pages hold ${pulled.items.length} items, the store has ${catalogueItems}`);

    // First pull into a fresh till, through the bridge as a shop starts it.
    log('first pull into a fresh till …');
    const bigFolder = join(dir, 'till-big');
    tillFolder(bigFolder, bigUrl);
    t = performance.now();
    till = await startBridgeTill(bigFolder);
    const pullMs = await untilCatalogue(till, catalogueItems, t, 600_000);

    // Baseline: the same rows straight into a till database of the same schema.
    const rawDb = freshTillDatabase(till.dbFile, join(dir, 'raw-till.db'));
    const rawMs = rawInsert(rawDb, pulled.items, pulled.cursor);
    rawDb.close();

    await opts.inspect?.(till);

    log('searches through the bridge …');
    const live = till;
    const spread = (k: number) => Math.floor(((k * 7919) % queries) * (n / queries));
    const barcodes = Array.from({ length: queries }, (_, k) => tillItemBarcode(spread(k)));
    const codes = Array.from({ length: queries }, (_, k) => tillItemCode(spread(k)));
    const prefixes = Array.from({ length: queries }, (_, k) => FIRST_WORDS[(k * 7) % FIRST_WORDS.length]!.toLowerCase().slice(0, 3 + (k % 3)));
    const fragments = Array.from({ length: queries }, (_, k) => INNER_WORDS[(k * 3) % INNER_WORDS.length]!);
    const search = (q: string) => live.get(`/api/till/items?q=${encodeURIComponent(q)}`);
    const lookup = (code: string) => live.get(`/api/till/barcode/${encodeURIComponent(code)}`);
    // Warm-up: the statement caches, the page cache, the HTTP connection.
    for (const q of [...barcodes.slice(0, 20), ...prefixes.slice(0, 20), ...fragments.slice(0, 20)]) await search(q);
    for (const q of barcodes.slice(0, 20)) await lookup(q);
    const searchTimes = {
      byBarcode: await timeEach(barcodes, search),
      byCode: await timeEach(codes, search),
      byNamePrefix: await timeEach(prefixes, search),
      byFragment: await timeEach(fragments, search),
      keyLookup: await timeEach(barcodes, lookup),
    };
    await till.close();
    till = null;

    let start: TillBenchRun['start'];
    const skipped = starts < 1 ? 'not asked for' : !existsSync(join(TILL_DIST, 'index.html')) ? `no till build at ${TILL_DIST} (npm run build -w @kasa/pos-terminal)` : !existsSync(CHROMIUM) ? `${CHROMIUM} missing` : null;
    if (skipped) start = { skipped };
    else {
      // The baseline till: the demo shop alone, pulled before the timed starts.
      log('till starts in Chromium …');
      const small = await buildServer({ databaseUrl: `sqlite:${join(dir, 'store-small.db')}`, demo: true });
      servers.push(small);
      const smallUrl = await listen(small);
      const smallItems = activeItems(small);
      const smallFolder = join(dir, 'till-small');
      tillFolder(smallFolder, smallUrl);
      till = await startBridgeTill(smallFolder);
      await untilCatalogue(till, smallItems, performance.now(), 60_000);
      await till.close();
      till = null;
      // Plain piece goods of the demo shop, which both tills have, one barcode each (a second scan of an item only
      // raises its quantity): scanned like-for-like.
      const scanBarcodes = (
        small.db.sqlite!.prepare(
          "SELECT b.code FROM barcodes b JOIN items i ON i.id = b.item_id WHERE i.active = 1 AND i.weighted = 0 AND i.marked = 0 AND i.produced = 0 AND b.pack_quantity = '1' AND b.code = (SELECT min(code) FROM barcodes WHERE item_id = i.id) ORDER BY i.id LIMIT ?",
        ).all(scans) as { code: string }[]
      ).map((b) => b.code);
      const measured = await measureStarts({ big: bigFolder, small: smallFolder }, starts, { searchWords: DEMO_PREFIXES, scanBarcodes });
      start = { ...measured, smallItems };
    }

    return {
      benchItems: n,
      catalogueItems,
      pages: pulled.pages,
      pull: { seconds: pullMs / 1000, serverPagesSeconds, rawInsertSeconds: rawMs / 1000, ratio: pullMs / rawMs },
      search: searchTimes,
      start,
    };
  } finally {
    await till?.close().catch(() => {});
    for (const s of servers) {
      await s.app.close().catch(() => {});
      await s.db.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
