// Sale posting on PostgreSQL: the engine's createAndPost against raw `pg` statements, each in its own fresh
// database on one server, the same stock and receipts, one transaction per receipt.

import pg from 'pg';
import { openDatabase, type Db } from '@kasa/db';
import { saleReceipt, stockShop } from './scenario';
import { RawPgPosting } from './raw-pg';
import { compare, engineSale, timeInterleaved, type PostingComparison, type PostingOptions } from './sqlite-bench';
import { freshPgDatabase, type PgServer } from './pg-server';

export async function runPgPostingBench(server: PgServer, opts: PostingOptions): Promise<PostingComparison> {
  const warmup = opts.warmup ?? 0;
  const engineStore = await freshPgDatabase(server);
  const rawStore = await freshPgDatabase(server);
  let engineDb: Db | null = null;
  let rawDb: Db | null = null;
  const client = new pg.Client({ connectionString: rawStore.url });
  try {
    engineDb = openDatabase(engineStore.url);
    rawDb = openDatabase(rawStore.url);
    const engineShop = await stockShop(engineDb, opts.items);
    const rawShop = await stockShop(rawDb, opts.items);
    await client.connect();
    const raw = await RawPgPosting.open(client, rawShop);

    for (let n = 0; n < warmup; n++) await raw.postSale(saleReceipt(rawShop, n));
    for (let n = 0; n < warmup; n++) await engineSale(engineDb, engineShop, saleReceipt(engineShop, n));
    const t = await timeInterleaved(warmup, opts.receipts, {
      raw: (n) => raw.postSale(saleReceipt(rawShop, n)),
      engine: (n) => engineSale(engineDb!, engineShop, saleReceipt(engineShop, n)),
    });

    if (opts.inspect) await opts.inspect(engineDb, rawDb);
    return compare(t.engine, t.raw);
  } finally {
    await client.end().catch(() => {});
    await engineDb?.close();
    await rawDb?.close();
    await engineStore.drop();
    await rawStore.drop();
  }
}
