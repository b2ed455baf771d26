// A bridge killed with SIGKILL in the middle of a fiscal receipt, then restarted: the receipt is in the register's
// journal exactly once and the job ends done — the restarted bridge asks the register instead of resending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openPtyPair } from '../transports/pty-pair';
import { serveOnSerial } from '../emulators/host';
import { emulatorCatalog } from '../emulators/catalog';
import { createShtrihEmulator, type ShtrihEmulator } from '../drivers/fiscal';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));
const token = 'crash-test-token-0123456789';

function startChild(configFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--config', configFile, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`bridge did not start: ${out}`)), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /bridge on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res({ child, url: m[1]! });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`bridge exited ${code}: ${out}`));
    });
  });
}

test('kill -9 during a fiscal receipt, restart: one document in the journal, job done', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-crash-'));
  const pair = await openPtyPair();
  let emulator: ShtrihEmulator | undefined;
  // The register (emulator) lives in this process, on the device end of the line, and outlives the bridge.
  const served = await serveOnSerial(
    {
      ...emulatorCatalog.shtrih!,
      create: (send, opts) => {
        emulator = createShtrihEmulator({ send, stateFile: opts.stateFile! });
        return { emulator, view: {} };
      },
    },
    pair.devicePath,
    { stateFile: join(dir, 'kkt.json') },
  );
  const configFile = join(dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      host: '127.0.0.1',
      port: 0,
      token,
      allowedOrigins: [],
      dbFile: join(dir, 'bridge.db'),
      devices: [{ id: 'kkt', kind: 'shtrih', name: 'Fiscal register', transport: { type: 'serial', path: pair.hostPath, baudRate: 115200 } }],
    }),
  );
  const headers = { 'x-bridge-token': token, 'content-type': 'application/json' };
  let child: ChildProcess | undefined;
  try {
    let started = await startChild(configFile);
    child = started.child;
    const shift = await fetch(`${started.url}/api/fiscal/open-shift`, { method: 'POST', headers, body: JSON.stringify({ key: 'shift-1' }) });
    assert.equal(shift.status, 200);
    const before = emulator!.state.journal.length; // 1: the shift opening

    // Milk 2 × 1.19 = 2.38, paid 5.00 cash. Kill the bridge the moment the register has stored the sale.
    const stored = new Promise<void>((res) => {
      const t = setInterval(() => {
        if (emulator!.state.journal.length > before) {
          clearInterval(t);
          child!.kill('SIGKILL');
          res();
        }
      }, 1);
    });
    const sale = { key: 'sale-0001', receipt: { lines: [{ name: 'Milk', quantity: '2', priceMinor: 119 }], payments: { cash: 500 } } };
    await fetch(`${started.url}/api/fiscal/receipt?wait=0`, { method: 'POST', headers, body: JSON.stringify(sale) });
    await stored;
    await new Promise((r) => child!.once('exit', r));

    started = await startChild(configFile);
    child = started.child;
    const again = await fetch(`${started.url}/api/fiscal/receipt`, { method: 'POST', headers, body: JSON.stringify(sale) });
    const { job } = (await again.json()) as { job: { state: string; key: string } };
    assert.equal(job.state, 'done');
    const sales = emulator!.state.journal.filter((e) => e.type === 'sale');
    assert.equal(sales.length, 1);
    assert.equal(sales[0]!.payments?.[0], 500);
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    await served.close();
    await pair.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
