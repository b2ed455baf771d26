// The till asks the store server for its own catalogue: the pull names the till, so the server answers with the prices
// of the till's price group. A real HTTP server records what arrives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StoreServer } from './store-server';

test('a catalogue pull names the till and the cursor', async () => {
  const seen: string[] = [];
  const http = createServer((req, res) => {
    seen.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ items: [], cursor: '7', complete: true }));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  try {
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    await new StoreServer(base, 2000, undefined, 'T02').fetchCatalogue(undefined);
    await new StoreServer(base, 2000, undefined, 'T02').fetchCatalogue('41');
    await new StoreServer(base, 2000).fetchCatalogue('41');
    assert.deepEqual(seen, ['/api/v1/till/catalogue?till=T02', '/api/v1/till/catalogue?since=41&till=T02', '/api/v1/till/catalogue?since=41']);
  } finally {
    http.close();
  }
});
