// 006: bank statements imported from 1C (1CClientBankExchange), their operations tied to partners and cash-flow
// budget items (статьи ДДС) by rules, and cash-desk operations outside the till. Both databases (as in 001).

import type { Kysely, CreateTableBuilder } from 'kysely';
import type { DialectKind } from '../connection';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function bank(dialect: DialectKind) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const withId = <T extends string>(t: CreateTableBuilder<T, any>) =>
    dialect === 'postgresql'
      ? t.addColumn('id', 'bigserial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  return {
    async up(db: AnyDb): Promise<void> {
      await withId(db.schema.createTable('budget_items'))
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        // 'inflow' | 'outflow'
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'bigint', (c) => c.references('budget_items.id'))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await withId(db.schema.createTable('budget_rules'))
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('budget_item_id', 'bigint', (c) => c.notNull().references('budget_items.id'))
        .addColumn('direction', 'text')
        .addColumn('partner_id', 'bigint', (c) => c.references('partners.id'))
        .addColumn('purpose_pattern', 'text')
        .addColumn('counterparty_tax_number', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('bank_accounts'))
        .addColumn('account', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('bank_statements'))
        .addColumn('file_hash', 'text', (c) => c.notNull().unique())
        .addColumn('file_name', 'text')
        .addColumn('format_version', 'text', (c) => c.notNull())
        .addColumn('bank_account_id', 'bigint', (c) => c.references('bank_accounts.id'))
        .addColumn('period_from', 'text')
        .addColumn('period_to', 'text')
        .addColumn('documents_total', 'integer', (c) => c.notNull())
        .addColumn('imported_count', 'integer', (c) => c.notNull())
        .addColumn('duplicate_count', 'integer', (c) => c.notNull())
        .addColumn('imported_by', 'bigint')
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('bank_operations'))
        .addColumn('statement_id', 'bigint', (c) => c.notNull().references('bank_statements.id'))
        .addColumn('bank_account_id', 'bigint', (c) => c.references('bank_accounts.id'))
        // The same payment in any file has the same key (date|number|amount|payer account|recipient account).
        .addColumn('dedup_key', 'text', (c) => c.notNull().unique())
        .addColumn('doc_kind', 'text', (c) => c.notNull())
        .addColumn('doc_number', 'text', (c) => c.notNull())
        .addColumn('doc_date', 'text', (c) => c.notNull())
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        // 'in' | 'out' | 'internal' | 'unknown'
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('counterparty_name', 'text')
        .addColumn('counterparty_tax_number', 'text')
        .addColumn('counterparty_account', 'text')
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('partner_id', 'bigint', (c) => c.references('partners.id'))
        .addColumn('budget_item_id', 'bigint', (c) => c.references('budget_items.id'))
        .addColumn('rule_id', 'bigint')
        // 'matched' (budget item known) | 'queued' (waits for the accountant)
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('assigned_at', 'text')
        .addColumn('assigned_by', 'bigint')
        .execute();
      await db.schema.createIndex('bank_operations_status').on('bank_operations').columns(['status', 'id']).execute();
      await db.schema.createIndex('bank_operations_date').on('bank_operations').column('date').execute();
      await db.schema.createIndex('bank_operations_partner').on('bank_operations').column('partner_id').execute();
      // Cash-desk money outside the till's receipts (rent paid in cash, a deposit to the bank...).
      await withId(db.schema.createTable('cash_operations'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint', (c) => c.notNull())
        .addColumn('budget_item_id', 'bigint', (c) => c.references('budget_items.id'))
        .addColumn('partner_id', 'bigint', (c) => c.references('partners.id'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('created_by', 'bigint')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cash_operations_date').on('cash_operations').column('date').execute();
    },
  };
}
