// Allocates the next number of a series inside the caller's transaction: the row update serialises concurrent
// callers, and a rollback returns the number, so numbers have no gaps and no duplicates.

import { sql, type Transaction } from 'kysely';
import { formatDocumentNumber } from '@kasa/domain';
import type { Database } from '../schema';
import { param, preparedQuery } from '../connection';

// Every new document takes a number: built once per dialect.
const takeNext = preparedQuery((k) =>
  k
    .updateTable('number_series')
    .set({ next_number: sql`next_number + 1` })
    .where('code', '=', param(0))
    .where('year', '=', param(1))
    .returning(['next_number', 'format']),
);

export interface AllocatedNumber {
  seriesCode: string;
  year: number;
  seq: number;
  number: string;
}

export const DEFAULT_SERIES_FORMAT = '{code}-{yyyy}-{n:6}';

export async function allocateNumber(trx: Transaction<Database>, seriesCode: string, year: number, docType: string): Promise<AllocatedNumber> {
  let row = (await takeNext(trx, [seriesCode, year])).rows[0];
  if (!row) {
    // A new year of an existing series starts at 1 with the series' format.
    const template = await trx
      .selectFrom('number_series')
      .select(['doc_type', 'format'])
      .where('code', '=', seriesCode)
      .orderBy('year', 'desc')
      .executeTakeFirst();
    await trx
      .insertInto('number_series')
      .values({ code: seriesCode, doc_type: template?.doc_type ?? docType, year, next_number: 1, format: template?.format ?? DEFAULT_SERIES_FORMAT })
      .onConflict((oc) => oc.columns(['code', 'year']).doNothing())
      .execute();
    row = await trx
      .updateTable('number_series')
      .set({ next_number: sql`next_number + 1` })
      .where('code', '=', seriesCode)
      .where('year', '=', year)
      .returning(['next_number', 'format'])
      .executeTakeFirstOrThrow();
  }
  const seq = Number(row.next_number) - 1;
  return { seriesCode, year, seq, number: formatDocumentNumber(row.format, { code: seriesCode, year, number: seq }) };
}
