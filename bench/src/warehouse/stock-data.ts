// The stock report's data set: N goods in W warehouses with M movements, made by `kasa generate`'s own generator
// (1,000-line receivings and sales through the document engine, spread over the warehouses and over DAYS days).
// A million movements take minutes, so the finished SQLite file is kept in the OS temp dir under a name made of the
// parameters and reused by the next run; a file is only given that name once it is complete.

import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createMinimalCompany, migrateToLatest, openDatabase, type Db } from '@kasa/db';
import { generateBenchmarkData } from '@kasa/backoffice';

export interface StockDataOptions {
  items: number;
  warehouses: number;
  movements: number;
  /** Keep the file for the next run (default true); tests pass false and get a throw-away file. */
  cache?: boolean;
  onProgress?: (line: string) => void;
}

/** The generated period: DAYS days ending on LAST_DAY; the report's past date is the middle of it. */
export const DAYS = 60;
export const LAST_DAY = '2026-10-31';
export const PAST_DATE = '2026-10-01';
/** Bump when the generated data changes shape, so old cached files are not reused. */
const DATA_VERSION = 1;

export interface StockData {
  db: Db;
  /** Seconds spent generating; 0 when the cached file was used. */
  generatedSeconds: number;
  cached: boolean;
  file: string;
  /** Closes the database and deletes the file unless it is the cache. */
  done(): Promise<void>;
}

const warehouseCode = (n: number) => `W${String(n + 1).padStart(2, '0')}`;

async function generate(file: string, o: StockDataOptions): Promise<void> {
  const db = openDatabase(`sqlite:${file}`);
  try {
    // Generation is not what is measured; skip the fsync per commit.
    db.sqlite!.pragma('synchronous = OFF');
    await migrateToLatest(db);
    await createMinimalCompany(db, { warehouses: Array.from({ length: o.warehouses }, (_, i) => ({ code: warehouseCode(i), name: `Warehouse ${i + 1}` })) });
    let shown = '';
    await generateBenchmarkData(db, {
      items: o.items,
      movements: o.movements,
      warehouses: o.warehouses,
      days: DAYS,
      date: LAST_DAY,
      onProgress: (p) => {
        const tenth = Math.floor((p.done * 10) / Math.max(1, p.total));
        if (`${p.phase}${tenth}` === shown) return;
        shown = `${p.phase}${tenth}`;
        o.onProgress?.(`${p.phase}: ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}`);
      },
    });
    db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await db.close();
  }
}

export async function openStockData(o: StockDataOptions): Promise<StockData> {
  const cache = o.cache ?? true;
  const name = `kasa-bench-stock-v${DATA_VERSION}-${o.items}i-${o.warehouses}w-${o.movements}m.db`;
  const dir = cache ? tmpdir() : mkdtempSync(join(tmpdir(), 'kasa-bench-'));
  const file = join(dir, name);
  let generatedSeconds = 0;
  const cached = cache && existsSync(file);
  if (!cached) {
    const partial = join(mkdtempSync(join(tmpdir(), 'kasa-bench-')), name);
    const t = process.hrtime.bigint();
    try {
      await generate(partial, o);
      renameSync(partial, file);
    } finally {
      rmSync(join(partial, '..'), { recursive: true, force: true });
    }
    generatedSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  }
  const db = openDatabase(`sqlite:${file}`);
  // A cached file from before a newer migration gets it, like a shop's database would.
  await migrateToLatest(db);
  return {
    db,
    generatedSeconds,
    cached,
    file,
    done: async () => {
      await db.close();
      if (!cache) rmSync(dir, { recursive: true, force: true });
    },
  };
}
