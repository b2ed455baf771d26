// The order path's statements, built with Kysely once per database kind and shape and then run with each call's
// values. Building and compiling a query costs Kysely about as much as SQLite takes to run it; an order runs a dozen.

import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { runCompiled, type Database, type DialectKind } from '@kasa/db';

/** Stands in for the value of argument `index` while the statement is built (Kysely keeps it as a parameter). */
class Slot {
  constructor(readonly index: number) {}
}

/**
 * `build` gets a query builder, `$(i)` for the i-th argument, the shape (what changes the SQL text itself, such as
 * the number of rows or of values in an IN list) and the database kind; every per-call value must go through `$`.
 * The compiled query is kept per kind and shape; each call swaps the slots for its arguments.
 */
export function prepared<R, S extends string | number = 0>(
  build: (q: Kysely<Database>, $: (index: number) => never, shape: S, kind: DialectKind) => Compilable<R>,
) {
  const compiled = new Map<string, CompiledQuery<R>>();
  const slot = (index: number) => new Slot(index) as never;
  return async (q: Kysely<Database>, kind: DialectKind, args: readonly unknown[], shape = 0 as S): Promise<R[]> => {
    const key = `${kind}/${shape}`;
    let c = compiled.get(key);
    if (!c) compiled.set(key, (c = build(q, slot, shape, kind).compile()));
    const parameters = c.parameters.map((p) => (p instanceof Slot ? args[p.index] : p));
    return (await runCompiled<R>(q, kind, c.sql, parameters)).rows;
  };
}

/** `$(from)`, `$(from + 1)` … for a list of `n` values (an IN list, or rows of `width` values each). */
export function slots($: (index: number) => never, from: number, n: number): never[] {
  return Array.from({ length: n }, (_, i) => $(from + i));
}

/** `n` rows of `columns` for a multi-row INSERT, every value a slot, row after row from `$(0)`. */
export function rowsOf<C extends string>(
  $: (index: number) => never,
  columns: readonly C[],
  n: number,
): Array<Record<C, never>> {
  return Array.from({ length: n }, (_, r) => {
    const v = slots($, r * columns.length, columns.length);
    return Object.fromEntries(columns.map((c, i) => [c, v[i]])) as Record<C, never>;
  });
}
