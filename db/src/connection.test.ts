// PostgreSQL ends the store server's idle connections (a restart, a failover, an administrator): the server carries on
// and its next query opens a new connection, instead of the process dying on an unheard pool error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { openDatabase } from './connection';
import { testDatabase } from './testing';

test('idle PostgreSQL connections ended by the server do not take the process down', async () => {
  const t = await testDatabase('postgresql');
  const db = openDatabase(t.url);
  try {
    // Two queries at once: two connections in the pool, idle afterwards.
    await Promise.all([db.kysely.selectFrom('companies').selectAll().execute(), db.kysely.selectFrom('items').selectAll().execute()]);
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    const ended = await admin.query('SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    await admin.end();
    assert.ok(ended.rows.length >= 2, 'the idle connections were ended');
    await new Promise((r) => setTimeout(r, 200));
    const rows = await db.kysely.selectFrom('companies').select('id').execute();
    assert.deepEqual(rows, []);
  } finally {
    await db.close();
    await t.drop();
  }
});
