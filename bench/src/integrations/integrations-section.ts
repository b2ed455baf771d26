// The integrations section of `npm run -s bench` (issue 8): order creation through the shop API as a ratio to a bare
// fastify route, and the CommerceML export of 100,000 items — memory growth and time against a raw SELECT.

import { runOrderThroughputBench, STATEMENTS_BEFORE } from './order-throughput';
import { runCommerceMlExportBench } from './commerceml-export';

const MEMORY_GOAL_MB = 64;
const ORDER_GOAL_PERCENT = 40;

export async function printIntegrationsSection(
  opts: { orders?: number; warmup?: number; items?: number } = {},
): Promise<void> {
  const orders = opts.orders ?? 2000;
  const o = await runOrderThroughputBench({ orders, warmup: opts.warmup ?? 100 });
  console.log(
    `order creation vs bare fastify route: ${o.ratioPercent} % (goal ≥ ${ORDER_GOAL_PERCENT} %: ${o.ratioPercent >= ORDER_GOAL_PERCENT ? 'met' : 'NOT met'}; ` +
      `POST /api/shop/v1/orders ${Math.round(o.orders.perSecond)} orders/s, bare JSON route ${Math.round(o.bare.perSecond)} requests/s; ` +
      `${orders.toLocaleString('en')} each, sequential over 127.0.0.1 with fetch, own Idempotency-Key each, demo server on SQLite, alternating blocks of 50, ` +
      `one API key, rate limit on at ${o.rateLimitPerMinute.toLocaleString('en')}/min)`,
  );
  console.log(
    `order creation: ${o.statementsPerOrder} SQL statements per order (before issue 8's rework: ${STATEMENTS_BEFORE}; BEGIN and COMMIT included); ` +
      `${(1000 / o.orders.perSecond).toFixed(2)} ms per order, of which one durable SQLite commit on this disk takes ${o.commitMs.toFixed(2)} ms ` +
      `(WAL, synchronous FULL, measured beside the run)`,
  );
  const items = opts.items ?? 100_000;
  const c = await runCommerceMlExportBench({ items });
  const peak = Math.max(c.peakRssGrowthMb, c.peakHeapGrowthMb);
  console.log(
    `CommerceML export of ${c.items.toLocaleString('en')} items: peak growth RSS ${c.peakRssGrowthMb.toFixed(1)} MB, heap ${c.peakHeapGrowthMb.toFixed(1)} MB ` +
      `(goal ≤ ${MEMORY_GOAL_MB} MB: ${peak <= MEMORY_GOAL_MB ? 'met' : 'NOT met'}; ${c.samples} samples every 50 ms); ` +
      `time ${c.exportSeconds.toFixed(2)} s = ${c.timesRaw.toFixed(1)} × a raw SELECT of the same rows (${c.rawSelectSeconds.toFixed(2)} s, ${c.rawRows.toLocaleString('en')} rows); ` +
      `${c.exportedItems.toLocaleString('en')} items, ${c.offers.toLocaleString('en')} offers, ${(c.fileBytes / 1024 / 1024).toFixed(1)} MB of XML`,
  );
}
