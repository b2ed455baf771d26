// The sync bench's receipts arrive whole: 20 receipts made while the store server was away reach it once each
// after it comes back, and the till's journal marks every one sent. No timings are asserted.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { runSyncRate } from './sync-rate';

test('20 offline receipts reach the store server once each and the journal marks them sent', { timeout: 180_000 }, async () => {
  let checked = false;
  const r = await runSyncRate({
    receipts: 20,
    inspect: async ({ store, tillDbFile, uuids }) => {
      assert.equal(uuids.length, 20);
      // The demo shop has till receipts of its own history; ours are the ones keyed by our uuids.
      const keys = uuids.map((u) => `till:${u}`);
      const docs = await store.db.kysely.selectFrom('documents').select(['idempotency_key', 'type', 'status']).where('idempotency_key', 'in', keys).execute();
      assert.deepEqual(docs.map((d) => d.idempotency_key).sort(), [...keys].sort(), 'each receipt once');
      assert.ok(docs.every((d) => d.type === 'sale' && d.status === 'posted'), JSON.stringify(docs[0]));
      const db = new Database(tillDbFile, { readonly: true });
      try {
        const states = db.prepare('SELECT sync_state AS s, count(*) AS n FROM receipts GROUP BY sync_state').all();
        assert.deepEqual(states, [{ s: 'sent', n: 20 }]);
      } finally {
        db.close();
      }
      checked = true;
    },
  });
  assert.ok(checked);
  assert.equal(r.receipts, 20);
  assert.equal(r.rejected, 0);
  assert.ok(r.syncPerSecond > 0 && r.directPerSecond > 0);
});
