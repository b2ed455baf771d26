// Production in headless Chromium against the real store server (temp SQLite, demo data): a manager writes a tech
// card for hot chocolate, sees its cost, and posts a run of 10 cups with a little more milk than the norm; a baker
// posts 12 loaves from the handheld. Builds nothing: run `npx vite build --config backoffice/ui/vite.config.ts`
// first, else the test skips and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
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

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.press('input[name=password]', 'Enter');
}

/** The demo's item codes and warehouse ids by exact name and code, read through the API (in Node, as admin). */
async function lookups(baseUrl: string) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const get = async <T>(path: string) => (await (await fetch(baseUrl + path, { headers: { cookie } })).json()) as T;
  const code = async (name: string) => {
    const r = await get<{ items: Array<{ code: string; name: string }> }>(`/api/v1/items?q=${encodeURIComponent(name)}&limit=50`);
    return r.items.find((i) => i.name === name)!.code;
  };
  const w = await get<{ warehouses: Array<{ id: number; code: string }> }>('/api/v1/warehouses');
  return {
    chocolate: await code('Karstā šokolāde S'),
    milk: await code('Piens kafejnīcai 3,2%'),
    beans: await code('Kafijas pupiņas kafejnīcai'),
    loaf: await code('Ceptuves baltmaize 500 g'),
    store: String(w.warehouses.find((x) => x.code === 'STORE')!.id),
    bakery: String(w.warehouses.find((x) => x.code === 'BAKERY')!.id),
  };
}

async function managerWritesATechCardAndPostsARun(browser: Browser, baseUrl: string): Promise<void> {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(baseUrl + '/', { waitUntil: 'networkidle' });
  await signIn(page, 'manager', 'manager');
  await page.waitForSelector('nav.menu');
  const ids = await lookups(baseUrl);

  await page.click('nav.menu a[href="/production"]');
  await page.waitForSelector('table.recipes tbody tr');
  assert.match(await page.locator('table.recipes').innerText(), /Ceptuves baltmaize 500 g/, 'the demo bakery loaf has a tech card');

  // A new recipe: hot chocolate (small) = 0.2 l milk (5 % left in the jug) + 5 g of beans for the mocha note.
  await page.fill('form.new-recipe input[name=output]', ids.chocolate);
  await page.press('form.new-recipe input[name=output]', 'Enter');
  await page.waitForSelector('form.new-recipe button[type=submit]:not([disabled])');
  await page.click('form.new-recipe button[type=submit]');
  await page.waitForURL(/\/production\/recipes\/\d+$/);
  await page.waitForSelector('form.recipe-editor');
  await page.fill('input[aria-label="Component 1"]', ids.milk);
  await page.press('input[aria-label="Component 1"]', 'Enter');
  await page.fill('input[aria-label="Gross 1"]', '0,2');
  await page.fill('input[aria-label="Loss % 1"]', '5');
  await page.click('button:has-text("Add component")');
  await page.fill('input[aria-label="Component 2"]', ids.beans);
  await page.press('input[aria-label="Component 2"]', 'Enter');
  await page.fill('input[aria-label="Gross 2"]', '0.005');
  await page.click('button:has-text("Save as new version")');
  await page.waitForSelector('text=Version 1 saved.');

  // Costed in the shop, where the café's milk (0.80 a litre) and beans (14.00 a kg) are: 16 + 7 = 23 cents a cup.
  await page.selectOption('div.versions select', ids.store);
  await page.waitForFunction(() => /0\.23/.test(document.querySelector('.batch-cost')?.textContent ?? ''));
  const card = await page.locator('table.recipe-version').innerText();
  assert.match(card, /0\.2 l\s+0\.19\s+5\s+€0\.80\s+€0\.16/, 'net milk: 0.2 l less 5 % = 0.19 l, costing 0.16');
  const href = await page.locator('a:has-text("Print tech card")').getAttribute('href');
  assert.match(href ?? '', /\/tech-card\?/);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const printed = await (await fetch(baseUrl + href!, { headers: { cookie, 'accept-language': 'lv' } })).text();
  assert.match(printed, /Tehnoloģiskā karte/);

  // A run of 10 cups in the shop: the norm is 2 l milk and 50 g beans; 2.1 l of milk were really used.
  await page.click('a[href="/production/run"]');
  await page.waitForSelector('section.run');
  await page.selectOption('select[name=warehouse]', ids.store);
  await page.fill('input[name=output]', ids.chocolate);
  await page.press('input[name=output]', 'Enter');
  await page.fill('input[aria-label="Quantity 1"]', '10');
  await page.click('button:has-text("Show the norm")');
  await page.waitForSelector('table.norm');
  const norm = await page.locator('table.norm').innerText();
  assert.match(norm, new RegExp(`${ids.milk}\\s+2(\\.000)?\\b`));
  await page.fill(`input[aria-label="Actual ${ids.milk}"]`, '2,1');
  await page.click('section.run button:has-text("Post")');
  await page.waitForSelector('.run-result');
  assert.match(await page.locator('.run-result [role=status]').innerText(), /Posted \S+/);
  // 2.1 × 0.80 + 0.05 × 14.00 = 1.68 + 0.70 = 2.38 for the ten cups; the extra 0.1 l is 0.08 over the norm.
  assert.match(await page.locator('.output-cost').innerText(), /2\.38/);
  const diff = await page.locator('table.consumption tr.differs').innerText();
  assert.match(diff, /0\.1/);
  assert.match(diff, /0\.08/);
  assert.deepEqual(errors, [], 'no console errors in the back office');
  await context.close();
}

async function bakerPostsLoavesOnTheHandheld(browser: Browser, baseUrl: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 400, height: 760 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(baseUrl + '/terminal', { waitUntil: 'networkidle' });
  await signIn(page, 'storekeeper', 'storekeeper');
  await page.waitForSelector('nav.tasks');
  const ids = await lookups(baseUrl);
  await page.click('nav.tasks button:has-text("Production")');
  await page.waitForSelector('nav.production-tasks');
  await page.selectOption('nav.production-tasks select[name=warehouse]', ids.bakery);
  await page.click('button:has-text("Production run")');
  await page.fill('input[name=barcode]', ids.loaf);
  await page.press('input[name=barcode]', 'Enter');
  await page.waitForSelector('input[name=quantity]');
  await page.fill('input[name=quantity]', '12');
  await page.press('input[name=quantity]', 'Enter');
  await page.waitForSelector('table.tally tr');
  await page.click('button:has-text("Post the run")');
  await page.waitForSelector('.message.ok');
  // 12 loaves = 1.2 batches of 2.48 € (flour, water, yeast at the bakery's cost) ≈ 2.98 €
  assert.match(await page.locator('.message.ok').innerText(), /Posted \S+ \S+ €?2\.98/);
  assert.deepEqual(errors, [], 'no console errors on the terminal');
  await context.close();
}

/** Issue 7: the Wi-Fi drops as the baker posts. The run waits in the handheld's outbox ("queued"); back online, the
 *  first send reaches the server but its answer is lost on the way back, so the outbox sends again under the same
 *  Idempotency-Key: the server answers with the stored result and the bakery gets exactly one production document. */
async function bakerPostsThroughAWifiDrop(browser: Browser, baseUrl: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 400, height: 760 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(baseUrl + '/terminal', { waitUntil: 'networkidle' });
  await signIn(page, 'storekeeper', 'storekeeper');
  await page.waitForSelector('nav.tasks');
  const ids = await lookups(baseUrl);
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const productionDocs = async () =>
    ((await (await fetch(`${baseUrl}/api/v1/documents?type=production&limit=200`, { headers: { cookie } })).json()) as { documents: Array<{ number: string; warehouse_id?: number }> }).documents;
  const before = (await productionDocs()).map((d) => d.number);

  await page.click('nav.tasks button:has-text("Production")');
  await page.selectOption('nav.production-tasks select[name=warehouse]', ids.bakery);
  await page.click('button:has-text("Production run")');
  await page.fill('input[name=barcode]', ids.loaf);
  await page.press('input[name=barcode]', 'Enter');
  await page.fill('input[name=quantity]', '6');
  await page.press('input[name=quantity]', 'Enter');
  await page.waitForSelector('table.tally tr');

  // Wi-Fi down: the post is kept in the outbox, not lost, not an error.
  await context.setOffline(true);
  await page.click('button:has-text("Post the run")');
  await page.waitForSelector('.message.queued');
  assert.match(await page.locator('.message.queued').innerText(), /Queued, will be sent when the connection is back/);
  await page.waitForFunction(() => Number(document.querySelector('.status-bar .queued')?.getAttribute('data-queued')) >= 1, undefined, { timeout: 10_000 });
  assert.deepEqual((await productionDocs()).map((d) => d.number), before, 'nothing posted while offline');

  // Back online, but the first answer never makes it back to the handheld.
  const keys: string[] = [];
  await page.route('**/api/v1/production/runs', async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length === 1) {
      await route.fetch(); // the server posts the run…
      await route.abort('connectionreset'); // …and the answer is lost
    } else await route.continue();
  });
  await context.setOffline(false);
  await page.waitForSelector('.message.ok', { timeout: 30_000 });
  const posted = await page.locator('.message.ok').innerText();
  assert.match(posted, new RegExp(`^Posted PRD-\\S+\\. ${ids.loaf} €\\d+\\.\\d\\d$`), 'the number, and the loaf with its cost');
  assert.equal(keys.length, 2, 'sent twice: once lost on the way back, once answered');
  assert.equal(keys[0], keys[1], 'both under the same Idempotency-Key');
  assert.match(keys[0]!, /^tsd-run-/);

  const added = (await productionDocs()).filter((d) => !before.includes(d.number));
  assert.equal(added.length, 1, 'exactly one production document for the run');
  assert.ok(posted.includes(added[0]!.number), `the handheld shows the posted number ${added[0]!.number}`);
  await page.waitForSelector('.status-bar .queued[data-queued="0"]');
  assert.deepEqual(
    errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_RESET|Failed to fetch|net::/.test(e)),
    [],
    'no console errors on the handheld',
  );
  await context.close();
}

/** A butcher cuts 2 kg of beef into 1.6 kg of mince and 0.4 kg of trim with the Wi-Fi down: the cutting is queued,
 *  and posted once when the connection is back; the trim is waste, so the mince carries the whole cost. */
async function butcherCutsThroughAWifiDrop(browser: Browser, baseUrl: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 400, height: 760 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(baseUrl + '/terminal', { waitUntil: 'networkidle' });
  await signIn(page, 'storekeeper', 'storekeeper');
  await page.waitForSelector('nav.tasks');
  const ids = await lookups(baseUrl);
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin' }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const get = async <T>(path: string) => (await (await fetch(baseUrl + path, { headers: { cookie } })).json()) as T;
  const first = async (prefix: string) => (await get<{ items: Array<{ code: string; name: string }> }>(`/api/v1/items?q=${encodeURIComponent(prefix)}&limit=50`)).items.find((i) => i.name.startsWith(prefix))!.code;
  const beef = await first('Liellopa gaļa bez kaula');
  const mince = await first('Maltā gaļa');
  const productionDocs = async () => (await get<{ documents: Array<{ number: string }> }>('/api/v1/documents?type=production&limit=200')).documents.map((d) => d.number);
  const before = await productionDocs();

  const scan = async (code: string, quantity: string, waste = false) => {
    await page.fill('input[name=barcode]', code);
    await page.press('input[name=barcode]', 'Enter');
    await page.fill('input[name=quantity]', quantity);
    if (waste) await page.check('input[name=waste]');
    await page.press('input[name=quantity]', 'Enter');
    await page.waitForSelector('input[name=barcode]');
  };
  await page.click('nav.tasks button:has-text("Production")');
  await page.selectOption('nav.production-tasks select[name=warehouse]', ids.store);
  await page.click('button:has-text("Cutting")');
  await scan(beef, '2');
  await scan(mince, '1.6');
  await scan(mince, '0.4', true);
  assert.equal(await page.locator('table.tally tr').count(), 3, 'the input and two outputs');

  await context.setOffline(true);
  await page.click('button:has-text("Post the cutting")');
  await page.waitForSelector('.message.queued');
  assert.deepEqual(await productionDocs(), before, 'nothing posted while offline');
  await context.setOffline(false);
  await page.waitForSelector('.message.ok', { timeout: 30_000 });
  const added = (await productionDocs()).filter((n) => !before.includes(n));
  assert.equal(added.length, 1, 'one cutting document');
  const posted = await page.locator('.message.ok').innerText();
  assert.match(posted, new RegExp(`^Posted ${added[0]}\\. ${mince} €(?!0\\.00)[\\d.]+, ${mince} €0\\.00$`), 'the mince carries the whole cost, the trim (waste) none');
  assert.deepEqual(
    errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e)),
    [],
    'no console errors on the handheld',
  );
  await context.close();
}

const found = await findBuildServer();

test('production in Chromium: a tech card written and a run posted in the back office, loaves posted on the handheld', { skip: typeof found === 'string' ? found : false, timeout: 180_000 }, async (t) => {
  const buildServer = found as BuildServer;
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'kasa-ui-production-'));
  const { app } = await buildServer({ databaseUrl: `sqlite:${join(dir, 'kasa.db')}`, demo: true, uiDir: join(uiDist, '..') });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await t.test('a manager writes a tech card, sees its cost and posts a run with more milk than the norm', () => managerWritesATechCardAndPostsARun(browser, baseUrl));
    await t.test('a baker scans 12 loaves on the handheld and posts the run', () => bakerPostsLoavesOnTheHandheld(browser, baseUrl));
    await t.test('issue 7: a run posted with the Wi-Fi down is queued, then posted exactly once though an answer was lost', () => bakerPostsThroughAWifiDrop(browser, baseUrl));
    await t.test('issue 7: a cutting posted with the Wi-Fi down is queued, then posted once', () => butcherCutsThroughAWifiDrop(browser, baseUrl));
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
