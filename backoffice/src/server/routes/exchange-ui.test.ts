// The accountant sets up the exchange with 1C in the browser (headless Chromium, demo data on a temp SQLite): folders
// in, "run now", the progress bar follows the run to 100 %, and the log shows the files sent and the bank statement
// taken from the inbox. Needs the built UI (`npx vite build --config backoffice/ui/vite.config.ts`), else skips.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../app';
import { ONE_PAYMENT_STATEMENT } from './exchange-fixtures';

const uiDir = fileURLToPath(new URL('../../../ui/dist/', import.meta.url));
const chromiumPath = '/usr/bin/chromium';
const skip = !existsSync(join(uiDir, 'index.html')) ? 'backoffice/ui/dist is missing: run `npx vite build --config backoffice/ui/vite.config.ts`' : !existsSync(chromiumPath) ? `${chromiumPath} is missing` : false;

const STATEMENT = ONE_PAYMENT_STATEMENT;

test('exchange with 1C: settings, run now, progress to 100 %, the log row', { timeout: 180_000, skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-exchange-ui-'));
  const s = await buildServer({ databaseUrl: `sqlite:${join(dir, 'kasa.db')}`, demo: true, uiDir });
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const exportDir = join(dir, 'to-1c');
    const inboxDir = join(dir, 'bank-inbox');
    mkdirSync(inboxDir);
    writeFileSync(join(inboxDir, 'kl_to_1c.txt'), STATEMENT);

    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + '/', { waitUntil: 'networkidle' });
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'admin');
    await page.press('input[name=password]', 'Enter');
    await page.waitForSelector('nav.menu');
    await page.click('nav.menu a[href="/exchange"]');
    await page.waitForSelector('form.exchange-settings');
    assert.match(await page.locator('.exchange-log-empty').innerText(), /No exchange has run yet/);

    await page.fill('form.exchange-settings input[name=exportDir]', exportDir);
    await page.fill('form.exchange-settings input[name=inboxDir]', inboxDir);
    await page.check('form.exchange-settings input[name=enabled]');
    await page.fill('form.exchange-settings input[name=everyMinutes]', '30');
    await page.click('form.exchange-settings button[type=submit]');
    await page.waitForSelector('form.exchange-settings p.ok');
    await page.waitForSelector('.exchange-next');

    await page.click('button[name=runNow]');
    await page.waitForSelector('.exchange-progress[data-status="ok"]', { timeout: 60_000 });
    assert.equal(await page.locator('.exchange-percent').innerText(), '100 %');
    assert.equal(await page.locator('.exchange-progress progress').getAttribute('value'), '100');
    const row = page.locator('table.exchange-log tbody tr').first();
    await row.locator('text=received: kl_to_1c.txt').waitFor();
    const text = await row.innerText();
    assert.match(text, /sent: import\.xml groups \d+, goods \d+/);
    assert.match(text, /sent: documents\.xml documents \d+/);
    assert.match(text, /received: kl_to_1c\.txt documents 1, imported 1, duplicates 0, rejected 0/);
    assert.match(text, /hand/);
    assert.match(text, /done/);
    assert.deepEqual(readdirSync(exportDir).sort(), ['documents.xml', 'import.xml', 'offers.xml']);
    assert.deepEqual(readdirSync(join(inboxDir, 'processed')), ['kl_to_1c.txt']);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await s.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
