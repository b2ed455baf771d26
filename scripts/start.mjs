#!/usr/bin/env node
// `npm start`: the whole system on one machine — the store server on :3000 (embedded SQLite at data/kasa.db unless
// DATABASE_URL says otherwise; demo data on first start), and the device bridge on 127.0.0.1:7070 with every device
// emulated, serving the till UI. Builds both UIs first when their build is missing or older than their sources.
//   npm start -- --no-demo      start on an empty database
//   npm start -- --no-bridge    the store server only
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrograms } from './system-programs.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const demo = !args.includes('--no-demo');
const bridge = !args.includes('--no-bridge');
// --dev (npm run dev): the same system with the server restarting on changes and both UIs from Vite with hot reload.
const dev = args.includes('--dev');

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'dist-types') continue;
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

function buildIfStale(label, srcDirs, distIndex, cmd, cmdArgs) {
  const built = existsSync(distIndex) ? statSync(distIndex).mtimeMs : 0;
  if (built && srcDirs.every((d) => newest(d) <= built)) return;
  console.log(`== building the ${label}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`building the ${label} failed`);
    process.exit(1);
  }
}

export function buildUis() {
  buildIfStale('till UI', [join(root, 'pos-terminal/src'), join(root, 'pos-terminal/index.html')], join(root, 'pos-terminal/dist/index.html'), 'npm', ['run', '-s', 'build', '-w', '@kasa/pos-terminal']);
  buildIfStale('back-office UI', [join(root, 'backoffice/ui/src'), join(root, 'backoffice/ui/index.html')], join(root, 'backoffice/ui/dist/index.html'), 'npx', ['vite', 'build', '--config', 'backoffice/ui/vite.config.ts']);
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  if (bridge) ensurePrograms(['socat']);
  if (!dev) buildUis();
  const children = [];
  const run = (name, file, extraArgs, env, command) => {
    const child = command
      ? spawn(command[0], command.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
      : spawn(process.execPath, [...(dev ? ['--watch'] : []), '--import', 'tsx', file, ...extraArgs], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`${name} stopped (${signal ?? code}); stopping everything`);
      stop(code ?? 1);
    });
    children.push(child);
  };
  let stopping = false;
  const stop = (code = 0) => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill('SIGTERM');
    setTimeout(() => process.exit(code), 1500).unref();
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));

  run('store server', 'backoffice/src/server/main.ts', [], { KASA_DEMO: demo ? '1' : '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  if (bridge) run('device bridge', 'device-bridge/src/main.ts', ['--emulate'], {});
  if (dev) {
    run('back-office UI (vite)', '', [], {}, ['npx', 'vite', '--config', 'backoffice/ui/vite.config.ts', '--port', '5173', '--strictPort']);
    run('till UI (vite)', '', [], {}, ['npm', 'run', '-s', 'dev', '-w', '@kasa/pos-terminal', '--', '--port', '5174', '--strictPort']);
    setTimeout(() => console.log('\n  Hot reload: back office http://localhost:5173/  till http://localhost:5174/\n'), 5000).unref();
  }
  // The logins are printed once the store server answers, so they are the last thing on screen.
  const port = Number(process.env.PORT ?? 3000);
  const started = Date.now();
  const announce = async () => {
    if (stopping) return;
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false);
    if (!ok) {
      if (Date.now() - started < 120_000) setTimeout(announce, 500);
      return;
    }
    console.log(`
  Back office      http://localhost:${port}/            admin / admin, manager / manager
  Warehouse UI     http://localhost:${port}/terminal    storekeeper / storekeeper
  API docs         http://localhost:${port}/docs
  Shop API docs    http://localhost:${port}/api/shop/v1/docs   demo shop key: kasa_demo_shopkey0000000000000000
${bridge ? `  Till             http://127.0.0.1:7070/            cashier PIN 1111, senior cashier PIN 2222
  Emulated devices http://127.0.0.1:7070/emulators
` : ''}`);
  };
  setTimeout(announce, 1000);
}
