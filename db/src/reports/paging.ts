// Keyset pages and streams shared by every report: a page is a few hundred rows after an opaque cursor; a stream
// walks the pages one at a time so a million-row report never sits in memory.

import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { DomainError } from '@kasa/domain';

export interface Page<T> {
  rows: T[];
  /** Cursor of the next page, or null after the last one. */
  next: string | null;
}

export const DEFAULT_PAGE_SIZE = 500;
export const MAX_PAGE_SIZE = 5000;

export function encodeCursor(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The key values in a cursor; a cursor that is not ours is a 400 naming the field. */
export function decodeCursor(cursor: string | null | undefined, length: number): Array<string | number> | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v as Array<string | number>;
  } catch {
    // fall through to the error below
  }
  throw new DomainError('validation.after', { field: 'after', detail: 'not a page cursor of this report' }, 400);
}

export function pageSize(limit: number | undefined): number {
  return Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(limit ?? DEFAULT_PAGE_SIZE)));
}

/** `(c1, c2, …) > (v1, v2, …)` spelled out as OR-chains, which both SQLite and PostgreSQL plan on an index. */
export function keysetAfter(columns: string[], values: ReadonlyArray<string | number>): RawBuilder<SqlBool> {
  const alternatives = columns.map((c, i) =>
    sql.join([...columns.slice(0, i).map((p, j) => sql`${sql.ref(p)} = ${values[j]}`), sql`${sql.ref(c)} > ${values[i]}`], sql` and `),
  );
  return sql<SqlBool>`(${sql.join(alternatives.map((a) => sql`(${a})`), sql` or `)})`;
}

/** Walks a paged report from the first page to the last. */
export async function* streamPages<T>(page: (after: string | null) => Promise<Page<T>>): AsyncGenerator<T> {
  let after: string | null = null;
  do {
    const p: Page<T> = await page(after);
    for (const row of p.rows) yield row;
    after = p.next;
  } while (after);
}

/** Ledger thousandths as the decimal string with 3 places the reports print: -1500 → "-1.500". */
export function milliToDecimal(milli: number | bigint | string): string {
  const n = BigInt(milli);
  const abs = n < 0n ? -n : n;
  return `${n < 0n ? '-' : ''}${abs / 1000n}.${(abs % 1000n).toString().padStart(3, '0')}`;
}

/** A SUM from either database (PostgreSQL returns bigint/numeric sums as strings) as a number. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
