// 009: supplier contract prices — the net purchase price agreed with a supplier for an item over a period (valid_to
// inclusive, open-ended when null). Purchase price control holds a receiving's price against the contract price
// valid on the receiving's date before the supplier's last price. Both databases.

import { idColumn, type AnyDb } from './ddl';
import type { DialectKind } from '../connection';

export function contractPrices(dialect: DialectKind) {
  return {
    async up(db: AnyDb): Promise<void> {
      await idColumn(dialect)(db.schema.createTable('contract_prices'))
        .addColumn('partner_id', 'bigint', (c) => c.notNull().references('partners.id'))
        .addColumn('item_id', 'bigint', (c) => c.notNull().references('items.id'))
        // Net of VAT, minor units of `currency`, as receiving lines carry it.
        .addColumn('price_minor', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text')
        .addColumn('created_by', 'bigint')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('contract_prices_partner_item').on('contract_prices').columns(['partner_id', 'item_id', 'valid_from']).execute();
    },
    async down(db: AnyDb): Promise<void> {
      await db.schema.dropTable('contract_prices').execute();
    },
  };
}
