// The statements a document's creation and posting run every time, prepared once per dialect (and per number of
// lines where that changes the SQL), so posting a receipt builds no queries.

import type { Kysely } from 'kysely';
import { param, preparedQuery } from '../connection';
import type { Database } from '../schema';

export const documentByIdempotencyKey = preparedQuery((k) =>
  k.selectFrom('documents').select('id').where('idempotency_key', '=', param(0)),
);

// No LIMIT: a shop has one company, and SQLite runs a bound LIMIT several times slower here.
export const firstCompany = preparedQuery((k) => k.selectFrom('companies').selectAll().orderBy('id'));

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

/**
 * Values in DOCUMENT_COLUMNS order. The new id: PostgreSQL returns it; on SQLite it is the insert's rowid
 * (RETURNING costs SQLite more than the insert itself).
 */
const documentInsert = preparedQuery((k, kind) => {
  const q = k.insertInto('documents').values(Object.fromEntries(DOCUMENT_COLUMNS.map((c, i) => [c, param(i)])) as never);
  return kind === 'postgresql' ? q.returning('id') : q;
});

export async function insertDocumentRow(trx: Kysely<Database>, values: unknown[]): Promise<number> {
  const r = await documentInsert(trx, values);
  return Number((r.rows[0] as { id?: number } | undefined)?.id ?? r.insertId);
}

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

const linesInsert = preparedQuery((k, kind, n) => {
  const q = k
    .insertInto('document_lines')
    .values(
      Array.from(
        { length: n },
        (_, r) => Object.fromEntries(LINE_COLUMNS.map((c, i) => [c, param(r * LINE_COLUMNS.length + i)])) as never,
      ),
    );
  return kind === 'postgresql' ? q.returning(['id', 'line_no']) : q;
});

/**
 * `n` lines, their values in LINE_COLUMNS order one line after another; returns their ids in the given order.
 * PostgreSQL returns them (in no promised order, so each is placed by its line number, which must be the row's
 * position counted from `firstLineNo`). SQLite gives a row without an id the largest rowid plus one, row after row,
 * and the transaction holds the write lock, so the ids are the consecutive ones ending at the insert's last rowid.
 */
export async function insertLineRows(trx: Kysely<Database>, values: unknown[], n: number, firstLineNo: number): Promise<number[]> {
  const r = await linesInsert(trx, values, n);
  const ids = new Array<number>(n);
  if (r.rows.length) for (const row of r.rows as unknown as Array<{ id: number; line_no: number }>) ids[row.line_no - firstLineNo] = Number(row.id);
  else for (let i = 0; i < n; i++) ids[i] = Number(r.insertId) - n + 1 + i;
  return ids;
}

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
