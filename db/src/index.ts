// The data layer: connections, migrations, the document engine and the stock ledger over Kysely.
export * from './schema';
export * from './connection';
export * from './migrations/index';
export * from './series/allocate';
export * from './audit/audit';
export * from './ledger/stock-ledger';
export * from './documents/engine';
export * from './catalogue/items';
export * from './catalogue/contract-prices';
export * from './fixtures/minimal-company';
export * from './production/recipes';
export * from './production/production';
export * from './production/cutting';
export * from './production/sale-consumption';
export * from './production/marking';
export * from './reports/index';
