// The bridge service end to end: token and body checks, a receipt printed through REST to the ESC/POS emulator over
// a pty, a scan from the emulator console arriving as a socket.io event, and the /emulators page in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { io as connect } from 'socket.io-client';
import { chromium } from 'playwright-core';
import { startBridge } from './bridge';

async function withBridge(fn: (b: Awaited<ReturnType<typeof startBridge>>) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bridge-'));
  const bridge = await startBridge({
    configFile: join(dir, 'config.json'),
    emulate: true,
    emulatorKinds: ['escpos', 'scanner'],
    port: 0,
    quiet: true,
    tillDist: join(dir, 'no-till-build'),
    tillDataDir: join(dir, 'till'),
  });
  try {
    await fn(bridge);
  } finally {
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('REST needs the token and rejects malformed bodies with a code', { timeout: 20_000 }, async () => {
  await withBridge(async ({ url, token }) => {
    const none = await fetch(`${url}/api/devices`);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'auth.token');
    const wrong = await fetch(`${url}/api/devices`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
    const ok = await fetch(`${url}/api/devices`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);

    const bad = await fetch(`${url}/api/print/receipt`, {
      method: 'POST',
      headers: { 'x-bridge-token': token, 'content-type': 'application/json', 'accept-language': 'ru,en;q=0.5' },
      body: JSON.stringify({ key: 'r-1', receipt: { lines: 'not a list' } }),
    });
    assert.equal(bad.status, 400);
    const body = (await bad.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'request.invalid');
    assert.match(body.error.message, /^Неверный запрос/);

    const notJson = await fetch(`${url}/api/fiscal/cash-in`, { method: 'POST', headers: { 'x-bridge-token': token, 'content-type': 'application/json' }, body: '{"key":' });
    assert.equal(notJson.status, 400);

    const foreign = await fetch(`${url}/api/devices`, { headers: { 'x-bridge-token': token, origin: 'http://example.test' } });
    assert.equal(foreign.status, 403);
  });
});

test('a receipt posted to the bridge comes out of the ESC/POS emulator once, even when posted twice', { timeout: 20_000 }, async () => {
  await withBridge(async ({ url, token, emulators }) => {
    const post = () =>
      fetch(`${url}/api/print/receipt`, {
        method: 'POST',
        headers: { 'x-bridge-token': token, 'content-type': 'application/json' },
        body: JSON.stringify({ key: 'sale-000123', receipt: { lines: [{ text: 'KASA SHOP', align: 'center', bold: true }, 'Milk 1 x 1.19      1.19', 'TOTAL EUR           1.19'], cut: true } }),
      });
    const first = await post();
    assert.equal(first.status, 200);
    const { job } = (await first.json()) as { job: { id: string; state: string } };
    assert.equal(job.state, 'done');
    const second = (await (await post()).json()) as { job: { id: string } };
    assert.equal(second.job.id, job.id);

    const printer = emulators.find((e) => e.kind === 'escpos')!;
    const paper = printer.view.receipts!();
    assert.equal(paper.length, 1);
    assert.match(paper[0]!, /KASA SHOP/);
    assert.match(paper[0]!, /TOTAL EUR {11}1\.19/);

    const byId = (await (await fetch(`${url}/api/jobs/${job.id}`, { headers: { 'x-bridge-token': token } })).json()) as { job: { key: string } };
    assert.equal(byId.job.key, 'sale-000123');
  });
});

test('a code scanned on the emulator console reaches socket.io clients as a scan event', { timeout: 20_000 }, async () => {
  await withBridge(async ({ url, token }) => {
    const socket = connect(url, { auth: { token }, transports: ['websocket'] });
    try {
      await new Promise<void>((res, rej) => {
        socket.once('connect', () => res());
        socket.once('connect_error', rej);
      });
      const scanned = new Promise<{ code: string; device: string }>((res) => socket.once('scan', res));
      const r = await fetch(`${url}/api/emulators/scan`, { method: 'POST', headers: { 'x-bridge-token': token, 'content-type': 'application/json' }, body: JSON.stringify({ code: '4750001234567' }) });
      assert.equal(r.status, 200);
      const ev = await scanned;
      assert.equal(ev.code, '4750001234567');
      assert.equal(ev.device, 'scanner');
    } finally {
      socket.close();
    }
    const refused = connect(url, { auth: { token: 'wrong' }, transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error>((res) => refused.once('connect_error', res));
    refused.close();
    assert.equal(err.message, 'auth.token');
  });
});

test('the PIN page and the /emulators page load in Chromium without console errors', { timeout: 60_000 }, async () => {
  await withBridge(async ({ url, token }) => {
    await fetch(`${url}/api/print/receipt`, {
      method: 'POST',
      headers: { 'x-bridge-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ key: 'page-1', receipt: { lines: ['PAPER SHOWN ON PAGE'] } }),
    });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${url}/`);
      assert.match(await page.innerText('body'), /PIN/);
      await page.goto(`${url}/emulators`);
      await page.waitForFunction("document.getElementById('receipts').textContent.includes('PAPER SHOWN ON PAGE')", null, { timeout: 10_000 });
      const text = await page.innerText('body');
      assert.match(text, /Fiscal journal/);
      assert.match(text, /escpos/);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});

test('the back office reads and replaces the device list through /api/config', { timeout: 20_000 }, async () => {
  await withBridge(async ({ url, token }) => {
    const headers = { 'x-bridge-token': token, 'content-type': 'application/json' };
    const cfg = (await (await fetch(`${url}/api/config`, { headers })).json()) as { devices: unknown[]; port: number };
    const wrong = await fetch(`${url}/api/config`, { method: 'PUT', headers, body: JSON.stringify({ ...cfg, devices: [{ id: 'p', kind: 'laser', transport: { type: 'tcp', host: 'x', port: 9100 } }] }) });
    assert.equal(wrong.status, 400);
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, 'config.invalid');
    const devices = [{ id: 'front-printer', kind: 'escpos', name: 'Front printer', transport: { type: 'tcp', host: '127.0.0.1', port: 9100 } }];
    const ok = await fetch(`${url}/api/config`, { method: 'PUT', headers, body: JSON.stringify({ ...cfg, devices }) });
    assert.equal(ok.status, 200);
    const again = (await (await fetch(`${url}/api/config`, { headers })).json()) as { devices: { id: string }[] };
    assert.deepEqual(again.devices.map((d) => d.id), ['front-printer']);
  });
});
