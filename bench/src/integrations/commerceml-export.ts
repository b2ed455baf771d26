// CommerceML export of a big catalogue from the store's SQLite: the demo shop plus `items` bench items (one EAN-13
// and one price each, written as the till bench does), exported with the real db source and writer. Reports how far
// resident memory and the JS heap rose above where they stood before the export (sampled every 50 ms), and the
// export's time as a ratio to a raw better-sqlite3 SELECT walking the same item, barcode and price rows.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '@kasa/backoffice';
import { commerceMlSourceFromDb, exportCommerceMl } from '@kasa/integrations';
import { addStoreCatalogue } from '../till/store-catalogue';

const SAMPLE_MS = 50;
const MB = 1024 * 1024;

export interface CommerceMlExportBench {
  /** Items in the database (demo + bench). */
  items: number;
  exportedItems: number;
  offers: number;
  exportSeconds: number;
  rawSelectSeconds: number;
  rawRows: number;
  /** Export time ÷ raw SELECT time. */
  timesRaw: number;
  peakRssGrowthMb: number;
  peakHeapGrowthMb: number;
  samples: number;
  fileBytes: number;
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export async function runCommerceMlExportBench(opts: { items: number }): Promise<CommerceMlExportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bench-cml-'));
  const store = await buildServer({ databaseUrl: `sqlite:${join(dir, 'store.sqlite')}`, demo: true });
  try {
    const h = store.db.sqlite;
    if (!h) throw new Error('the CommerceML bench needs the SQLite handle');
    addStoreCatalogue(store.db, opts.items);
    const { items } = h.prepare('SELECT count(*) AS items FROM items').get() as { items: number };

    // Raw: the rows the export reads for its catalogue and offers, walked one by one, nothing kept.
    const raw = h.prepare(
      'SELECT i.id, i.code, i.name, i.unit, b.code AS barcode, p.price_minor FROM items i LEFT JOIN barcodes b ON b.item_id = i.id LEFT JOIN prices p ON p.item_id = i.id ORDER BY i.id',
    );
    let rawRows = 0;
    let t = performance.now();
    for (const row of raw.iterate()) if (row) rawRows++;
    const rawSelectSeconds = (performance.now() - t) / 1000;

    collect();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    let samples = 0;
    const sample = () => {
      const m = process.memoryUsage();
      samples++;
      if (m.rss > peakRss) peakRss = m.rss;
      if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    };
    const timer = setInterval(sample, SAMPLE_MS);
    const out = join(dir, 'exchange');
    t = performance.now();
    let result;
    try {
      const source = await commerceMlSourceFromDb(store.db);
      result = await exportCommerceMl(source, out, { from: '2026-01-01', to: '2026-12-31' });
    } finally {
      clearInterval(timer);
    }
    const exportSeconds = (performance.now() - t) / 1000;
    sample();
    return {
      items: Number(items),
      exportedItems: result.counts.items,
      offers: result.counts.offers,
      exportSeconds,
      rawSelectSeconds,
      rawRows,
      timesRaw: exportSeconds / rawSelectSeconds,
      peakRssGrowthMb: (peakRss - base.rss) / MB,
      peakHeapGrowthMb: (peakHeap - base.heapUsed) / MB,
      samples,
      fileBytes: result.files.reduce((s, f) => s + statSync(f).size, 0),
    };
  } finally {
    await store.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
