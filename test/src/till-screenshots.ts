// Screenshots of a cashier's shift for pos-terminal/README.md, at the till's touch-screen size (1024×768), in Latvian
// and English, from real parts: the store server on a SQLite file with the demo shop, the device bridge with its
// emulated fiscal register, printer, display, card terminal and CAS scale, and the built till UI in headless Chromium.
//   npm run build -w @kasa/pos-terminal && node --import tsx test/src/till-screenshots.ts [out dir]
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { buildServer } from '@kasa/backoffice';
import { startBridge } from '@kasa/device-bridge';

const out = resolve(process.argv[2] ?? fileURLToPath(new URL('../../pos-terminal/screenshots', import.meta.url)));
const DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../pos-terminal/dist');
mkdirSync(out, { recursive: true });

// From the demo shop: rye bread "Lāči", EUR 2.09 (backoffice/src/demo).
const BREAD = '4751001000013';

const dir = mkdtempSync(join(tmpdir(), 'kasa-till-shots-'));
const store = await buildServer({ databaseUrl: `sqlite:${join(dir, 'store.db')}`, demo: true });
await store.app.listen({ host: '127.0.0.1', port: 0 });
const storeUrl = `http://127.0.0.1:${(store.app.server.address() as AddressInfo).port}`;

// A weighed item and a second packaged item from the demo shop, each with a plain EAN-13 and stock in the shop.
const barcodeOf = async (weighted: 0 | 1, skip: string[]) =>
  (
    await store.db.kysely
      .selectFrom('barcodes')
      .innerJoin('items', 'items.id', 'barcodes.item_id')
      .select('barcodes.code')
      .where('items.weighted', '=', weighted)
      .where('items.marked', '=', 0)
      .where('items.active', '=', 1)
      .where('barcodes.code', 'not in', skip.length ? skip : [''])
      .where((eb) => eb.fn('length', ['barcodes.code']), '=', 13)
      .orderBy('items.id')
      .executeTakeFirstOrThrow()
  ).code;
const WEIGHED = await barcodeOf(1, []);
const OTHER = await barcodeOf(0, [BREAD]);

mkdirSync(join(dir, 'bridge'), { recursive: true });
const configFile = join(dir, 'bridge', 'config.json');
writeFileSync(configFile, JSON.stringify({ storeServerUrl: storeUrl, tillCode: 'T01' }));
const bridge = await startBridge({
  configFile,
  emulate: true,
  emulatorKinds: ['shtrih', 'escpos', 'display', 'payment', 'cas'],
  emulatorDir: join(dir, 'bridge', 'emulators'),
  port: 0,
  dbFile: join(dir, 'bridge', 'bridge.db'),
  tillDataDir: join(dir, 'bridge', 'till'),
  tillDist: DIST,
  quiet: true,
});
const bridgeCall = async (method: 'GET' | 'POST', path: string, body?: object) => {
  const res = await fetch(`${bridge.url}${path}`, { method, headers: { 'x-bridge-token': bridge.token, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return (await res.json()) as Record<string, unknown>;
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(300);
  const path = join(out, `${name}.png`);
  await page.screenshot({ path });
  console.log(`${name}.png ${Math.round(statSync(path).size / 1024)} KB`);
};
// A keyboard-wedge scanner into the code field; done when the field is empty again (the item was taken).
const scan = async (page: Page, code: string) => {
  const field = page.locator('.code-input');
  await field.focus();
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (document.querySelector('.code-input') as HTMLInputElement | null)?.value === '');
};

try {
  for (let end = Date.now() + 60_000; ((await bridgeCall('GET', '/api/till/status')).catalogueItems as number) < 500; ) {
    if (Date.now() > end) throw new Error('the till never got the catalogue');
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const lang of ['lv', 'en'] as const) {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(bridge.url);
    await page.locator('#pin').waitFor();
    await page.locator('select').first().selectOption(lang);
    await page.locator('#pin').fill('1111');
    await shot(page, `${lang}-1-login`);
    await page.keyboard.press('Enter');
    await page.locator('.status-bar select').waitFor();
    await page.locator('.status-bar select').selectOption(lang);
    // A new shift with a 50.00 float.
    if (await page.locator('.code-input').count() === 0) {
      await page.keyboard.type('50');
      await page.keyboard.press('Enter');
    }
    await page.locator('.code-input').waitFor();
    await page.locator('.code-input').focus();

    // Bread scanned twice, cheese weighed on the scale (0.742 kg), and a packaged item with a 10 % line discount.
    await scan(page, BREAD);
    await page.getByTestId('lines').locator('tbody tr').first().waitFor();
    await scan(page, BREAD);
    await page.getByTestId('lines').locator('tbody tr').first().getByText('2', { exact: true }).waitFor();
    await bridgeCall('POST', '/api/emulators/scale', { weight: '0.742' });
    await scan(page, WEIGHED);
    await page.locator('[data-testid=weigh-stable][data-stable=yes]').waitFor();
    await page.keyboard.press('1');
    await shot(page, `${lang}-2-weighing`);
    await page.keyboard.press('Enter');
    await page.getByTestId('lines').locator('tbody tr').nth(1).waitFor();
    await scan(page, OTHER);
    await page.getByTestId('lines').locator('tbody tr').nth(2).waitFor();
    await page.keyboard.press('F3');
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await shot(page, `${lang}-3-sale`);

    await page.keyboard.press('F5');
    await page.locator('#pay-cash').fill('20');
    await page.getByTestId('change').waitFor();
    await shot(page, `${lang}-4-payment`);
    await page.keyboard.press('Enter');
    const message = page.getByTestId('message');
    await message.getByText(/T01-\d{6}/).waitFor({ timeout: 30_000 });
    const number = /T01-\d{6}/.exec((await message.textContent()) ?? '')![0];

    // The customer brings one loaf back with the receipt; Jānis (senior cashier) approves with his PIN.
    await page.keyboard.press('F10');
    await page.getByRole('dialog').locator('input').first().fill(number);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').locator('tbody input').first().fill('1');
    await page.locator('#approver-pin').fill('2222');
    await shot(page, `${lang}-5-return`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // The X report, then the shift closed with the counted cash: the Z report.
    await page.keyboard.press('F12');
    await page.getByRole('dialog').locator('table').waitFor();
    // Anna counts exactly what the drawer should hold.
    const expected = ((await bridgeCall('GET', '/api/till/report/x')).report as { expectedCashMinor: number }).expectedCashMinor;
    const counted = `${Math.floor(expected / 100)}${lang === 'lv' ? ',' : '.'}${String(expected % 100).padStart(2, '0')}`;
    await page.getByRole('dialog').locator('input').first().fill(counted);
    await shot(page, `${lang}-6-x-report`);
    await page.getByRole('dialog').getByRole('button', { name: /OK|Labi/ }).click();
    await page.getByRole('dialog').getByText(lang === 'lv' ? 'Z atskaite' : 'Z report', { exact: true }).waitFor();
    await shot(page, `${lang}-7-z-report`);
    await page.getByRole('dialog').getByRole('button', { name: /OK|Labi/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await bridgeCall('POST', '/api/till/lock');
    await context.close();
  }
} catch (e) {
  for (const c of browser.contexts()) for (const p of c.pages()) await p.screenshot({ path: join(tmpdir(), 'till-screenshots-failure.png') });
  throw e;
} finally {
  await browser.close();
  await bridge.close();
  await store.app.close();
  rmSync(dir, { recursive: true, force: true });
}
