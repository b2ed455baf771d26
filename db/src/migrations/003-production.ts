// 003: production — recipe versions and their components, the consumption log of produced-at-sale items,
// and marked units (one row per GS1 GTIN + serial) from receiving to the till.

import type { DialectKind } from '../connection';
import { idColumn, type AnyDb } from './ddl';

export function production(dialect: DialectKind) {
  const withId = idColumn(dialect);

  return {
    async up(db: AnyDb): Promise<void> {
      await withId(db.schema.createTable('recipes'))
        .addColumn('output_item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('output_quantity', 'text', (c) => c.notNull())
        .addColumn('overhead_minor', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('recipes_item_version', ['output_item_id', 'version'])
        .execute();
      await db.schema.createIndex('recipes_item_valid').on('recipes').columns(['output_item_id', 'valid_from']).execute();
      await withId(db.schema.createTable('recipe_components'))
        .addColumn('recipe_id', 'bigint', (c) => c.notNull().references('recipes.id'))
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('gross_quantity', 'text', (c) => c.notNull())
        .addColumn('net_quantity', 'text', (c) => c.notNull())
        .addColumn('loss_percent', 'text', (c) => c.notNull().defaultTo('0.00'))
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('component'))
        .execute();
      await db.schema.createIndex('recipe_components_recipe').on('recipe_components').column('recipe_id').execute();
      // What each posting made through which recipe version: the "consumption by recipe per day" report reads this.
      await withId(db.schema.createTable('recipe_consumption'))
        .addColumn('document_id', 'bigint', (c) => c.notNull().references('documents.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('recipe_id', 'bigint', (c) => c.notNull().references('recipes.id'))
        .addColumn('output_item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('output_quantity_milli', 'bigint', (c) => c.notNull())
        .addColumn('cost_minor', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('recipe_consumption_date').on('recipe_consumption').columns(['date', 'recipe_id']).execute();
      await db.schema
        .createTable('marking_codes')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('gtin', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('raw', 'text', (c) => c.notNull())
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('receiving_document_id', 'bigint', (c) => c.references('documents.id'))
        .addColumn('sale_document_id', 'bigint', (c) => c.references('documents.id'))
        .addColumn('return_document_id', 'bigint', (c) => c.references('documents.id'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('marking_codes_item').on('marking_codes').columns(['item_id', 'status']).execute();
    },
  };
}
