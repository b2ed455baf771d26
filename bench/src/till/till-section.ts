// The "Till" section of `npm run -s bench`: runs the till bench and prints each figure with its ratio to the
// baseline measured in the same run.

import { runTillBench, type TillBenchRun } from './till-bench';
import { printSyncRate, runSyncRate } from './sync-rate';
import type { QueryTimes } from './timing';
import type { StartTimes } from './till-start';

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
const times = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ×`;
const count = (x: number) => x.toLocaleString('en');

function line(label: string, t: QueryTimes, base?: QueryTimes): string {
  const ratio = base ? `   ${times(t.medianMs / base.medianMs).padStart(7)} the reference` : '';
  return `  ${label.padEnd(44)} median ${ms(t.medianMs).padStart(6)} ms   p95 ${ms(t.p95Ms).padStart(6)} ms${ratio}`;
}

export function printTillBench(r: TillBenchRun): void {
  const demo = r.catalogueItems - r.benchItems;
  console.log(`Till (issue 5): ${count(r.benchItems)} bench items + ${count(demo)} demo goods = ${count(r.catalogueItems)} at the store server (SQLite), ${r.pages} catalogue pages`);
  const p = r.pull;
  console.log(`first catalogue pull into a fresh till vs raw inserts: ${times(p.ratio)} (pull ${p.seconds.toFixed(1)} s, raw ${p.rawInsertSeconds.toFixed(2)} s)`);
  console.log(`  ${'pull: startBridge() → every item in the till cache'.padEnd(60)} ${p.seconds.toFixed(2).padStart(6)} s`);
  console.log(`  ${'  of it the store server: every page over HTTP, not stored'.padEnd(60)} ${p.serverPagesSeconds.toFixed(2).padStart(6)} s`);
  console.log(`  ${'raw better-sqlite3: same rows into the till tables, one tx'.padEnd(60)} ${p.rawInsertSeconds.toFixed(2).padStart(6)} s`);

  const s = r.search;
  console.log(`till search through the bridge, GET /api/till/items?q= over ${count(r.catalogueItems)} items (${s.byBarcode.queries} queries each), vs the reference:`);
  console.log(line('by barcode (EAN-13)', s.byBarcode, s.keyLookup));
  console.log(line('by item code', s.byCode, s.keyLookup));
  console.log(line('by name prefix (3–5 letters)', s.byNamePrefix, s.keyLookup));
  console.log(line('by a word inside the name (FTS5)', s.byFragment, s.keyLookup));
  console.log(line('reference: GET /api/till/barcode/:code (key)', s.keyLookup));

  if ('skipped' in r.start) {
    console.log(`till start in Chromium: skipped (${r.start.skipped})`);
    return;
  }
  const { big, small, smallItems } = r.start;
  console.log(
    `till start with ${count(r.catalogueItems)} items cached vs ${count(smallItems)} (demo shop only), ${big.starts} starts each, Chromium already running; ` +
      `PIN screen ${ms(big.pinScreenMs.medianMs)} ms vs ${ms(small.pinScreenMs.medianMs)} ms: ${times(big.pinScreenMs.medianMs / small.pinScreenMs.medianMs)}`,
  );
  const pair = (label: string, a: QueryTimes, b: QueryTimes) =>
    console.log(`  ${label.padEnd(60)} median ${ms(a.medianMs).padStart(6)} ms vs ${ms(b.medianMs).padStart(6)} ms   ${times(a.medianMs / b.medianMs)}`);
  pair('startBridge() resolved', big.bridgeMs, small.bridgeMs);
  pair('startBridge() → till page answers (GET /)', big.pageMs, small.pageMs);
  pair('startBridge() → PIN field visible', big.pinScreenMs, small.pinScreenMs);
  pair(`after login: 4 letters typed → first result (${big.typedSearchMs.queries} names, incl. 120 ms UI pause)`, big.typedSearchMs, small.typedSearchMs);
  pair(`scan → line in the page (${big.scanToLineMs.queries} scans, Enter → new row)`, big.scanToLineMs, small.scanToLineMs);
  pair('scan → next frame after the line (p95 below)', big.scanToFrameMs, small.scanToFrameMs);
  console.log(`  ${'scans the page asked the bridge about (index not loaded yet)'.padEnd(60)} ${String(big.scansByBridge).padStart(6)} of ${big.scanToLineMs.queries} vs ${small.scansByBridge} of ${small.scanToLineMs.queries}`);
  if (big.scansByBridge && small.scansByBridge) pair('  of it GET /api/till/barcode/:code in the page', big.scanFetchMs, small.scanFetchMs);
  const index = (x: StartTimes['indexLoad']) => (x ? `${x.pages} pages in ${ms(x.ms)} ms` : 'not loaded');
  console.log(`  ${"the page's barcode index (GET /api/till/barcode-index, 2,000 items a page)".padEnd(60)} ${index(big.indexLoad)} vs ${index(small.indexLoad)}`);
  console.log(`  ${'scan → line p95 / frame p95 with the big cache'.padEnd(60)} ${ms(big.scanToLineMs.p95Ms).padStart(6)} ms / ${ms(big.scanToFrameMs.p95Ms)} ms (issue 5's goal: 16 ms p95)`);
}

export async function printTillSection(opts: { items?: number } = {}): Promise<void> {
  printTillBench(await runTillBench({ items: opts.items }));
  // Receipts synced per second: 2,000 offline receipts drained by the bridge vs createAndPost directly (sync-rate.ts).
  printSyncRate(await runSyncRate({ receipts: 2000 }));
}
