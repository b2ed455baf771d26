// A shop owner's first hour with `kasa` on a fresh SQLite file: create the schema, fill the demo shop (once only),
// add a cashier, export for the accountant's 1C, take a backup and restore it. Runs the real command line.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@kasa/db';
import { testDatabase } from '@kasa/db/testing';
import { loginWithPin } from '../auth/users';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function kasa(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'backoffice/src/cli/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, KASA_LANGUAGE: 'en', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function pinGroup(url: string, pin: string): Promise<string | null> {
  const db = openDatabase(url);
  try {
    return (await loginWithPin(db, pin)).group;
  } catch {
    return null;
  } finally {
    await db.close();
  }
}

test('kasa: migrate, demo once, user add, export-1c, backup and restore on a fresh SQLite file', { timeout: 240_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-cli-'));
  const url = `sqlite:${join(dir, 'data', 'kasa.db')}`;
  const env = { DATABASE_URL: url };
  try {
    const help = await kasa(env, '--help');
    assert.equal(help.code, 0);
    for (const c of ['migrate', 'demo', 'user add', 'backup FILE', 'restore FILE', 'export-1c', 'import-bank FILE']) assert.ok(help.stdout.includes(`  ${c}`), c);

    const migrated = await kasa(env, 'migrate');
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /applied 001-initial/);
    assert.ok(existsSync(join(dir, 'data', 'kasa.db')), 'the data directory is created');

    const demo = await kasa(env, 'demo');
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /Demo shop "Kasa Demo SIA" created: \d{3} goods/);
    const again = await kasa(env, 'demo');
    assert.equal(again.code, 1);
    assert.equal(again.stderr.trim().split('\n').length, 1, 'one clear line');
    assert.match(again.stderr, /already has a company \("Kasa Demo SIA"\)/);

    const added = await kasa(env, 'user', 'add', '--username', 'marta', '--name', 'Marta Liepa', '--group', 'cashier', '--pin', '3333', '--language', 'lv');
    assert.equal(added.code, 0, added.stderr);
    assert.equal(await pinGroup(url, '3333'), 'cashier');
    const twice = await kasa(env, 'user', 'add', '--username', 'marta', '--name', 'Marta', '--group', 'cashier', '--pin', '4444');
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /^kasa: .*marta/);
    const noName = await kasa(env, 'user', 'add', '--username', 'x', '--group', 'cashier', '--pin', '5555');
    assert.equal(noName.code, 1);
    assert.match(noName.stderr, /option --name is required/);

    const out = join(dir, 'out');
    const exported = await kasa(env, 'export-1c', '--from', '2026-01-01', '--to', '2026-12-31', '--out', out, '--json');
    assert.equal(exported.code, 0, exported.stderr);
    const summary = JSON.parse(exported.stdout.trim()) as { files: string[]; goods: number; offers: number; documents: number };
    assert.deepEqual(summary.files, [join(out, 'import.xml'), join(out, 'offers.xml'), join(out, 'documents.xml')]);
    assert.ok(summary.goods >= 100 && summary.offers >= summary.goods * 0.9 && summary.documents >= 30, exported.stdout);
    const goods = readFileSync(join(out, 'import.xml'), 'utf8').match(/<Товар><Ид>[^<]+<\/Ид>.*?<Наименование>[^<]+<\/Наименование>/g) ?? [];
    assert.equal(goods.length, summary.goods);

    const backup = join(dir, 'backups', 'monday.db');
    const saved = await kasa(env, 'backup', backup);
    assert.equal(saved.code, 0, saved.stderr);
    assert.ok(existsSync(backup) && !existsSync(`${backup}-wal`), 'one self-contained file');
    // After the backup a cashier is added by mistake; restoring Monday's backup takes it away, Marta stays.
    assert.equal((await kasa(env, 'user', 'add', '--username', 'late', '--name', 'Late', '--group', 'cashier', '--pin', '7777')).code, 0);
    assert.equal(await pinGroup(url, '7777'), 'cashier');
    const restored = await kasa(env, 'restore', backup);
    assert.equal(restored.code, 0, restored.stderr);
    assert.equal(await pinGroup(url, '7777'), null);
    assert.equal(await pinGroup(url, '3333'), 'cashier');
    assert.ok(readdirSync(join(dir, 'data')).some((f) => f.startsWith('kasa.db.before-restore-')), 'the replaced database is kept');

    writeFileSync(join(dir, 'notes.db'), 'not a database');
    const junk = await kasa(env, 'restore', join(dir, 'notes.db'));
    assert.equal(junk.code, 1);
    assert.match(junk.stderr, /is not a Kasa database/);

    const pgBackup = await kasa({ DATABASE_URL: 'postgres://kasa@127.0.0.1:1/none' }, 'backup', join(dir, 'pg.dump'));
    assert.equal(pgBackup.code, 1);
    assert.match(pgBackup.stderr, /pg_dump/);

    const unknown = await kasa(env, 'frobnicate');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Unknown command "frobnicate"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('kasa on PostgreSQL: demo, export-1c, and backup points to pg_dump', { timeout: 180_000 }, async () => {
  const db = await testDatabase('postgresql');
  await db.close();
  const dir = mkdtempSync(join(tmpdir(), 'kasa-cli-pg-'));
  const env = { DATABASE_URL: db.url };
  try {
    const demo = await kasa(env, 'demo');
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /is up to date[\s\S]*Demo shop "Kasa Demo SIA" created/);
    const exported = await kasa(env, 'export-1c', '--from', '2026-01-01', '--to', '2026-12-31', '--out', dir, '--json');
    assert.equal(exported.code, 0, exported.stderr);
    const summary = JSON.parse(exported.stdout.trim()) as { goods: number; offers: number; documents: number };
    assert.ok(summary.goods >= 100 && summary.offers >= summary.goods * 0.9, exported.stdout);
    const backup = await kasa(env, 'backup', join(dir, 'x.db'));
    assert.equal(backup.code, 1);
    assert.match(backup.stderr, /pg_dump/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
});
