// Every status change of an order is written, in the same transaction as the change, to the order's history and,
// when the shop has webhooks, to the outbox with one pending delivery per webhook; the dispatcher sends them later.
// The payload is fixed here, so a retry sends the very same bytes (and the same signature). A shop without webhooks
// (one that polls) gets no outbox rows: nothing would ever send or read them.

import { sql, type Transaction } from 'kysely';
import type { Database, DialectKind } from '@kasa/db';
import { prepared, rowsOf, slots } from './statements';
import type { OrderStatus } from './lifecycle';

type Trx = Transaction<Database>;

export interface OrderStatusEvent {
  event: 'order.status_changed';
  eventId: string;
  occurredAt: string;
  order: {
    id: number;
    externalRef: string | null;
    status: OrderStatus;
    previousStatus: OrderStatus | null;
    totalMinor: number;
    currency: string;
  };
}

export interface StatusChange {
  from: OrderStatus | null;
  to: OrderStatus;
  at: string;
  detail?: unknown;
}

// The event id is the outbox row's id, known only once the row is in: the payload is written with this slot and the
// id put into it by one UPDATE for all rows (a JSON string value cannot contain the slot: its quotes would be escaped).
const EVENT_ID_SLOT = '"eventId":"?"';

const EVENT_COLUMNS = ['order_id', 'from_status', 'to_status', 'at', 'detail'] as const;
const OUTBOX_COLUMNS = ['order_id', 'api_key_id', 'event_type', 'payload', 'created_at'] as const;

const insertEvents = prepared((q, $, n: number) =>
  q.insertInto('shop_order_events').values(rowsOf($, EVENT_COLUMNS, n)),
);
const insertOutbox = prepared((q, $, n: number) =>
  q
    .insertInto('shop_outbox')
    .values(rowsOf($, OUTBOX_COLUMNS, n))
    .returning('id'),
);
const fillEventIds = prepared((q, $, n: number) =>
  q
    .updateTable('shop_outbox')
    .set({ payload: sql<string>`replace(payload, ${$(0)}, ${$(1)} || cast(id as text) || ${$(2)})` })
    .where('id', 'in', slots($, 3, n)),
);
const activeWebhooks = prepared((q, $) =>
  q.selectFrom('shop_webhooks').select('id').where('api_key_id', '=', $(0)).where('active', '=', 1).orderBy('id'),
);

/** Writes status changes (in order) to the history and, with a pending delivery per active webhook, to the outbox. */
export async function recordStatusChanges(
  trx: Trx,
  kind: DialectKind,
  order: { id: number; apiKeyId: number; externalRef: string | null; totalMinor: number; currency: string },
  changes: StatusChange[],
): Promise<void> {
  await insertEvents(
    trx,
    kind,
    changes.flatMap((c) => [order.id, c.from, c.to, c.at, c.detail === undefined ? null : JSON.stringify(c.detail)]),
    changes.length,
  );
  const hooks = await activeWebhooks(trx, kind, [order.apiKeyId]);
  if (hooks.length === 0) return;
  const outbox = await insertOutbox(
    trx,
    kind,
    changes.flatMap((c) => {
      const payload: OrderStatusEvent = {
        event: 'order.status_changed',
        eventId: '?',
        occurredAt: c.at,
        order: {
          id: order.id,
          externalRef: order.externalRef,
          status: c.to,
          previousStatus: c.from,
          totalMinor: order.totalMinor,
          currency: order.currency,
        },
      };
      return [order.id, order.apiKeyId, 'order.status_changed', JSON.stringify(payload), c.at];
    }),
    changes.length,
  );
  const ids = outbox.map((r) => Number(r.id)).sort((a, b) => a - b);
  await fillEventIds(trx, kind, [EVENT_ID_SLOT, '"eventId":"', '"', ...ids], ids.length);
  // Outbox ids ascend with the changes; deliveries are inserted in that order, so each webhook gets them in order.
  await trx
    .insertInto('shop_webhook_deliveries')
    .values(
      ids.flatMap((outboxId, i) =>
        hooks.map((h) => ({
          outbox_id: outboxId,
          webhook_id: Number(h.id),
          order_id: order.id,
          status: 'pending',
          attempts: 0,
          next_attempt_at: changes[i]!.at,
          last_error: null,
          delivered_at: null,
          created_at: changes[i]!.at,
        })),
      ),
    )
    .execute();
}
