// The pure domain core: money, VAT, barcodes, number series, documents and ledger rules. No I/O.
export * from './errors/domain-error';
export * from './money/currency';
export * from './money/decimal';
export * from './money/money';
export * from './money/quantity';
export * from './money/cash-rounding';
export * from './vat/rates';
export * from './vat/receipt-totals';
export * from './barcodes/ean';
export * from './series/document-number';
export * from './documents/document';
export * from './ledger/costing';
export * from './documents/movements';
export * from './marking/gs1';
export * from './production/recipe';
export * from './production/cutting';
export * from './production/messages';
