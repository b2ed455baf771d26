// Issue 8 in the browser: the accountant imports a statement with one broken payment; the good one is booked and
// the import report lists the broken one with its line, number, field and reason. Needs the built UI, else skips.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { buildServer } from '../app';

const uiDir = fileURLToPath(new URL('../../../ui/dist/', import.meta.url));
const chromiumPath = '/usr/bin/chromium';
const skip = !existsSync(join(uiDir, 'index.html')) ? 'backoffice/ui/dist is missing: run `npx vite build --config backoffice/ui/vite.config.ts`' : !existsSync(chromiumPath) ? `${chromiumPath} is missing` : false;

/** Payment 88 (250.00 in) is good; payment 89 on line 16 has the amount "12,50". */
const STATEMENT = iconv.encode(
  [
    '1CClientBankExchange', // 1
    'ВерсияФормата=1.03',
    'Кодировка=Windows',
    'ДатаНачала=04.11.2026',
    'ДатаКонца=04.11.2026', // 5
    'РасчСчет=40702810900000000001',
    'СекцияДокумент=Платежное поручение',
    'Номер=88',
    'Дата=04.11.2026',
    'Сумма=250.00', // 10
    'ПолучательСчет=40702810900000000001',
    'КонецДокумента',
    'СекцияДокумент=Платежное поручение',
    'Номер=89',
    'Дата=04.11.2026', // 15
    'Сумма=12,50',
    'КонецДокумента',
    'КонецФайла',
    '',
  ].join('\r\n'),
  'win1251',
);

test('issue 8: the import report lists the rejected payment with line and reason', { timeout: 180_000, skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bank-rej-ui-'));
  const s = await buildServer({ databaseUrl: `sqlite:${join(dir, 'kasa.db')}`, demo: true, uiDir });
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const file = join(dir, 'kl_to_1c.txt');
    writeFileSync(file, STATEMENT);
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(base + '/', { waitUntil: 'networkidle' });
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'admin');
    await page.press('input[name=password]', 'Enter');
    await page.waitForSelector('nav.menu');
    await page.click('nav.menu a[href="/bank"]');
    await page.setInputFiles('input[name=statement]', file);
    await page.click('form.form button[type=submit]');
    await page.waitForSelector('.import-summary');
    assert.match(await page.locator('.import-summary').innerText(), /Booked 1 of 2 payments/);
    assert.match(await page.locator('.import-summary .warning').first().innerText(), /^Payments left out because they could not be read: 1\./);
    const row = page.locator('table.bank-rejections tbody tr');
    assert.equal(await row.count(), 1);
    assert.deepEqual((await row.locator('td').allInnerTexts()).map((x) => x.trim()), ['16', '89', 'Сумма', 'Line 16: "12,50" is not an amount (digits, a dot, at most two decimals).']);
    // the statements list counts it too
    const listed = page.locator('table.grid').last().locator('tbody tr').first();
    assert.equal((await listed.locator('td').last().innerText()).trim(), '1');
  } finally {
    await browser.close();
    await s.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
