// Issue 7: the till checks a marked pack's code with the store server while the cashier scans it. Real parts only: the
// store server with the demo shop on a SQLite file (two packs of one tobacco item received with their codes, one of
// them already sold at another till), the device bridge, and the built till UI in headless Chromium. Anna works in
// Latvian: a sold code and a code with a wrong check digit are refused in her language and add nothing; a good code
// adds the line; the same pack again on this receipt is refused by the till itself; with the server gone, a new pack
// goes on with a visible "not checked (offline)" note, so she keeps selling.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { buildServer, type StoreServer } from '@kasa/backoffice';
import { receiveMarkingCodes, sellMarkingCode } from '@kasa/db';
import { startBridge, type RunningBridge } from '@kasa/device-bridge';

const DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../pos-terminal/dist');
const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(join(DIST, 'index.html'))
  ? `till UI build missing at ${DIST}: run "npm run build -w @kasa/pos-terminal" first`
  : !existsSync(CHROMIUM)
    ? `${CHROMIUM} missing: apt-get install -y chromium`
    : false;

/** A pack's DataMatrix text as a scanner types it: GTIN (AI 01, the EAN-13 with a leading 0) and serial (AI 21). */
const packCode = (ean13: string, serial: string) => `010${ean13}21${serial}`;

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function scanPack(page: Page, barcode: string, code: string): Promise<void> {
  await page.keyboard.type(barcode, { delay: 5 });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Marķējuma kods (DataMatrix)').waitFor();
  await page.keyboard.type(code, { delay: 2 });
  await page.keyboard.press('Enter');
}

test('the till refuses a sold or unreadable marking code and the same pack twice, and sells unchecked when offline', { skip, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-till-marking-'));
  let store: StoreServer | undefined;
  let storeDb: StoreServer['db'] | undefined;
  let bridge: RunningBridge | undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    store = await buildServer({ databaseUrl: `sqlite:${join(dir, 'store.db')}`, demo: true });
    storeDb = store.db;
    await store.app.listen({ host: '127.0.0.1', port: 0 });
    const storeUrl = `http://127.0.0.1:${(store.app.server.address() as AddressInfo).port}`;
    // A marked demo item with an EAN-13: its packs' GTIN is that EAN with a leading 0.
    const candidates = await store.db.kysely
      .selectFrom('items')
      .innerJoin('barcodes', 'barcodes.item_id', 'items.id')
      .select(['items.id', 'items.name', 'barcodes.code'])
      .where('items.marked', '=', 1)
      .where('items.active', '=', 1)
      .where('items.weighted', '=', 0)
      .where('barcodes.pack_quantity', '=', '1')
      .orderBy('items.id')
      .execute();
    const item = candidates.find((c) => /^\d{13}$/.test(c.code))!;
    assert.ok(item, 'the demo shop sells marked goods with an EAN-13');
    const itemId = Number(item.id);
    const inStock = packCode(item.code, 'PACK0001');
    const soldElsewhere = packCode(item.code, 'PACK0002');
    await receiveMarkingCodes(store.db.kysely, { itemId, codes: [inStock, soldElsewhere] });
    await sellMarkingCode(store.db.kysely, { code: soldElsewhere, itemId });

    const configFile = join(dir, 'bridge', 'config.json');
    mkdirSync(join(dir, 'bridge'), { recursive: true });
    writeFileSync(configFile, JSON.stringify({ storeServerUrl: storeUrl, tillCode: 'T01', devices: [] }));
    bridge = await startBridge({ configFile, emulate: false, port: 0, quiet: true, dbFile: join(dir, 'bridge', 'bridge.db'), tillDataDir: join(dir, 'bridge', 'till') });
    const b = bridge;
    await until('the catalogue at the till', async () => {
      const res = await fetch(`${b.url}/api/till/status`, { headers: { 'x-bridge-token': b.token } });
      return ((await res.json()) as { catalogueItems: number }).catalogueItems > 500 ? true : undefined;
    });

    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(b.url);
    await page.locator('#pin').fill('1111');
    await page.keyboard.press('Enter');
    await page.getByText('Neviena maiņa nav atvērta').waitFor();
    await page.keyboard.type('50');
    await page.keyboard.press('Enter');
    await page.getByText('Skenējiet preci, lai sāktu čeku').waitFor();
    const lines = page.getByTestId('lines').locator('tbody tr');
    const refused = page.getByTestId('marking-refused');

    // Sold at another till: refused in Latvian, naming the pack; nothing on the receipt.
    await scanPack(page, item.code, soldElsewhere);
    await refused.getByText(`Marķējuma kods 0${item.code} PACK0002 jau ir pārdots`).waitFor();
    // A wrong GTIN check digit: the server cannot read the code.
    const badCheck = `010${item.code.slice(0, 12)}${(Number(item.code[12]) + 1) % 10}21PACK0003`;
    await page.keyboard.type(badCheck, { delay: 2 });
    await page.keyboard.press('Enter');
    await refused.getByText(/nav derīgs/).waitFor();
    await page.keyboard.press('Escape');
    await page.getByText('Skenējiet preci, lai sāktu čeku').waitFor();

    // The pack in stock: the line goes on, checked (no offline note).
    await scanPack(page, item.code, inStock);
    await page.getByTestId('lines').getByText(item.name).waitFor();
    assert.equal(await lines.count(), 1);
    assert.equal(await page.getByTestId('marking-unchecked').count(), 0);

    // The same pack again on this receipt: the till refuses it without asking anyone.
    await scanPack(page, item.code, inStock);
    await refused.getByText(`Marķējuma kods 0${item.code} PACK0001 jau ir šajā čekā`).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await lines.count(), 1);

    // The store server goes away: a new pack is sold unchecked, and the line says so.
    await store.app.close();
    store = undefined;
    await scanPack(page, item.code, packCode(item.code, 'PACK0004'));
    await page.getByTestId('marking-unchecked').getByText('Marķējuma kods nav pārbaudīts (bezsaistē)').waitFor();
    assert.equal(await lines.count(), 2);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await bridge?.close();
    await store?.app.close();
    await storeDb?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
