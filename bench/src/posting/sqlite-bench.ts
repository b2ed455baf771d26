// Sale posting on SQLite: the engine's createAndPost against the raw baseline, each on its own fresh file with
// the same schema, stock and pragmas, the same receipts, one transaction per receipt.

import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createAndPost, openDatabase, SYSTEM_ACTOR, type Db } from '@kasa/db';
import { saleReceipt, stockShop, SALE_DATE, type PostingShop, type SaleReceipt } from './scenario';
import { RawSqlitePosting } from './raw-sqlite';

export interface Throughput {
  receipts: number;
  seconds: number;
  receiptsPerSecond: number;
}

export interface PostingComparison {
  engine: Throughput;
  raw: Throughput;
  /** Engine throughput as a whole percentage of the raw baseline's. */
  ratioPercent: number;
}

export function compare(engine: Throughput, raw: Throughput): PostingComparison {
  return { engine, raw, ratioPercent: Math.round((engine.receiptsPerSecond / raw.receiptsPerSecond) * 100) };
}

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

export interface SqlitePostingRun extends PostingComparison {
  /** The pragmas both runs used, as read from the engine's handle. */
  pragmas: { journalMode: string; synchronous: string; foreignKeys: boolean };
  /** SQL statements the engine runs per receipt (BEGIN and COMMIT included), counted on untimed receipts after the run. */
  engineStatementsPerReceipt: number;
}

/** Counts the statements the engine executes while `work` runs (statements are compiled once and cached). */
async function countStatements(db: Db, work: () => Promise<void>): Promise<number> {
  const proto = Object.getPrototypeOf(db.sqlite!.prepare('select 1')) as Record<'run' | 'all' | 'get' | 'iterate', (...a: unknown[]) => unknown>;
  const methods = ['run', 'all', 'get', 'iterate'] as const;
  const saved = methods.map((m) => proto[m]);
  let count = 0;
  methods.forEach((m, i) => {
    proto[m] = function (this: unknown, ...a: unknown[]) {
      count++;
      return saved[i]!.apply(this, a);
    };
  });
  try {
    await work();
  } finally {
    methods.forEach((m, i) => (proto[m] = saved[i]!));
  }
  return count;
}

export interface PostingOptions {
  receipts: number;
  /** Receipts posted before the clock starts (JIT warm-up); the same ones on both sides. */
  warmup?: number;
  /** Items in the shop (default 500); receipts take five consecutive ones in turn. */
  items?: number;
  /** Sees both databases after the runs, before they are deleted. */
  inspect?: (engine: Db, raw: Db) => Promise<void>;
}

/** One receipt through the engine, as the till's API posts it. */
export function engineSale(db: Db, shop: PostingShop, r: SaleReceipt) {
  return createAndPost(db, SYSTEM_ACTOR, {
    type: 'sale',
    date: SALE_DATE,
    warehouseId: shop.warehouseId,
    idempotencyKey: r.idempotencyKey,
    lines: r.lines.map((l) => ({ itemId: l.itemId, quantity: String(l.quantity), priceMinor: l.priceMinor })),
  });
}

/**
 * Times both sides over the same receipts in alternating blocks (the side that goes first alternates too), so a
 * machine that gets busier or quieter during the run slows both sides alike instead of skewing the ratio.
 */
export async function timeInterleaved(
  from: number,
  count: number,
  sides: { raw: (n: number) => unknown; engine: (n: number) => unknown },
  block = 50,
): Promise<{ raw: Throughput; engine: Throughput }> {
  const ns = { raw: 0n, engine: 0n };
  const run = async (side: 'raw' | 'engine', start: number, end: number) => {
    const t = process.hrtime.bigint();
    for (let n = start; n < end; n++) await sides[side](n);
    ns[side] += process.hrtime.bigint() - t;
  };
  for (let start = from, b = 0; start < from + count; start += block, b++) {
    const end = Math.min(start + block, from + count);
    const order: Array<'raw' | 'engine'> = b % 2 === 0 ? ['raw', 'engine'] : ['engine', 'raw'];
    for (const side of order) await run(side, start, end);
  }
  const result = (side: 'raw' | 'engine'): Throughput => {
    const seconds = Number(ns[side]) / 1e9;
    return { receipts: count, seconds, receiptsPerSecond: count / seconds };
  };
  return { raw: result('raw'), engine: result('engine') };
}

export async function runSqlitePostingBench(opts: PostingOptions): Promise<SqlitePostingRun> {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bench-'));
  const warmup = opts.warmup ?? 0;
  let engineDb: Db | null = null;
  let rawDb: Db | null = null;
  try {
    engineDb = openDatabase(`sqlite:${join(dir, 'engine.db')}`);
    rawDb = openDatabase(`sqlite:${join(dir, 'raw.db')}`);
    const engineShop = await stockShop(engineDb, opts.items);
    const rawShop = await stockShop(rawDb, opts.items);

    // The baseline runs with exactly the pragmas the engine's connection runs with.
    const e = engineDb.sqlite!;
    const r = rawDb.sqlite!;
    const synchronous = Number(e.pragma('synchronous', { simple: true }));
    const journalMode = String(e.pragma('journal_mode', { simple: true }));
    const foreignKeys = Number(e.pragma('foreign_keys', { simple: true })) === 1;
    r.pragma(`journal_mode = ${journalMode}`);
    r.pragma(`synchronous = ${synchronous}`);
    r.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);

    const raw = new RawSqlitePosting(r, rawShop);
    for (let n = 0; n < warmup; n++) raw.postSale(saleReceipt(rawShop, n));
    for (let n = 0; n < warmup; n++) await engineSale(engineDb, engineShop, saleReceipt(engineShop, n));

    const t = await timeInterleaved(warmup, opts.receipts, {
      raw: (n) => raw.postSale(saleReceipt(rawShop, n)),
      engine: (n) => engineSale(engineDb!, engineShop, saleReceipt(engineShop, n)),
    });

    const extra = 10;
    const from = warmup + opts.receipts;
    const statements = await countStatements(engineDb, async () => {
      for (let n = from; n < from + extra; n++) await engineSale(engineDb!, engineShop, saleReceipt(engineShop, n));
    });
    for (let n = from; n < from + extra; n++) raw.postSale(saleReceipt(rawShop, n));

    if (opts.inspect) await opts.inspect(engineDb, rawDb);
    return {
      engineStatementsPerReceipt: statements / extra,
      ...compare(t.engine, t.raw),
      pragmas: { journalMode, synchronous: SYNCHRONOUS[synchronous] ?? String(synchronous), foreignKeys },
    };
  } finally {
    await engineDb?.close();
    await rawDb?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
