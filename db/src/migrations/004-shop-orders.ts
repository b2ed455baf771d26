// 004: the online shop's orders, their stock reservations, status history and the webhook outbox with its delivery log.
// Written once for both databases; `dialect` only picks the id column type (as in 001).

import type { DialectKind } from '../connection';
import { idColumn, type AnyDb } from './ddl';

export function shopOrders(dialect: DialectKind) {
  const withId = idColumn(dialect);

  return {
    async up(db: AnyDb): Promise<void> {
      await withId(db.schema.createTable('shop_orders'))
        .addColumn('api_key_id', 'bigint', (c) => c.notNull().references('api_keys.id'))
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('external_ref', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('payment', 'text', (c) => c.notNull())
        .addColumn('allow_substitutions', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('total_minor', 'bigint', (c) => c.notNull())
        .addColumn('customer', 'text')
        .addColumn('note', 'text')
        .addColumn('sale_document_id', 'bigint', (c) => c.references('documents.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('shop_orders_key_idempotency', ['api_key_id', 'idempotency_key'])
        .execute();
      await db.schema.createIndex('shop_orders_status').on('shop_orders').columns(['status', 'id']).execute();
      await withId(db.schema.createTable('shop_order_lines'))
        .addColumn('order_id', 'bigint', (c) => c.notNull().references('shop_orders.id'))
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('ordered_milli', 'bigint', (c) => c.notNull())
        .addColumn('picked_milli', 'bigint')
        .addColumn('price_minor', 'bigint', (c) => c.notNull())
        .addColumn('substitute_for_line_id', 'bigint')
        .execute();
      await db.schema.createIndex('shop_order_lines_order').on('shop_order_lines').column('order_id').execute();
      await withId(db.schema.createTable('shop_order_events'))
        .addColumn('order_id', 'bigint', (c) => c.notNull().references('shop_orders.id'))
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('shop_order_events_order').on('shop_order_events').columns(['order_id', 'id']).execute();
      // Reservations are a signed ledger: +reserve, −release; what an order holds is the sum of its rows.
      await withId(db.schema.createTable('order_reservations'))
        .addColumn('order_id', 'bigint', (c) => c.notNull().references('shop_orders.id'))
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
        .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('order_reservations_item').on('order_reservations').columns(['item_id', 'warehouse_id']).execute();
      await db.schema.createIndex('order_reservations_order').on('order_reservations').column('order_id').execute();
      await db.schema.createIndex('order_reservations_wh').on('order_reservations').columns(['warehouse_id', 'id']).execute();
      await withId(db.schema.createTable('shop_webhooks'))
        .addColumn('api_key_id', 'bigint', (c) => c.notNull().references('api_keys.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('shop_outbox'))
        .addColumn('order_id', 'bigint', (c) => c.notNull().references('shop_orders.id'))
        .addColumn('api_key_id', 'bigint', (c) => c.notNull().references('api_keys.id'))
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('shop_webhook_deliveries'))
        .addColumn('outbox_id', 'bigint', (c) => c.notNull().references('shop_outbox.id'))
        .addColumn('webhook_id', 'bigint', (c) => c.notNull().references('shop_webhooks.id'))
        .addColumn('order_id', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('shop_webhook_deliveries_due').on('shop_webhook_deliveries').columns(['status', 'id']).execute();
      await withId(db.schema.createTable('shop_webhook_attempts'))
        .addColumn('delivery_id', 'bigint', (c) => c.notNull().references('shop_webhook_deliveries.id'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('shop_webhook_attempts_delivery').on('shop_webhook_attempts').column('delivery_id').execute();
    },
  };
}
