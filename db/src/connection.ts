// Opens the database DATABASE_URL names: unset → data/kasa.db, `sqlite:PATH` → that file, `postgres://…` → PostgreSQL.

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type DatabaseConnection,
  type QueryResult,
} from 'kysely';
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
    prepare(sqlText: string): BetterSqlite3.Statement {
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
    const statements = withStatementCache(sqlite);
    const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: statements }) });
    SQLITE_BY_ADAPTER.set(kysely.getExecutor().adapter, statements);
    const db: Db = { kysely, kind, location: target, sqlite, close: () => release(target) };
    sqliteHandles.set(target, { db, refs: 1 });
    return db;
  }
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  // An idle connection the server ends (a restart, a failover, an administrator) is an 'error' event on the pool; left
  // unheard it would crash the process. The pool drops that client and opens a new one for the next query.
  pool.on('error', () => {});
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

/** A value given when a prepared query runs: `param(0)` is the first of the values it runs with. */
class Slot {
  constructor(readonly index: number) {}
}

/** Placeholder for the value at `index`; typed `never` so it fits wherever the query builder expects a value. */
export const param = (index: number): never => new Slot(index) as never;

// Kysely instances that only compile (no connection), one per dialect.
const compilers: Record<DialectKind, Kysely<Database>> = {
  sqlite: new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new SqliteIntrospector(k),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }),
  postgresql: new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  }),
};

interface Compiled {
  sql: string;
  /** Per parameter: the index of the value it takes, or -1 for a constant written into the query. */
  slots: number[];
  constants: readonly unknown[];
}

/** The statement cache of each SQLite connection, found from a Kysely executor's adapter (shared by its transactions). */
const SQLITE_BY_ADAPTER = new WeakMap<object, ReturnType<typeof withStatementCache>>();

/**
 * Runs SQL compiled once for the executor's dialect with this call's values. Inside a transaction on SQLite the
 * connection is that transaction's alone (Kysely holds it until commit), so the statement runs straight on
 * better-sqlite3, as Kysely's driver would, without its per-query machinery; elsewhere it goes through Kysely.
 */
export function runCompiled<Row>(executor: Kysely<Database>, kind: DialectKind, sql: string, params: readonly unknown[]): Promise<QueryResult<Row>> {
  const direct = executor.isTransaction && kind === 'sqlite' ? SQLITE_BY_ADAPTER.get(executor.getExecutor().adapter) : undefined;
  if (!direct) return executor.executeQuery<Row>(CompiledQuery.raw(sql, params as unknown[]));
  try {
    const stmt = direct.prepare(sql);
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(params) as Row[] });
    const r = stmt.run(params);
    return Promise.resolve({ rows: [], numAffectedRows: BigInt(r.changes), insertId: BigInt(r.lastInsertRowid) });
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * A query of the hot paths (posting a sale) built with Kysely once per dialect and shape, then run with values:
 * building and compiling a query costs more than SQLite takes to run it. `shape` is whatever changes the SQL text
 * besides values (the number of rows of a multi-row insert, of an `in` list); the builder places `param(i)` where the
 * i-th value goes. Runs on a Kysely instance or a transaction (so it joins the caller's transaction) and compiles for
 * that executor's dialect.
 */
export function preparedQuery<Row>(build: (k: Kysely<Database>, kind: DialectKind, shape: number) => Compilable<Row>) {
  const cache = new Map<number, Compiled>();
  return (executor: Kysely<Database>, values: readonly unknown[], shape = 0): Promise<QueryResult<Row>> => {
    const kind = dialectOf(executor);
    const key = kind === 'sqlite' ? shape : -1 - shape;
    let c = cache.get(key);
    if (!c) {
      const q = build(compilers[kind], kind, shape).compile();
      c = { sql: q.sql, slots: q.parameters.map((p) => (p instanceof Slot ? p.index : -1)), constants: q.parameters };
      // Shapes follow document sizes; keep the most recent ones.
      if (cache.size >= 200) cache.delete(cache.keys().next().value as number);
      cache.set(key, c);
    }
    const params = new Array<unknown>(c.slots.length);
    for (let i = 0; i < params.length; i++) {
      const slot = c.slots[i]!;
      params[i] = slot >= 0 ? values[slot] : c.constants[i];
    }
    return runCompiled<Row>(executor, kind, c.sql, params);
  };
}

/** The dialect an executor (a Kysely instance or a transaction) speaks, from its adapter. */
export function dialectOf(executor: Kysely<Database>): DialectKind {
  return executor.getExecutor().adapter instanceof PostgresAdapter ? 'postgresql' : 'sqlite';
}
