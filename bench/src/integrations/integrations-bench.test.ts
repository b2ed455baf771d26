// The integrations bench with small numbers: every timed order really is created (201, reserved), the export writes
// every item and offer, and the figures come out as numbers. No timing is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runOrderThroughputBench } from './order-throughput';
import { runCommerceMlExportBench } from './commerceml-export';

test('order creation bench: 60 orders through the shop API after 5 untimed, each created, a ratio comes out', { timeout: 60_000 }, async () => {
  const r = await runOrderThroughputBench({ orders: 60, warmup: 5 });
  assert.equal(r.created, 60);
  assert.equal(r.orders.requests, 60);
  assert.equal(r.bare.requests, 60);
  // 65 orders at most 30 per key: 3 keys, plus one spare.
  assert.equal(r.keys, 4);
  assert.ok(Number.isFinite(r.ratioPercent) && r.ratioPercent > 0);
});

test('CommerceML export bench: 300 bench items on top of the demo all exported with their offers, memory sampled', { timeout: 60_000 }, async () => {
  const r = await runCommerceMlExportBench({ items: 300 });
  assert.ok(r.items >= 300);
  assert.equal(r.exportedItems, r.items);
  assert.ok(r.offers >= 300);
  assert.ok(r.rawRows >= r.items);
  assert.ok(r.samples >= 1);
  assert.ok(Number.isFinite(r.peakRssGrowthMb) && Number.isFinite(r.peakHeapGrowthMb));
  assert.ok(r.fileBytes > 0);
  assert.ok(r.timesRaw > 0);
});
