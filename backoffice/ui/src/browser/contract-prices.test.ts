// Issue 6 in headless Chromium against the real store server (temp SQLite, demo data): the manager opens the dairy
// on Partners, sees its two contract prices, agrees a new one, and the dairy's November delivery waiting for approval
// says its first line was held against the contract. Builds nothing: run `npx vite build --config
// backoffice/ui/vite.config.ts` first, else the test skips and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromiumArgs, watchErrors } from './journey';

const uiDist = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
const chromiumPath = '/usr/bin/chromium';

interface Listening {
  listen(opts: { port: number; host: string }): Promise<unknown>;
  close(): Promise<unknown>;
  server: { address(): AddressInfo | string | null };
}
type BuildServer = (opts: { databaseUrl: string; demo: boolean; uiDir?: string }) => Promise<{ app: Listening }>;

async function findBuildServer(): Promise<BuildServer | string> {
  if (!existsSync(uiDist)) return 'backoffice/ui/dist is missing: run `npx vite build --config backoffice/ui/vite.config.ts` first';
  if (!existsSync(chromiumPath)) return `${chromiumPath} is missing: apt-get install -y chromium`;
  const mod = (await import('@kasa/backoffice')) as Record<string, unknown>;
  if (typeof mod.buildServer !== 'function') return '@kasa/backoffice does not export buildServer';
  return mod.buildServer as BuildServer;
}

const found = await findBuildServer();

test('contract prices in Chromium: the dairy prices on its partner page, a new one added, a delivery flagged against a contract', { skip: typeof found === 'string' ? found : false, timeout: 180_000 }, async () => {
  const buildServer = found as BuildServer;
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'kasa-ui-contracts-'));
  const { app } = await buildServer({ databaseUrl: `sqlite:${join(dir, 'kasa.db')}`, demo: true, uiDir: join(uiDist, '..') });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: 'manager' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const get = async <T>(path: string) => (await (await fetch(baseUrl + path, { headers: { cookie } })).json()) as T;
    const butter = (await get<{ items: Array<{ code: string; name: string }> }>('/api/v1/items?q=Sviests&limit=5')).items[0]!;

    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(baseUrl + '/', { waitUntil: 'networkidle' });
    await page.fill('input[name=username]', 'manager');
    await page.fill('input[name=password]', 'manager');
    await page.press('input[name=password]', 'Enter');
    await page.click('nav.menu a[href="/partners"]');
    await page.click('button.link:has-text("S-PIENS")');
    await page.waitForFunction(() => document.querySelectorAll('table.contract-prices tbody tr').length === 2);
    assert.match(await page.locator('.contract-prices h2').innerText(), /Contract prices/);

    await page.fill('input[name=contractItem]', butter.code);
    await page.fill('input[name=contractPrice]', '2.34');
    await page.click('.contract-prices button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('table.contract-prices tbody tr').length === 3);
    const row = await page.locator(`table.contract-prices tbody tr:has-text("${butter.code}")`).innerText();
    assert.match(row, /2\.34/);
    assert.match(row, /open-ended/);

    const waiting = await get<{ documents: Array<{ id: number }> }>('/api/v1/documents?type=receiving&status=awaiting_approval');
    assert.equal(waiting.documents.length, 1);
    await page.goto(`${baseUrl}/documents/${waiting.documents[0]!.id}`, { waitUntil: 'networkidle' });
    await page.waitForSelector('.price-control table.flagged');
    const panel = await page.locator('.price-control').innerText();
    assert.match(panel, /contract or last price by more than 10 %/);
    assert.match(panel, /Contract price from 01\/07\/2026/);
    assert.match(panel, /\+1[45]\.\d\d %/);
    assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
