// An online order picked on the handheld in headless Chromium against the real store server (temp SQLite, demo
// data): the shop creates it with the demo key, the storekeeper walks the pick list (bread before dairy), is warned
// of a wrong item and of an over-pick, loses the Wi-Fi before the milk, and on Finish the queued scans go out and
// the order becomes ready. Builds nothing: run `npx vite build --config backoffice/ui/vite.config.ts` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { chromiumArgs } from './journey';
import { signedIn } from './warehouse-journey';

const uiDist = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
const chromiumPath = '/usr/bin/chromium';
const SHOP_KEY = 'kasa_demo_shopkey0000000000000000';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
interface Listening {
  listen(opts: { port: number; host: string }): Promise<unknown>;
  close(): Promise<unknown>;
  server: { address(): AddressInfo | string | null };
}
type BuildServer = (opts: { databaseUrl: string; demo: boolean; uiDir?: string }) => Promise<{ app: Listening }>;

const skip = !existsSync(uiDist)
  ? 'backoffice/ui/dist is missing: run `npx vite build --config backoffice/ui/vite.config.ts` first'
  : !existsSync(chromiumPath)
    ? `${chromiumPath} is missing: apt-get install -y chromium`
    : false;

async function scanCode(page: Page, code: string): Promise<void> {
  await page.fill('input[name=barcode]', code);
  await page.press('input[name=barcode]', 'Enter');
}

async function message(page: Page, text: RegExp): Promise<void> {
  await page.waitForFunction((src) => [...document.querySelectorAll('.message')].some((m) => new RegExp(src).test(m.textContent ?? '')), text.source, { timeout: 10_000 });
}

test('an online order picked on the handheld becomes ready, through a Wi-Fi drop', { skip, timeout: 180_000 }, async () => {
  const { buildServer } = (await import('@kasa/backoffice')) as { buildServer: BuildServer };
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'kasa-ui-picking-'));
  const { app } = await buildServer({ databaseUrl: `sqlite:${join(dir, 'kasa.db')}`, demo: true, uiDir: join(uiDist, '..') });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const shop = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const r = await fetch(`${baseUrl}/api/shop/v1${path}`, { method, headers: { authorization: `Bearer ${SHOP_KEY}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
      return { status: r.status, json: (await r.json()) as Json };
    };

    // The shop's site: milk 2.5 % and two loaves of rye bread, no substitutes agreed.
    const created = await shop('POST', '/orders', { externalRef: 'WEB-UI-1', warehouse: 'STORE', payment: 'online', allowSubstitutions: false, lines: [{ itemCode: '1037', quantity: 1 }, { itemCode: '1001', quantity: 2 }] }, { 'idempotency-key': 'ui-picking-order-1' });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const id = Number(created.json.id ?? created.json.order?.id);

    const { context, page, errors } = await signedIn(browser, baseUrl, 'storekeeper', '/terminal', true);
    await page.click('nav.tasks button:has-text("Pick an order")');
    await page.click(`button[data-order="${id}"]`);
    await page.waitForSelector('table.pick-list');
    assert.deepEqual(await page.locator('table.pick-list tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item'))), ['1001', '1037'], 'bread (BREAD) is walked before milk (DAIRY)');
    assert.match(await page.locator('.next-line').innerText(), /Next: Rupjmaize/);

    // Milk 3.2 % is a real item but not on this order.
    await scanCode(page, '4751002000418');
    await message(page, /Wrong item: .*not on this order/);

    // Three loaves for two ordered: warned, not counted; two are.
    await scanCode(page, '4751001000013');
    await page.fill('input[name=quantity]', '3');
    await page.press('input[name=quantity]', 'Enter');
    await message(page, /Too many: .* ordered 2, picked 3/);
    await page.fill('input[name=quantity]', '2');
    await page.press('input[name=quantity]', 'Enter');
    await message(page, /: \+2/);
    await page.waitForSelector('.status-bar .queued[data-queued="0"]');

    // The Wi-Fi drops in the dairy aisle: the milk and Finish wait in the outbox.
    await context.setOffline(true);
    await scanCode(page, '4751002000371');
    await page.press('input[name=quantity]', 'Enter');
    await message(page, /: \+1/);
    await page.waitForSelector('.next-line.all-picked');
    await page.click('button.finish');
    await message(page, /is ready/);
    await page.waitForFunction(() => Number(document.querySelector('.status-bar .queued')?.getAttribute('data-queued')) >= 1, undefined, { timeout: 10_000 });
    assert.equal((await shop('GET', `/orders/${id}`)).json.status, 'picking', 'nothing arrived while offline but the bread');

    await context.setOffline(false);
    await page.waitForSelector('.status-bar .queued[data-queued="0"]', { timeout: 20_000 });
    const order = (await shop('GET', `/orders/${id}`)).json;
    assert.equal(order.status, 'ready');
    assert.deepEqual(
      order.lines.map((l: Json) => [l.itemCode, l.pickedQuantity]),
      [
        ['1037', 1],
        ['1001', 2],
      ],
    );
    assert.equal(await page.locator('.status-bar .rejected').count(), 0, 'nothing was rejected');
    assert.deepEqual(
      errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e)),
      [],
      'no console errors on the handheld',
    );
    await context.close();
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
