// 001: the foundation schema. Written once for both databases; `dialect` only picks the id column type.

import type { DialectKind } from '../connection';
import { idColumn, type AnyDb } from './ddl';

export function initial(dialect: DialectKind) {
  const withId = idColumn(dialect);

  return {
    async up(db: AnyDb): Promise<void> {
      await withId(db.schema.createTable('companies'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('tax_number', 'text')
        .addColumn('vat_rounding', 'text', (c) => c.notNull().defaultTo('line'))
        .addColumn('cash_rounding', 'text', (c) => c.notNull().defaultTo('none'))
        .addColumn('lock_date', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('warehouses'))
        .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('negative_stock', 'text', (c) => c.notNull().defaultTo('forbid'))
        .addColumn('is_transit', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await withId(db.schema.createTable('user_groups'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('group_rights')
        .addColumn('group_id', 'bigint', (c) => c.notNull().references('user_groups.id'))
        .addColumn('right_code', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('group_rights_pk', ['group_id', 'right_code'])
        .execute();
      await withId(db.schema.createTable('users'))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('pin_hash', 'text')
        .addColumn('pin_lookup', 'text', (c) => c.unique())
        .addColumn('group_id', 'bigint', (c) => c.notNull().references('user_groups.id'))
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('api_keys'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull().unique())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('units')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('decimals', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await withId(db.schema.createTable('vat_groups'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('rate', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('item_groups'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'bigint', (c) => c.references('item_groups.id'))
        .execute();
      await withId(db.schema.createTable('items'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
        .addColumn('vat_group_id', 'bigint', (c) => c.notNull().references('vat_groups.id'))
        .addColumn('group_id', 'bigint', (c) => c.references('item_groups.id'))
        .addColumn('goods_type', 'text', (c) => c.notNull().defaultTo('sale'))
        .addColumn('weighted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('marked', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('produced', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('costing', 'text', (c) => c.notNull().defaultTo('average'))
        .addColumn('standard_cost_minor', 'bigint')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('change_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('items_name').on('items').column('name').execute();
      await db.schema.createIndex('items_change_seq').on('items').column('change_seq').execute();
      await db.schema
        .createTable('barcodes')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('pack_quantity', 'text', (c) => c.notNull().defaultTo('1'))
        .execute();
      await db.schema.createIndex('barcodes_item').on('barcodes').column('item_id').execute();
      await withId(db.schema.createTable('price_groups'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('tax_included', 'integer', (c) => c.notNull())
        .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await withId(db.schema.createTable('prices'))
        .addColumn('price_group_id', 'bigint', (c) => c.notNull().references('price_groups.id'))
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('price_minor', 'bigint', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('prices_item').on('prices').columns(['item_id', 'price_group_id', 'valid_from']).execute();
      await withId(db.schema.createTable('partners'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('tax_number', 'text')
        .addColumn('bank_account', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('price_group_id', 'bigint', (c) => c.references('price_groups.id'))
        .execute();
      await withId(db.schema.createTable('number_series'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('doc_type', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('next_number', 'bigint', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addUniqueConstraint('number_series_code_year', ['code', 'year'])
        .execute();
      await withId(db.schema.createTable('documents'))
        .addColumn('company_id', 'bigint', (c) => c.notNull().references('companies.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('series_code', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('number_seq', 'bigint', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('warehouse_id', 'bigint', (c) => c.references('warehouses.id'))
        .addColumn('to_warehouse_id', 'bigint', (c) => c.references('warehouses.id'))
        .addColumn('partner_id', 'bigint', (c) => c.references('partners.id'))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('total_minor', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('reverses_id', 'bigint', (c) => c.references('documents.id'))
        .addColumn('reversed_by_id', 'bigint')
        .addColumn('idempotency_key', 'text', (c) => c.unique())
        .addColumn('payload', 'text')
        .addColumn('created_by', 'bigint')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('posted_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .addUniqueConstraint('documents_series_year_seq', ['series_code', 'year', 'number_seq'])
        .execute();
      await db.schema.createIndex('documents_type_date').on('documents').columns(['type', 'date']).execute();
      await withId(db.schema.createTable('document_lines'))
        .addColumn('document_id', 'bigint', (c) => c.notNull().references('documents.id'))
        .addColumn('line_no', 'integer', (c) => c.notNull())
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('quantity', 'text', (c) => c.notNull())
        .addColumn('price_minor', 'bigint', (c) => c.notNull())
        .addColumn('discount_minor', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addColumn('vat_rate', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('document_lines_doc').on('document_lines').column('document_id').execute();
      await withId(db.schema.createTable('stock_movements'))
        .addColumn('document_id', 'bigint', (c) => c.notNull().references('documents.id'))
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
        .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
        .addColumn('value_minor', 'bigint', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('stock_movements_doc').on('stock_movements').column('document_id').execute();
      await db.schema.createIndex('stock_movements_item').on('stock_movements').columns(['item_id', 'warehouse_id', 'date']).execute();
      await db.schema
        .createTable('stock_balances')
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        .addColumn('warehouse_id', 'bigint', (c) => c.notNull().references('warehouses.id'))
        .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
        .addColumn('value_minor', 'bigint', (c) => c.notNull())
        .addColumn('last_unit_cost', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('stock_balances_pk', ['item_id', 'warehouse_id'])
        .execute();
      await withId(db.schema.createTable('audit_log'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('user_id', 'bigint')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .execute();
    },
  };
}
