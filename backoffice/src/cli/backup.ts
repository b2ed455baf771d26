// Backup and restore of a SQLite database. A backup is SQLite's online backup of the open database, consistent even
// while the store server writes; a restore checks the file is a Kasa database this code can run, keeps the current
// file aside, and moves the copy in place while no other process has the database open.

import { existsSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DomainError } from '@kasa/domain';
import { migrationsFor, type Db } from '@kasa/db';

export async function backupDatabase(db: Db, file: string): Promise<{ file: string; bytes: number }> {
  if (!db.sqlite) throw new DomainError('cli.backup_postgresql', {}, 400);
  if (existsSync(file)) throw new DomainError('cli.file_exists', { file }, 409);
  mkdirSync(dirname(file), { recursive: true });
  await db.sqlite.backup(file);
  // A backup is one self-contained file: no WAL beside it.
  const copy = new BetterSqlite3(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return { file, bytes: statSync(file).size };
}

/** Other processes that hold the database (or its WAL files) open; Linux /proc only, elsewhere none are seen. */
export function processesUsing(path: string): number[] {
  if (!existsSync('/proc/self/fd')) return [];
  const targets = new Set([path, `${path}-wal`, `${path}-shm`]);
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (targets.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) {
          pids.push(Number(entry));
          break;
        }
      } catch {
        // the descriptor closed meanwhile
      }
    }
  }
  return pids;
}

/** Migration names this code knows; they are the same for both dialects. */
const knownMigrations = () => new Set(Object.keys(migrationsFor({ kind: 'sqlite' } as Db)));

/** Checks `file` is a Kasa database whose migrations this code knows. */
export function checkKasaDatabase(file: string): { migrations: string[]; companies: number } {
  if (!existsSync(file)) throw new DomainError('cli.file_missing', { file }, 404);
  let src: BetterSqlite3.Database;
  try {
    src = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new DomainError('cli.restore_not_kasa', { file, reason: (e as Error).message }, 400);
  }
  try {
    let tables: string[];
    try {
      tables = (src.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    } catch (e) {
      throw new DomainError('cli.restore_not_kasa', { file, reason: (e as Error).message }, 400);
    }
    const missing = ['kysely_migration', 'companies', 'items', 'documents'].filter((t) => !tables.includes(t));
    if (missing.length) throw new DomainError('cli.restore_not_kasa', { file, reason: `no table ${missing.join(', ')}` }, 400);
    const check = src.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DomainError('cli.restore_not_kasa', { file, reason: `quick_check: ${String(check)}` }, 400);
    const migrations = (src.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map((m) => m.name);
    const known = knownMigrations();
    const unknown = migrations.filter((m) => !known.has(m));
    if (unknown.length) throw new DomainError('cli.restore_newer', { file, migrations: unknown.join(', ') }, 409);
    const companies = Number((src.prepare('select count(*) as n from companies').get() as { n: number }).n);
    return { migrations, companies };
  } finally {
    src.close();
  }
}

/**
 * Replaces the SQLite database file `target` with a consistent copy of `file`; the old file (with its WAL) is kept
 * as `<target>.before-restore-<time>`.
 */
export async function restoreDatabase(target: string, file: string): Promise<{ keptAs: string | null; migrations: string[]; companies: number }> {
  const info = checkKasaDatabase(file);
  const users = processesUsing(target);
  if (users.length) throw new DomainError('cli.database_in_use', { location: target, pids: users.join(', ') }, 409);
  mkdirSync(dirname(target), { recursive: true });
  // Copy through SQLite's backup API (the file may itself have a WAL beside it), then swap with one rename.
  const staging = join(dirname(target), `.${basename(target)}.restoring-${process.pid}`);
  rmSync(staging, { force: true });
  const src = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    await src.backup(staging);
  } finally {
    src.close();
  }
  let keptAs: string | null = null;
  if (existsSync(target)) {
    keptAs = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(target, keptAs);
    // Commits not yet checkpointed live in the WAL: it goes with the kept file.
    if (existsSync(`${target}-wal`)) renameSync(`${target}-wal`, `${keptAs}-wal`);
  }
  for (const side of [`${target}-wal`, `${target}-shm`]) rmSync(side, { force: true });
  renameSync(staging, target);
  return { keptAs, ...info };
}
