// Webhooks: a shop registers URLs; the dispatcher sends the outbox's pending deliveries, signed with the webhook's
// secret, one at a time per order and webhook (so events arrive in order), retrying with exponential backoff.

import { createHmac, randomBytes } from 'node:crypto';
import { DomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';

export interface WebhookView {
  id: number;
  url: string;
  active: boolean;
  createdAt: string;
}

export interface DeliveryView {
  id: number;
  webhookId: number;
  eventId: string;
  orderId: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  deliveredAt: string | null;
}

export function signatureOf(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

function checkUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DomainError('webhook.url_invalid', { url }, 422);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new DomainError('webhook.url_invalid', { url }, 422);
}

/** Registers a URL for the key's order events; the secret (given or generated) is returned here only. */
export async function registerWebhook(
  db: Db,
  apiKeyId: number,
  input: { url: string; secret?: string },
): Promise<WebhookView & { secret: string }> {
  checkUrl(input.url);
  const secret = input.secret ?? `whsec_${randomBytes(24).toString('hex')}`;
  const now = new Date().toISOString();
  const r = await db.kysely
    .insertInto('shop_webhooks')
    .values({ api_key_id: apiKeyId, url: input.url, secret, active: 1, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(r.id), url: input.url, active: true, createdAt: now, secret };
}

export async function listWebhooks(db: Db, apiKeyId: number | null): Promise<WebhookView[]> {
  let q = db.kysely.selectFrom('shop_webhooks').select(['id', 'url', 'active', 'created_at']).orderBy('id');
  if (apiKeyId !== null) q = q.where('api_key_id', '=', apiKeyId);
  const rows = await q.execute();
  return rows.map((r) => ({ id: Number(r.id), url: r.url, active: Boolean(r.active), createdAt: r.created_at }));
}

/** Stops a webhook: its pending deliveries are dropped from the queue (kept in the log as failed). */
export async function removeWebhook(db: Db, apiKeyId: number | null, id: number): Promise<void> {
  let q = db.kysely.selectFrom('shop_webhooks').select('id').where('id', '=', id);
  if (apiKeyId !== null) q = q.where('api_key_id', '=', apiKeyId);
  if (!(await q.executeTakeFirst())) throw new DomainError('webhook.not_found', { id }, 404);
  await db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('shop_webhooks').set({ active: 0 }).where('id', '=', id).execute();
    await trx
      .updateTable('shop_webhook_deliveries')
      .set({ status: 'failed', last_error: 'webhook removed' })
      .where('webhook_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  });
}

/** The delivery log for the back office (apiKeyId null) or one shop. */
export async function listDeliveries(
  db: Db,
  apiKeyId: number | null,
  opts: { orderId?: number; limit?: number } = {},
): Promise<
  Array<
    DeliveryView & {
      url: string;
      log: Array<{ at: string; statusCode: number | null; error: string | null; durationMs: number }>;
    }
  >
> {
  let q = db.kysely
    .selectFrom('shop_webhook_deliveries as d')
    .innerJoin('shop_webhooks as w', 'w.id', 'd.webhook_id')
    .select([
      'd.id',
      'd.webhook_id',
      'd.outbox_id',
      'd.order_id',
      'd.status',
      'd.attempts',
      'd.next_attempt_at',
      'd.last_error',
      'd.delivered_at',
      'w.url',
    ])
    .orderBy('d.id', 'desc')
    .limit(opts.limit ?? 100);
  if (apiKeyId !== null) q = q.where('w.api_key_id', '=', apiKeyId);
  if (opts.orderId !== undefined) q = q.where('d.order_id', '=', opts.orderId);
  const rows = await q.execute();
  const ids = rows.map((r) => Number(r.id));
  const attempts = ids.length
    ? await db.kysely
        .selectFrom('shop_webhook_attempts')
        .selectAll()
        .where('delivery_id', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: Number(r.id),
    webhookId: Number(r.webhook_id),
    eventId: String(r.outbox_id),
    orderId: Number(r.order_id),
    status: r.status as DeliveryView['status'],
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    url: r.url,
    log: attempts
      .filter((a) => Number(a.delivery_id) === Number(r.id))
      .map((a) => ({ at: a.at, statusCode: a.status_code, error: a.error, durationMs: a.duration_ms })),
  }));
}

export interface DispatcherOptions {
  fetch?: typeof fetch;
  /** How often the outbox is polled. */
  intervalMs?: number;
  /** First retry delay; doubles each attempt up to maxDelayMs (1 s, 2 s, 4 s … 5 min). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** After this many failed attempts a delivery is given up (status failed) and the next event of the order goes. */
  maxAttempts?: number;
  timeoutMs?: number;
}

export function retryDelayMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

/**
 * Polls the outbox and delivers. A delivery is claimed by pushing its next_attempt_at forward by the timeout before
 * sending, so a crash mid-send retries it later and two dispatchers on one database do not both send it.
 */
export function startWebhookDispatcher(
  db: Db,
  opts: DispatcherOptions = {},
): { tick(): Promise<void>; close(): Promise<void> } {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.baseDelayMs ?? 1000;
  const max = opts.maxDelayMs ?? 5 * 60_000;
  const maxAttempts = opts.maxAttempts ?? 25;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let running: Promise<void> | null = null;
  let closed = false;

  async function deliver(d: {
    id: number;
    attempts: number;
    next_attempt_at: string;
    url: string;
    secret: string;
    payload: string;
    outbox_id: number;
  }) {
    const claimUntil = new Date(Date.now() + timeoutMs + 1000).toISOString();
    const claimed = await db.kysely
      .updateTable('shop_webhook_deliveries')
      .set({ next_attempt_at: claimUntil })
      .where('id', '=', d.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', d.next_attempt_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return;
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await doFetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-kasa-signature': signatureOf(d.secret, d.payload),
          'x-kasa-event-id': String(d.outbox_id),
          'user-agent': 'kasa-webhooks/1',
        },
        body: d.payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      statusCode = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      error = String((e as Error).message ?? e).slice(0, 500);
    }
    const now = new Date();
    const attempts = d.attempts + 1;
    await db.kysely.transaction().execute(async (trx) => {
      await trx
        .insertInto('shop_webhook_attempts')
        .values({
          delivery_id: d.id,
          at: now.toISOString(),
          status_code: statusCode,
          error,
          duration_ms: Date.now() - started,
        })
        .execute();
      await trx
        .updateTable('shop_webhook_deliveries')
        .set(
          error === null
            ? { status: 'delivered', attempts, delivered_at: now.toISOString(), last_error: null }
            : {
                status: attempts >= maxAttempts ? 'failed' : 'pending',
                attempts,
                last_error: error,
                next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts, base, max)).toISOString(),
              },
        )
        .where('id', '=', d.id)
        .where('status', '=', 'pending') // removed meanwhile: stays failed
        .execute();
    });
  }

  async function run(): Promise<void> {
    const pending = await db.kysely
      .selectFrom('shop_webhook_deliveries as d')
      .innerJoin('shop_webhooks as w', 'w.id', 'd.webhook_id')
      .innerJoin('shop_outbox as o', 'o.id', 'd.outbox_id')
      .select([
        'd.id',
        'd.webhook_id',
        'd.order_id',
        'd.attempts',
        'd.next_attempt_at',
        'd.outbox_id',
        'w.url',
        'w.secret',
        'o.payload',
      ])
      .where('d.status', '=', 'pending')
      .orderBy('d.id')
      .limit(1000)
      .execute();
    // Only the oldest pending delivery of each (webhook, order) may go; later events wait behind it.
    const heads = new Map<string, (typeof pending)[number]>();
    for (const p of pending) {
      const k = `${p.webhook_id}/${p.order_id}`;
      if (!heads.has(k)) heads.set(k, p);
    }
    const now = new Date().toISOString();
    const due = [...heads.values()].filter((p) => p.next_attempt_at <= now);
    for (let i = 0; i < due.length && !closed; i += 8) {
      await Promise.all(
        due
          .slice(i, i + 8)
          .map((p) =>
            deliver({
              id: Number(p.id),
              attempts: p.attempts,
              next_attempt_at: p.next_attempt_at,
              url: p.url,
              secret: p.secret,
              payload: p.payload,
              outbox_id: Number(p.outbox_id),
            }),
          ),
      );
    }
  }

  function tick(): Promise<void> {
    if (closed) return Promise.resolve();
    running ??= run()
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
    return running;
  }

  const timer = setInterval(() => void tick(), opts.intervalMs ?? 250);
  timer.unref();
  return {
    tick,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
