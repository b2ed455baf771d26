// The accountant and the shop administrator in headless Chromium against the real store server (temp SQLite, demo
// data): budget items are set up, the bank's Windows-1251 statement is uploaded, the customer's payment is found by
// its VAT number, the queue is worked with a remembered rule, the cash-flow report shows the November cents; a key
// for a web shop is created (shown once) and revoked. Needs the built UI (`npx vite build --config
// backoffice/ui/vite.config.ts`) and /usr/bin/chromium, else it skips and says why.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { buildServer, requireUser } from '../app';
import { registerBankRoutes } from './bank';
import { registerShopAdminRoutes } from './shop-admin';

const uiDir = fileURLToPath(new URL('../../../ui/dist/', import.meta.url));
const chromiumPath = '/usr/bin/chromium';
const OUR = '40702810900000000001';

function statement(payerTaxNumber: string): Buffer {
  return iconv.encode(
    [
      '1CClientBankExchange',
      'ВерсияФормата=1.03',
      'Кодировка=Windows',
      'ДатаНачала=01.11.2026',
      'ДатаКонца=30.11.2026',
      `РасчСчет=${OUR}`,
      'СекцияДокумент=Платежное поручение',
      'Номер=15',
      'Дата=05.11.2026',
      'Сумма=1234.56',
      'ПлательщикСчет=LV80HABA0551000000001',
      `ПлательщикИНН=${payerTaxNumber}`,
      'Плательщик1=Customer',
      `ПолучательСчет=${OUR}`,
      'ДатаПоступило=05.11.2026',
      'НазначениеПлатежа=Rēķins 77',
      'КонецДокумента',
      'СекцияДокумент=Платежное поручение',
      'Номер=231',
      'Дата=06.11.2026',
      'Сумма=800.00',
      `ПлательщикСчет=${OUR}`,
      'ПолучательСчет=40702810500000000003',
      'ПолучательИНН=7812345678',
      'Получатель1=ООО "Поставщик"',
      'ДатаСписано=06.11.2026',
      'НазначениеПлатежа=За товар',
      'КонецДокумента',
      'КонецФайла',
      '',
    ].join('\r\n'),
    'win1251',
  );
}

const skip = !existsSync(join(uiDir, 'index.html')) ? 'backoffice/ui/dist is missing: run `npx vite build --config backoffice/ui/vite.config.ts`' : !existsSync(chromiumPath) ? `${chromiumPath} is missing` : false;

test('bank statement upload, queue, cash-flow and shop keys in the browser', { timeout: 180_000, skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bank-ui-'));
  const s = await buildServer({ databaseUrl: `sqlite:${join(dir, 'kasa.db')}`, demo: true, uiDir });
  registerBankRoutes(s.app, { db: s.db, requireUser });
  registerShopAdminRoutes(s.app, { db: s.db, requireUser });
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const customer = await s.db.kysely.selectFrom('partners').select(['id', 'name', 'tax_number']).where('tax_number', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    const file = join(dir, 'kl_to_1c.txt');
    writeFileSync(file, statement(customer.tax_number!));

    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base + '/', { waitUntil: 'networkidle' });
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'admin');
    await page.press('input[name=password]', 'Enter');
    await page.waitForSelector('nav.menu');

    // Budget items: sales in, goods out.
    await page.click('nav.menu a[href="/bank"]');
    await page.click('nav.tabs a[href="/bank/budget"]');
    for (const [code, name, kind] of [['SALES', 'Sales receipts', 'inflow'], ['GOODS', 'Goods paid', 'outflow']]) {
      await page.fill('form.budget-item-form input[name=code]', code!);
      await page.fill('form.budget-item-form input[name=name]', name!);
      await page.selectOption('form.budget-item-form select[name=kind]', kind!);
      await page.click('form.budget-item-form button[type=submit]');
      await page.waitForSelector(`table.budget-items td:text-is("${code}")`);
    }
    // A rule: money in from this customer is sales.
    await page.selectOption('form.budget-rule-form select[name=budgetItem]', { label: 'SALES Sales receipts' });
    await page.selectOption('form.budget-rule-form select[name=direction]', 'in');
    await page.selectOption('form.budget-rule-form select[name=partner]', String(customer.id));
    await page.click('form.budget-rule-form button[type=submit]');
    await page.waitForSelector('table.budget-rules tbody tr');

    // The statement: the customer's payment goes by the rule, the supplier's waits.
    await page.click('nav.tabs a[href="/bank"]');
    await page.setInputFiles('input[name=statement]', file);
    await page.click('form button.primary:text-is("Import")');
    await page.waitForSelector('.import-summary');
    assert.match(await page.locator('.import-summary').innerText(), /Booked 2 of 2 payments, 0 already booked were skipped; 1 tied to budget items by rules, 1 wait in the queue/);
    const row = page.locator('table.bank-queue tbody tr');
    assert.equal(await row.count(), 1);
    assert.match(await row.innerText(), /231[\s\S]*7812345678[\s\S]*800\.00/);
    await row.locator('select[name=budgetItem]').selectOption({ label: 'GOODS Goods paid' });
    await row.locator('input[name=makeRule]').check();
    await row.locator('button:text-is("Assign")').click();
    await page.waitForSelector('.queue-empty');

    // The same file again books nothing.
    await page.setInputFiles('input[name=statement]', file);
    await page.click('form button.primary:text-is("Import")');
    await page.waitForSelector('.import-summary:has-text("imported before")');

    // Cash-flow for November: 1 234.56 in, 800.00 out, net 434.56.
    await page.click('nav.tabs a[href="/bank/cash-flow"]');
    await page.fill('input[name=from]', '2026-11-01');
    await page.fill('input[name=to]', '2026-11-30');
    await page.click('form button.primary:text-is("Show")');
    await page.waitForSelector('table.cash-flow tr[data-row=SALES]');
    const nbsp = (t: string) => t.replace(/\u00a0/g, ' ');
    assert.match(nbsp(await page.locator('table.cash-flow tr[data-row=SALES]').innerText()), /\+1 234\.56/);
    assert.match(nbsp(await page.locator('table.cash-flow tr[data-row=GOODS]').innerText()), /−800\.00/);
    assert.match(nbsp(await page.locator('table.cash-flow tfoot').innerText()), /434\.56/);

    // The shop administrator: a key shown once, then revoked.
    await page.click('nav.menu a[href="/shop"]');
    await page.fill('form.api-key-form input[name=name]', 'Web shop');
    await page.click('form.api-key-form button[type=submit]');
    const key = await page.locator('code.plain-key').innerText();
    assert.match(key, /^kasa_[a-z0-9]+_/);
    const keyRow = page.locator('table.api-keys tbody tr', { hasText: 'Web shop' });
    await keyRow.locator('button:text-is("Revoke")').click();
    await page.waitForSelector('table.api-keys tbody tr:has-text("Web shop"):has-text("Revoked")');
    const denied = await fetch(`${base}/api/shop/v1/orders`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(denied.status, 401);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
    await s.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
