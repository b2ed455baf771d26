// Every status change of an order is written, in the same transaction as the change, to the outbox with one
// pending delivery per webhook of the shop; the dispatcher sends them later. The payload is fixed here, so a retry
// sends the very same bytes (and the same signature).

import type { Transaction } from 'kysely';
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

export async function recordStatusChange(
  trx: Trx,
  order: { id: number; apiKeyId: number; externalRef: string | null; totalMinor: number; currency: string },
  from: OrderStatus | null,
  to: OrderStatus,
  at: string,
  detail?: unknown,
): Promise<void> {
  await trx
    .insertInto('shop_order_events')
    .values({
      order_id: order.id,
      from_status: from,
      to_status: to,
      at,
      detail: detail === undefined ? null : JSON.stringify(detail),
    })
    .execute();
  const ob = await trx
    .insertInto('shop_outbox')
    .values({
      order_id: order.id,
      api_key_id: order.apiKeyId,
      event_type: 'order.status_changed',
      payload: '',
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const eventId = String(ob.id);
  const payload: OrderStatusEvent = {
    event: 'order.status_changed',
    eventId,
    occurredAt: at,
    order: {
      id: order.id,
      externalRef: order.externalRef,
      status: to,
      previousStatus: from,
      totalMinor: order.totalMinor,
      currency: order.currency,
    },
  };
  await trx
    .updateTable('shop_outbox')
    .set({ payload: JSON.stringify(payload) })
    .where('id', '=', Number(ob.id))
    .execute();
  const hooks = await trx
    .selectFrom('shop_webhooks')
    .select('id')
    .where('api_key_id', '=', order.apiKeyId)
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  if (hooks.length === 0) return;
  await trx
    .insertInto('shop_webhook_deliveries')
    .values(
      hooks.map((h) => ({
        outbox_id: Number(ob.id),
        webhook_id: Number(h.id),
        order_id: order.id,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        last_error: null,
        delivered_at: null,
        created_at: at,
      })),
    )
    .execute();
}
