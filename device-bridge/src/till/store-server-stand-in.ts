// A small real HTTP server standing in for the store server's till API in tests: serves a catalogue and
// cashiers, records receipts by Idempotency-Key like the real one, and can be told to fail.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerCatalogueItem } from './catalogue';
import type { ServerCashier } from './cashiers';
import type { ReceiptPayload } from './store-server';

export interface StandIn {
  url: string;
  items: ServerCatalogueItem[];
  cashiers: ServerCashier[];
  /** Receipts the ledger took, in arrival order, each uuid once. */
  received: ReceiptPayload[];
  /** Every POST of a receipt, including duplicates and failed ones. */
  posts: { uuid: string; answered: number }[];
  /** 'ok'; 'fail' answers 503 before recording; 'lose-answer' records, then answers 503 (a lost reply);
   * 'reject' answers 422 (the server will not take the receipt as it is). */
  mode: 'ok' | 'fail' | 'lose-answer' | 'reject';
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (s += c));
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });
}

export async function startStandIn(items: ServerCatalogueItem[], cashiers: ServerCashier[]): Promise<StandIn> {
  const state: Omit<StandIn, 'url' | 'close'> = { items, cashiers, received: [], posts: [], mode: 'ok' };
  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/api/v1/till/cashiers') return send(200, { cashiers: state.cashiers });
    if (req.method === 'GET' && url.pathname === '/api/v1/till/catalogue') {
      // The cursor is the count of items already sent; pages of 2 exercise `complete: false`.
      const since = Number(url.searchParams.get('since') ?? 0) || 0;
      const page = state.items.slice(since, since + 2);
      return send(200, { items: page, cursor: String(since + page.length), complete: since + page.length >= state.items.length });
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/till/receipts') {
      const body = JSON.parse(await readBody(req)) as ReceiptPayload;
      const key = String(req.headers['idempotency-key'] ?? '');
      if (state.mode === 'reject') {
        state.posts.push({ uuid: key, answered: 422 });
        return send(422, { error: { code: 'item.unknown', message: 'unknown item' } });
      }
      if (state.mode === 'fail') {
        state.posts.push({ uuid: key, answered: 503 });
        return send(503, { error: { code: 'server.unavailable', message: 'down for maintenance' } });
      }
      const duplicate = state.received.some((r) => r.uuid === key);
      if (!duplicate) state.received.push(body);
      if (state.mode === 'lose-answer') {
        state.posts.push({ uuid: key, answered: 503 });
        return send(503, { error: { code: 'server.unavailable', message: 'answer lost' } });
      }
      state.posts.push({ uuid: key, answered: 200 });
      return send(200, { status: duplicate ? 'duplicate' : 'posted', documentId: state.received.findIndex((r) => r.uuid === key) + 1, number: body.number });
    }
    send(404, { error: { code: 'not_found', message: 'not found' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as StandIn;
}
