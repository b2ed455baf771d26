// Every status change of an order is written, in the same transaction as the change, to the outbox with one
// pending delivery per webhook of the shop; the dispatcher sends them later. The payload is fixed here, so a retry
// sends the very same bytes (and the same signature).

import { sql, type Transaction } from 'kysely';
import type { Database } from '@kasa/db';
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

/** Writes status changes (in order) to the history and the outbox, with a pending delivery per active webhook. */
export async function recordStatusChanges(
  trx: Trx,
  order: { id: number; apiKeyId: number; externalRef: string | null; totalMinor: number; currency: string },
  changes: StatusChange[],
): Promise<void> {
  await trx
    .insertInto('shop_order_events')
    .values(
      changes.map((c) => ({
        order_id: order.id,
        from_status: c.from,
        to_status: c.to,
        at: c.at,
        detail: c.detail === undefined ? null : JSON.stringify(c.detail),
      })),
    )
    .execute();
  const outbox = await trx
    .insertInto('shop_outbox')
    .values(
      changes.map((c) => {
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
        return {
          order_id: order.id,
          api_key_id: order.apiKeyId,
          event_type: 'order.status_changed',
          payload: JSON.stringify(payload),
          created_at: c.at,
        };
      }),
    )
    .returning('id')
    .execute();
  const ids = outbox.map((r) => Number(r.id)).sort((a, b) => a - b);
  await trx
    .updateTable('shop_outbox')
    .set({ payload: sql<string>`replace(payload, ${EVENT_ID_SLOT}, ${'"eventId":"'} || cast(id as text) || ${'"'})` })
    .where('id', 'in', ids)
    .execute();
  const hooks = await trx
    .selectFrom('shop_webhooks')
    .select('id')
    .where('api_key_id', '=', order.apiKeyId)
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  if (hooks.length === 0) return;
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
