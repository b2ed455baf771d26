// What every migration shares: a schema-level Kysely handle, and the id column each dialect spells its own way.

import type { CreateTableBuilder, Kysely } from 'kysely';
import type { DialectKind } from '../connection';

// Migrations describe tables that the typed schema does not know yet.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

/** Adds the auto-increment primary key `id`: bigserial on PostgreSQL, INTEGER PRIMARY KEY AUTOINCREMENT on SQLite. */
export function idColumn(dialect: DialectKind) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return <T extends string>(t: CreateTableBuilder<T, any>) =>
    dialect === 'postgresql'
      ? t.addColumn('id', 'bigserial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
