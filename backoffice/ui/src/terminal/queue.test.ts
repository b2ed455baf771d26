import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox, type KeyValueStore, type QueuedEntry, type SendResult } from './queue';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

test('a scan made while the Wi-Fi is down waits in storage and is sent once, with its key, when the network returns', async () => {
  const store = memoryStore();
  const received: string[] = [];
  let network = false;
  const outbox = new Outbox(store, async (e: QueuedEntry): Promise<SendResult> => {
    if (!network) return { kind: 'unreachable' };
    received.push(e.key);
    return { kind: 'accepted' };
  });
  outbox.enqueue('/api/v1/documents/7/lines', { itemId: 1, quantity: '2.000' }, 'k-1');
  outbox.enqueue('/api/v1/documents/7/lines', { itemId: 2, quantity: '1.500' }, 'k-2');
  await outbox.flush();
  assert.equal(outbox.online, false);
  assert.deepEqual(outbox.pending().map((e) => e.key), ['k-1', 'k-2']);

  // A page reload: a new outbox over the same storage still holds both scans.
  network = true;
  const reloaded = new Outbox(store, async (e) => {
    received.push(e.key);
    return { kind: 'accepted' };
  });
  await reloaded.flush();
  assert.deepEqual(received, ['k-1', 'k-2']);
  assert.equal(reloaded.pending().length, 0);
  assert.equal(reloaded.online, true);
});

test('an entry the server refuses (4xx) leaves the queue into the rejected list and does not block the next', async () => {
  const outbox = new Outbox(memoryStore(), async (e) =>
    e.key === 'bad' ? { kind: 'rejected', message: 'Document is posted' } : { kind: 'accepted' },
  );
  outbox.enqueue('/x', {}, 'bad');
  outbox.enqueue('/x', {}, 'good');
  await outbox.flush();
  assert.equal(outbox.pending().length, 0);
  assert.deepEqual(
    outbox.rejected().map((e) => [e.key, e.message]),
    [['bad', 'Document is posted']],
  );
});

test('entries are delivered in the order they were scanned, one at a time', async () => {
  const order: string[] = [];
  let inFlight = 0;
  const outbox = new Outbox(memoryStore(), async (e) => {
    inFlight++;
    assert.equal(inFlight, 1);
    await new Promise((r) => setTimeout(r, 5));
    order.push(e.key);
    inFlight--;
    return { kind: 'accepted' };
  });
  for (const k of ['a', 'b', 'c']) outbox.enqueue('/x', {}, k);
  await outbox.flush();
  assert.deepEqual(order, ['a', 'b', 'c']);
});

test('a posting queued offline keeps the server\'s answer once delivered, readable after a reload', async () => {
  const store = memoryStore();
  let network = false;
  const send = async (e: QueuedEntry): Promise<SendResult> => (network ? { kind: 'accepted', response: { run: { document: { number: `PR-${e.key}` } } } } : { kind: 'unreachable' });
  const outbox = new Outbox(store, send);
  outbox.enqueue('/api/v1/production/runs', { outputs: [] }, 'tsd-run-1');
  await outbox.flush();
  assert.equal(outbox.delivered('tsd-run-1'), undefined, 'not sent while the Wi-Fi is down');
  network = true;
  await outbox.flush();
  const reloaded = new Outbox(store, send);
  assert.deepEqual(reloaded.delivered('tsd-run-1')?.response, { run: { document: { number: 'PR-tsd-run-1' } } });
  assert.equal(reloaded.pending().length, 0);
});
