// The reports section in headless Chromium against the real store server on a temp SQLite: a manager opens stock
// on a date, the November–December turnover with its chart, and the movement history of milk. The UI is built
// into a temp folder first (vite, ~2 s), so the test needs no earlier build; it skips if Chromium is missing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAndPost, createItem, createMinimalCompany, stornoDocument, SYSTEM_ACTOR } from '@kasa/db';
import { testDatabase } from '@kasa/db/testing';
import { buildServer, addUser } from '@kasa/backoffice';

const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

test('a manager reads stock, turnover with its chart and an item history in the browser', { timeout: 120_000, skip: existsSync(chromiumPath) ? false : `${chromiumPath} is missing` }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'kasa-reports-ui-'));
  const db = await testDatabase('sqlite');
  let close = async () => {};
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const { build } = await import('vite');
    await build({ configFile: fileURLToPath(new URL('../../../vite.config.ts', import.meta.url)), logLevel: 'silent', build: { outDir: out, emptyOutDir: true } });

    const co = await createMinimalCompany(db);
    const milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens 2 %' });
    const g = await db.kysely.insertInto('user_groups').values({ code: 'manager', name: 'manager' }).returning('id').executeTakeFirstOrThrow();
    await db.kysely.insertInto('group_rights').values([{ group_id: Number(g.id), right_code: 'reports.view' }, { group_id: Number(g.id), right_code: 'catalogue.view' }]).execute();
    await addUser(db, { username: 'maija', name: 'Maija', password: 'secret', group: 'manager', language: 'en' });
    const W1 = co.warehouses.W1!;
    const post = (input: Parameters<typeof createAndPost>[2]) => createAndPost(db, SYSTEM_ACTOR, input);
    await post({ type: 'receiving', date: '2026-11-02', warehouseId: W1, lines: [{ itemId: milk, quantity: '10', priceMinor: 100 }] });
    const sale = await post({ type: 'sale', date: '2026-11-04', warehouseId: W1, lines: [{ itemId: milk, quantity: '4', priceMinor: 159 }] });
    await stornoDocument(db, SYSTEM_ACTOR, sale.document.id, '2026-11-05');
    await post({ type: 'transfer', date: '2026-11-06', warehouseId: W1, toWarehouseId: co.warehouses.W2!, lines: [{ itemId: milk, quantity: '5' }] });
    await post({ type: 'receiving', date: '2026-12-01', warehouseId: W1, lines: [{ itemId: milk, quantity: '9', priceMinor: 130 }] });

    const s = await buildServer({ databaseUrl: db.url, uiDir: `${out}/` });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    close = () => s.app.close();
    const base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;

    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/reports`, { waitUntil: 'networkidle' });
    await page.fill('input[name=username]', 'maija');
    await page.fill('input[name=password]', 'secret');
    await page.press('input[name=password]', 'Enter');
    await page.waitForSelector('nav.menu a[href="/reports"]');

    // stock on 30 November: W1 5 (10 − 4 + 4 − 5), W2 5, at 1.00 each
    await page.fill('section.report input[type=date]', '2026-11-30');
    await page.click('section.report button[type=submit]');
    await page.waitForSelector('section.report table.grid tbody tr');
    const balance = await page.locator('section.report table.grid tbody tr').allInnerTexts();
    assert.equal(balance.length, 2);
    assert.match(balance[0]!, /MILK.*W1.*5.*€5\.00/s);
    assert.match(await page.locator('section.report table.grid tfoot').innerText(), /€10\.00/);
    assert.match((await page.getAttribute('a[href*="format=xlsx"]', 'href')) ?? '', /stock-balance\?date=2026-11-30&format=xlsx&lang=en/);

    // turnover November–December: one chart with in and out bars for two months
    await page.click('nav.tabs a[href="/reports/turnover"]');
    const dates = page.locator('section.report input[type=date]');
    await dates.nth(0).fill('2026-11-01');
    await dates.nth(1).fill('2026-12-31');
    await page.click('section.report button[type=submit]');
    await page.waitForSelector('figure.report-chart svg rect');
    assert.equal(await page.locator('figure.report-chart svg rect').count(), 4);
    assert.match(await page.locator('section.report table.grid tbody').innerText(), /MILK/);

    // the history of milk: every document, each a link to it
    await page.click('nav.tabs a[href="/reports/movements"]');
    await page.fill('section.report input[aria-label="Item code or barcode"]', 'MILK');
    await page.click('section.report button[type=submit]');
    await page.waitForSelector('section.report table.grid tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('section.report table.grid tbody tr').length === 6);
    const links = await page.locator('section.report table.grid tbody a').allInnerTexts();
    assert.deepEqual(links, ['REC-2026-000001', 'SAL-2026-000001', 'SAL-2026-000002', 'TRF-2026-000001', 'TRF-2026-000001', 'REC-2026-000002']);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await close();
    await db.drop();
    rmSync(out, { recursive: true, force: true });
  }
});
