// 010: fewer pages written per shop order. Every durable commit writes each page it changed to the WAL, so an
// order's cost grows with the indexes and tables it touches.
// - order_reservations_item (item, warehouse) went unused when 007 began keeping stock_reserved totals: dropped.
// - On SQLite, stock_reserved becomes a WITHOUT ROWID table keyed by (item, warehouse): one b-tree instead of a table
//   and its primary-key index. PostgreSQL keeps its table as it is.

import { sql } from 'kysely';
import type { AnyDb } from './ddl';
import type { DialectKind } from '../connection';

export function shopOrderPages(dialect: DialectKind) {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema.dropIndex('order_reservations_item').execute();
      if (dialect !== 'sqlite') return;
      await sql`create table stock_reserved_010 (
        item_id bigint not null references items (id),
        warehouse_id bigint not null references warehouses (id),
        quantity_milli bigint not null,
        constraint stock_reserved_pk primary key (item_id, warehouse_id)
      ) without rowid`.execute(db);
      await sql`insert into stock_reserved_010 (item_id, warehouse_id, quantity_milli)
        select item_id, warehouse_id, quantity_milli from stock_reserved`.execute(db);
      await sql`drop table stock_reserved`.execute(db);
      await sql`alter table stock_reserved_010 rename to stock_reserved`.execute(db);
    },
    async down(db: AnyDb): Promise<void> {
      await db.schema.createIndex('order_reservations_item').on('order_reservations').columns(['item_id', 'warehouse_id']).execute();
    },
  };
}
