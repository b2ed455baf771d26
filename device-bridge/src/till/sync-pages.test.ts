// Issue 5: a fresh till whose catalogue is longer than one pull's page limit gets the rest right after the first
// pull, not a whole catalogue period later (100,597 items are 51 pages of 2,000; a pull takes at most 50).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPin } from './cashiers';
import { recordingDevices } from './devices';
import { startStandIn } from './store-server-stand-in';
import { Till } from './till';

const item = (id: number) => ({ id, code: String(1000 + id), name: `Item ${id}`, unit: 'pcs', weighted: false, marked: false, vatRate: '21', priceMinor: 100 + id, currency: 'EUR', barcodes: [] });

test('issue 5: seven items in pages of two, two pages a pull: all four pages arrive without waiting for the next period', { timeout: 20_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-till-pages-'));
  const server = await startStandIn([1, 2, 3, 4, 5, 6, 7].map(item), [{ id: 7, name: 'Anna', pinHash: hashPin('1111'), rights: ['till.sell'], language: 'lv' }]);
  const till = new Till({
    dataDir: dir,
    serverUrl: server.url,
    tillCode: 'T01',
    devices: recordingDevices(),
    sync: { minBackoffMs: 20, maxBackoffMs: 80, cataloguePeriodMs: 60_000, maxPagesPerPull: 2 },
  });
  try {
    till.start();
    const end = Date.now() + 10_000;
    while (till.catalogue.count() < 7 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    assert.equal(till.catalogue.count(), 7, 'the 60 s period was not waited for');
    assert.equal(till.catalogue.cursor, '7');
    assert.equal(till.catalogue.byCode('1007')?.priceMinor, 107);
  } finally {
    await till.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
