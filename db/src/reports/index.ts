// Stock reports over the ledger, written once for SQLite and PostgreSQL: keyset pages, async streams, and the
// CSV and XLSX writers the store server sends them with.
export * from './paging';
export * from './stock-balance';
export * from './turnover';
export * from './item-movements';
export * from './purchase-prices';
export * from './export/csv';
export * from './export/xlsx';
