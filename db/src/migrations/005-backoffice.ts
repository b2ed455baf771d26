// 005: the back office's warehouse work — a document's base document (the order a receiving fulfils, the receiving
// a return goes back against, the stocktake a surplus comes from), company settings, and the stocktake's frozen
// book quantities and the counts that terminals send. Written once for both databases (as in 001).

import type { DialectKind } from '../connection';
import { idColumn, type AnyDb } from './ddl';

export function backoffice(dialect: DialectKind) {
  const withId = idColumn(dialect);

  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema.alterTable('documents').addColumn('base_document_id', 'bigint', (c) => c.references('documents.id')).execute();
      await db.schema.createIndex('documents_base').on('documents').column('base_document_id').execute();
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Book quantities frozen when the count starts; one row per item in scope (zero rows are kept too).
      await db.schema
        .createTable('stocktake_snapshot')
        .addColumn('document_id', 'bigint', (c) => c.notNull().references('documents.id'))
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('book_milli', 'bigint', (c) => c.notNull())
        .addColumn('unit_cost', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stocktake_snapshot_pk', ['document_id', 'item_id'])
        .execute();
      await withId(db.schema.createTable('stocktake_counts'))
        .addColumn('document_id', 'bigint', (c) => c.notNull().references('documents.id'))
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
        .addColumn('counted_at', 'text', (c) => c.notNull())
        .addColumn('device', 'text')
        .addColumn('user_id', 'bigint')
        .addColumn('count_key', 'text')
        // 'count' from a terminal; 'resolution' when a manager settles a flagged item (replaces earlier counts).
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('count'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('stocktake_counts_key', ['document_id', 'count_key'])
        .execute();
      await db.schema.createIndex('stocktake_counts_item').on('stocktake_counts').columns(['document_id', 'item_id']).execute();
    },
  };
}
