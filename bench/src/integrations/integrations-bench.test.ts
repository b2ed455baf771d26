// The integrations bench with small numbers: every timed order really is created (201, reserved), the export writes
// every item and offer, and the figures come out as numbers. No timing is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orderBenchServer, orderBody, runOrderThroughputBench, STATEMENTS_BEFORE } from './order-throughput';
import { runCommerceMlExportBench } from './commerceml-export';

test(
  'order creation bench: 60 orders through the shop API after 5 untimed, each created, a ratio comes out',
  { timeout: 60_000 },
  async () => {
    const r = await runOrderThroughputBench({ orders: 60, warmup: 5 });
    assert.equal(r.created, 60);
    assert.equal(r.orders.requests, 60);
    assert.equal(r.bare.requests, 60);
    assert.ok(Number.isFinite(r.ratioPercent) && r.ratioPercent > 0);
    // 60 + 5 + 10 counted orders, plus 10 spare, × 30: a burst (two seconds' worth) of 85 covers the whole run.
    assert.equal(r.rateLimitPerMinute, 2550);
    // BEGIN, idempotency check, items/prices/warehouse, order, stock, reserved total, reservation, line, history,
    // webhooks, COMMIT; the bench shop has no webhooks, so no outbox rows (with one: outbox and its event ids, 13).
    assert.equal(r.statementsPerOrder, 11);
    assert.ok(r.statementsPerOrder < STATEMENTS_BEFORE);
    assert.ok(r.commitMs > 0);
  },
);

async function threeOrdersInARow(rateLimitPerMinute?: number): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bench-limit-'));
  const { store, key } = await orderBenchServer(dir, { stock: 10, rateLimitPerMinute });
  try {
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await store.app.inject({
        method: 'POST',
        url: '/api/shop/v1/orders',
        headers: { authorization: `Bearer ${key}`, 'idempotency-key': `limit-${i}` },
        payload: orderBody(i),
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) assert.equal(res.headers['retry-after'], '1');
    }
    return codes;
  } finally {
    await store.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test(
  'the store server limits each key as configured: at 60 a minute (burst 2) the third order in a row is 429',
  { timeout: 60_000 },
  async () => {
    assert.deepEqual(await threeOrdersInARow(60), [201, 201, 429]);
    const before = process.env.KASA_SHOP_RATE_LIMIT;
    process.env.KASA_SHOP_RATE_LIMIT = '60';
    try {
      assert.deepEqual(await threeOrdersInARow(), [201, 201, 429]);
    } finally {
      if (before === undefined) delete process.env.KASA_SHOP_RATE_LIMIT;
      else process.env.KASA_SHOP_RATE_LIMIT = before;
    }
    // The default (1,200 a minute, burst 40) lets three through.
    assert.deepEqual(await threeOrdersInARow(), [201, 201, 201]);
  },
);

test(
  'CommerceML export bench: 300 bench items on top of the demo all exported with their offers, memory sampled',
  { timeout: 60_000 },
  async () => {
    const r = await runCommerceMlExportBench({ items: 300 });
    assert.ok(r.items >= 300);
    assert.equal(r.exportedItems, r.items);
    assert.ok(r.offers >= 300);
    assert.ok(r.rawRows >= r.items);
    assert.ok(r.samples >= 1);
    assert.ok(Number.isFinite(r.peakRssGrowthMb) && Number.isFinite(r.peakHeapGrowthMb));
    assert.ok(r.fileBytes > 0);
    assert.ok(r.timesRaw > 0);
  },
);
