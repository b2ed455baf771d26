// 007: what shop orders hold per item and warehouse, kept as one running total beside the reservation rows of 004.
// Checking stock for an order then reads one row instead of summing every open order's reservation of the item.
// Both databases; the total starts as the sum of the reservations already there.

import { sql } from 'kysely';
import type { AnyDb } from './ddl';

export function shopReservedTotals() {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('stock_reserved')
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
        .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('stock_reserved_pk', ['item_id', 'warehouse_id'])
        .execute();
      await sql`insert into stock_reserved (item_id, warehouse_id, quantity_milli)
        select item_id, warehouse_id, sum(quantity_milli) from order_reservations group by item_id, warehouse_id`.execute(db);
    },
  };
}
