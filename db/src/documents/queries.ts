// The statements a document's creation and posting run every time, prepared once per dialect (and per number of
// lines where that changes the SQL), so posting a receipt builds no queries.

import { param, preparedQuery } from '../connection';

export const documentByIdempotencyKey = preparedQuery((k) =>
  k.selectFrom('documents').select('id').where('idempotency_key', '=', param(0)),
);

export const firstCompany = preparedQuery((k) => k.selectFrom('companies').selectAll().orderBy('id').limit(1));

/** The facts posting needs of each item (`shape` = how many ids). */
export const itemFacts = preparedQuery((k, _kind, n) =>
  k
    .selectFrom('items')
    .innerJoin('vat_groups', 'vat_groups.id', 'items.vat_group_id')
    .select([
      'items.id',
      'vat_groups.rate',
      'items.costing',
      'items.standard_cost_minor',
      'items.produced',
      'items.code',
      'items.name',
    ])
    .where(
      'items.id',
      'in',
      Array.from({ length: n }, (_, i) => param(i)),
    ),
);

export const DOCUMENT_COLUMNS = [
  'company_id',
  'type',
  'series_code',
  'year',
  'number_seq',
  'number',
  'status',
  'date',
  'warehouse_id',
  'to_warehouse_id',
  'partner_id',
  'currency',
  'total_minor',
  'reason',
  'reverses_id',
  'reversed_by_id',
  'idempotency_key',
  'payload',
  'base_document_id',
  'created_by',
  'created_at',
  'posted_at',
  'version',
] as const;

/** Values in DOCUMENT_COLUMNS order. */
export const insertDocumentRow = preparedQuery((k) =>
  k
    .insertInto('documents')
    .values(Object.fromEntries(DOCUMENT_COLUMNS.map((c, i) => [c, param(i)])) as never)
    .returning('id'),
);

export const LINE_COLUMNS = [
  'document_id',
  'line_no',
  'item_id',
  'quantity',
  'price_minor',
  'discount_minor',
  'amount_minor',
  'vat_rate',
] as const;

/** `shape` lines, their values in LINE_COLUMNS order one line after another; returns each line's id. */
export const insertLineRows = preparedQuery((k, _kind, n) =>
  k
    .insertInto('document_lines')
    .values(
      Array.from(
        { length: n },
        (_, r) => Object.fromEntries(LINE_COLUMNS.map((c, i) => [c, param(r * LINE_COLUMNS.length + i)])) as never,
      ),
    )
    .returning(['id', 'line_no']),
);

/** Moves a document on: shape 1 also stamps posted_at (the 4th value). */
export const claimDocument = preparedQuery((k, _kind, stamp) =>
  k
    .updateTable('documents')
    .set(stamp ? { status: param(0), version: param(1), posted_at: param(3) } : { status: param(0), version: param(1) })
    .where('id', '=', param(2))
    .where('status', '=', param(4))
    .where('version', '=', param(5)),
);

export const allWarehouses = preparedQuery((k) =>
  k.selectFrom('warehouses').select(['id', 'negative_stock', 'is_transit', 'code']),
);
