// The fiscal receipt of a paid online order, printed on the store's fiscal register through the device bridge
// (POST /api/fiscal/receipt, a durable job). The job key `shop-order-<id>-fiscal` makes the bridge print it at most
// once however often we ask; a failure leaves the order paid with the error in the audit log, and a later attempt
// asks the bridge to retry the same job (the bridge first checks whether the register already made the document).

import { dec, DomainError } from '@kasa/domain';
import { audit, type Db } from '@kasa/db';
import { changeOrderStatus, getOrder, type OrderView } from './orders';
import type { PaymentMethod } from './lifecycle';
import { milliText } from './quantities';

export interface FiscalBridge {
  /** The bridge's base address, e.g. http://127.0.0.1:7070 */
  url: string;
  token: string;
}

/** A receipt as the bridge's /api/fiscal/receipt takes it (device-bridge/src/service/README.md). */
export interface FiscalReceipt {
  type: 'sale';
  lines: Array<{ name: string; quantity: string; priceMinor: number; vatRate: string }>;
  payments: { cash?: number; card?: number };
}

export interface FiscalResult {
  /** done: fiscalized (now or before); pending: the bridge is still printing; failed: still paid, error recorded. */
  state: 'done' | 'pending' | 'failed';
  key: string;
  order: OrderView;
  error?: { code: string; message: string };
}

export const fiscalKey = (orderId: number) => `shop-order-${orderId}-fiscal`;

const AUDIT_ENTITY = 'shop_order';
const FAILED = 'fiscal_failed';

interface ReceiptLine {
  name: string;
  milli: number;
  priceMinor: number;
  vatRate: string;
}

/**
 * The receipt of what leaves the store: picked quantities (substitutes included, unpicked lines left out), each
 * line with its item's VAT rate; paid online means the card paid the whole total.
 */
export function fiscalReceipt(lines: ReceiptLine[], payment: PaymentMethod, totalMinor: number): FiscalReceipt {
  return {
    type: 'sale',
    lines: lines
      .filter((l) => l.milli > 0)
      .map((l) => ({ name: l.name, quantity: milliText(l.milli), priceMinor: l.priceMinor, vatRate: dec(l.vatRate).toString() })),
    // Online: paid by card on the site. On delivery: the courier collected cash.
    payments: payment === 'online' ? { card: totalMinor } : { cash: totalMinor },
  };
}

async function receiptOf(db: Db, orderId: number): Promise<FiscalReceipt> {
  const o = await db.kysely.selectFrom('shop_orders').select(['payment', 'total_minor']).where('id', '=', orderId).executeTakeFirstOrThrow();
  const rows = await db.kysely
    .selectFrom('shop_order_lines')
    .innerJoin('items', 'items.id', 'shop_order_lines.item_id')
    .innerJoin('vat_groups', 'vat_groups.id', 'items.vat_group_id')
    .select(['items.name', 'shop_order_lines.ordered_milli', 'shop_order_lines.picked_milli', 'shop_order_lines.price_minor', 'vat_groups.rate'])
    .where('shop_order_lines.order_id', '=', orderId)
    .orderBy('shop_order_lines.line_no')
    .execute();
  return fiscalReceipt(
    rows.map((r) => ({
      name: r.name,
      milli: Number(r.picked_milli ?? r.ordered_milli),
      priceMinor: Number(r.price_minor),
      vatRate: String(r.rate),
    })),
    o.payment as PaymentMethod,
    Number(o.total_minor),
  );
}

interface BridgeJob {
  state?: 'queued' | 'running' | 'done' | 'failed';
  error?: { code?: string; params?: Record<string, unknown> };
  result?: unknown;
}
type BridgeAnswer = { kind: 'job'; job: BridgeJob; status: number; message?: string; code?: string } | { kind: 'error'; code: string; message: string };

async function callBridge(bridge: FiscalBridge, path: string, body: unknown, doFetch: typeof fetch): Promise<BridgeAnswer> {
  let res: Response;
  try {
    res = await doFetch(`${bridge.url.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bridge-token': bridge.token },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    return { kind: 'error', code: 'fiscal.bridge_unreachable', message: (e as Error).message };
  }
  const answer = (await res.json().catch(() => ({}))) as { job?: BridgeJob; error?: { code?: string; message?: string } };
  if (answer.job) return { kind: 'job', job: answer.job, status: res.status, message: answer.error?.message, code: answer.error?.code };
  return { kind: 'error', code: answer.error?.code ?? `bridge.http_${res.status}`, message: answer.error?.message ?? `HTTP ${res.status}` };
}

/** Failures recorded for this order's receipt, oldest first (the audit log is where the back office reads them). */
export async function fiscalFailures(db: Db, orderId: number): Promise<Array<{ at: string; code: string; message: string }>> {
  const rows = await db.kysely
    .selectFrom('audit_log')
    .select(['at', 'after'])
    .where('entity', '=', AUDIT_ENTITY)
    .where('entity_id', '=', String(orderId))
    .where('action', '=', FAILED)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ at: r.at, ...(JSON.parse(r.after ?? '{}') as { code: string; message: string }) }));
}

const AFTER_PAID = new Set(['fiscalized', 'shipped', 'delivered', 'closed']);

/**
 * Sends the receipt of a paid order to the bridge and, once printed, moves the order paid → fiscalized.
 * Safe to call any number of times, also concurrently: the bridge's job key prints the receipt once.
 */
export async function fiscalizeOrder(
  db: Db,
  orderId: number,
  bridge: FiscalBridge,
  opts: { fetch?: typeof fetch; userId?: number | null } = {},
): Promise<FiscalResult> {
  const doFetch = opts.fetch ?? fetch;
  const key = fiscalKey(orderId);
  const before = await getOrder(db, null, orderId);
  // Paid on delivery: after delivery; paid online: before shipping. Either way the receipt follows `paid`.
  if (before.status === 'fiscalized' || (AFTER_PAID.has(before.status) && before.history.some((h) => h.status === 'fiscalized')))
    return { state: 'done', key, order: before };
  if (before.status !== 'paid') throw new DomainError('order.transition', { from: before.status, to: 'fiscalized' }, 409);

  const receipt = await receiptOf(db, orderId);
  let answer = await callBridge(bridge, '/api/fiscal/receipt', { key, receipt }, doFetch);
  // The same key answers with the same job: a job that failed before is run again only on request.
  if (answer.kind === 'job' && answer.job.state === 'failed' && (await fiscalFailures(db, orderId)).length > 0)
    answer = await callBridge(bridge, `/api/jobs/${encodeURIComponent(key)}/retry`, {}, doFetch);

  if (answer.kind === 'job' && answer.job.state === 'done') {
    try {
      const order = await changeOrderStatus(db, null, orderId, 'fiscalized');
      await audit(db.kysely, { userId: opts.userId ?? null, action: 'fiscalized', entity: AUDIT_ENTITY, entityId: orderId, after: { key, result: answer.job.result ?? null } });
      return { state: 'done', key, order };
    } catch (e) {
      // Another attempt got there first.
      const now = await getOrder(db, null, orderId);
      if (now.status === 'fiscalized') return { state: 'done', key, order: now };
      throw e;
    }
  }
  if (answer.kind === 'job' && (answer.job.state === 'queued' || answer.job.state === 'running'))
    return { state: 'pending', key, order: before };

  const error =
    answer.kind === 'error'
      ? { code: answer.code, message: answer.message }
      : { code: answer.job.error?.code ?? answer.code ?? 'fiscal.failed', message: answer.message ?? answer.job.error?.code ?? 'failed' };
  await audit(db.kysely, { userId: opts.userId ?? null, action: FAILED, entity: AUDIT_ENTITY, entityId: orderId, after: { key, ...error } });
  return { state: 'failed', key, order: before, error };
}

export interface FiscalizerOptions {
  db: Db;
  /** The store's bridge, read at each round (null: none configured, nothing is sent). */
  bridge: () => Promise<FiscalBridge | null>;
  /** How often paid orders are looked for (default 5 s); `wake()` looks at once. */
  intervalMs?: number;
  /** First wait before a failed order is tried again (default 30 s), doubling up to 10 minutes. */
  retryMs?: number;
  fetch?: typeof fetch;
  onError?: (e: unknown) => void;
}

/**
 * Fiscalizes every paid order in the background: right after it becomes paid (wake) and, after a failure, again
 * later with a growing pause. The pause is kept in memory: after a restart every paid order is tried once at once,
 * which is harmless because the bridge prints a key once.
 */
export function startFiscalizer(opts: FiscalizerOptions): { wake(): void; runOnce(): Promise<void>; close(): Promise<void> } {
  const retryMs = opts.retryMs ?? 30_000;
  const backoff = new Map<number, { at: number; wait: number }>();
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  async function round(): Promise<void> {
    const bridge = await opts.bridge();
    if (!bridge) return;
    const paid = await opts.db.kysely.selectFrom('shop_orders').select('id').where('status', '=', 'paid').orderBy('id').limit(100).execute();
    for (const { id: raw } of paid) {
      if (closed) return;
      const id = Number(raw);
      const b = backoff.get(id);
      if (b && b.at > Date.now()) continue;
      try {
        const r = await fiscalizeOrder(opts.db, id, bridge, opts.fetch ? { fetch: opts.fetch } : {});
        if (r.state === 'failed') {
          const wait = Math.min((b?.wait ?? retryMs / 2) * 2, 600_000);
          backoff.set(id, { at: Date.now() + wait, wait });
        } else backoff.delete(id);
      } catch (e) {
        opts.onError?.(e);
      }
    }
  }

  function runOnce(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = round()
      .catch((e) => opts.onError?.(e))
      .finally(() => {
        running = null;
        if (again && !closed) {
          again = false;
          void runOnce();
        }
      });
    return running;
  }

  const timer = setInterval(() => void runOnce(), opts.intervalMs ?? 5_000);
  timer.unref();
  return {
    wake: () => void runOnce(),
    runOnce,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };
}
