// Opens the database DATABASE_URL names: unset → data/kasa.db, `sqlite:PATH` → that file, `postgres://…` → PostgreSQL.

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection } from 'kysely';
import type { Database } from './schema';

export type DialectKind = 'sqlite' | 'postgresql';

export interface Db {
  kysely: Kysely<Database>;
  kind: DialectKind;
  /** Where it lives, for logs: a file path or the PostgreSQL URL without password. */
  location: string;
  /** The raw SQLite handle (for backup and the benchmark baseline); null on PostgreSQL. */
  sqlite: BetterSqlite3.Database | null;
  close(): Promise<void>;
}

// int8 and numeric come back from pg as strings; our int8 columns hold minor units and thousandths, well inside 2^53.
pg.types.setTypeParser(20, (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`integer ${v} exceeds the safe range`);
  return n;
});

export function parseDatabaseUrl(url: string | undefined, cwd = process.cwd()): { kind: DialectKind; target: string } {
  if (!url) return { kind: 'sqlite', target: resolve(cwd, 'data/kasa.db') };
  if (url.startsWith('sqlite:')) return { kind: 'sqlite', target: resolve(cwd, url.slice('sqlite:'.length)) };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { kind: 'postgresql', target: url };
  throw new Error(`DATABASE_URL must be sqlite:PATH or postgres://…, got "${url}"`);
}

// SQLite writers take the write lock when the transaction begins (BEGIN IMMEDIATE), so a posting never fails
// half-way on a lock upgrade; another process waits up to busy_timeout.
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly cfg: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(cfg);
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.cfg);
  }
}

/**
 * better-sqlite3 compiles the SQL text on every prepare; Kysely prepares every query. Most of a posting's statements
 * repeat, so compiled statements are kept per SQL text (bounded, least recently used dropped first).
 */
function withStatementCache(sqlite: BetterSqlite3.Database, size = 500) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt && !stmt.busy) {
        cache.delete(sqlText);
        cache.set(sqlText, stmt);
        return stmt;
      }
      stmt = sqlite.prepare(sqlText);
      cache.set(sqlText, stmt);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
  };
}

// better-sqlite3 is synchronous: two handles on one file in one process would block each other's event loop.
// Within a process every opener of a file shares one handle; Kysely queues its transactions one after another.
const sqliteHandles = new Map<string, { db: Db; refs: number }>();

export function openDatabase(url: string | undefined = process.env.DATABASE_URL): Db {
  const { kind, target } = parseDatabaseUrl(url);
  if (kind === 'sqlite') {
    const shared = sqliteHandles.get(target);
    if (shared) {
      shared.refs++;
      return { ...shared.db, close: () => release(target) };
    }
    if (target !== ':memory:') mkdirSync(dirname(target), { recursive: true });
    const sqlite = new BetterSqlite3(target);
    sqlite.pragma('journal_mode = WAL');
    // FULL: a posted sale the till was told about survives a power cut (WAL + NORMAL may lose the last commits).
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // SQLite's lower() folds ASCII only; names in Latvian, Czech, Hungarian and Russian need Unicode case folding.
    sqlite.function('unicode_lower', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLowerCase() : s));
    const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
    const db: Db = { kysely, kind, location: target, sqlite, close: () => release(target) };
    sqliteHandles.set(target, { db, refs: 1 });
    return db;
  }
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, kind, location: target.replace(/:[^:@/]*@/, ':***@'), sqlite: null, close: () => kysely.destroy() };
}

async function release(target: string): Promise<void> {
  const h = sqliteHandles.get(target);
  if (!h) return;
  if (--h.refs > 0) return;
  sqliteHandles.delete(target);
  await h.db.kysely.destroy();
}
