// A cashier's shift from the till's screen to the store's stock ledger, with real parts only: the store server on a
// SQLite file with the demo shop, the device bridge with its emulated fiscal register, printer, display and card
// terminal on pty pairs, and the built till UI in headless Chromium. Anna sells for cash and by card; the store server
// goes away, she keeps selling, and when it comes back on the same database the offline receipt reaches the ledger
// exactly once; then a return by the receipt's barcode (approved by Jānis), a cash pick-up and the Z report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from 'playwright-core';
import { buildServer, type StoreServer } from '@kasa/backoffice';
import { startBridge, type RunningBridge } from '@kasa/device-bridge';

const DIST = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../pos-terminal/dist');
const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(join(DIST, 'index.html'))
  ? `till UI build missing at ${DIST}: run "npm run build -w @kasa/pos-terminal" first`
  : !existsSync(CHROMIUM)
    ? `${CHROMIUM} missing: apt-get install -y chromium`
    : false;

// From the demo shop (backoffice/src/demo): rye bread "Lāči", item 1, EUR 2.09 with 21 % VAT, stocked in STORE.
const BREAD = { id: 1, barcode: '4751001000013', priceMinor: 209 };
const STORE_WAREHOUSE = 'STORE';

interface FiscalJournalEntry {
  type: string;
  lines?: { name: string; quantityThousandths: number; priceMinor: number }[];
  payments?: number[];
  totalMinor?: number;
  amountMinor?: number;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function storeStock(server: StoreServer, itemId: number): Promise<number> {
  const row = await server.db.kysely
    .selectFrom('stock_balances')
    .innerJoin('warehouses', 'warehouses.id', 'stock_balances.warehouse_id')
    .select('stock_balances.quantity_milli')
    .where('warehouses.code', '=', STORE_WAREHOUSE)
    .where('stock_balances.item_id', '=', itemId)
    .executeTakeFirst();
  return Number(row?.quantity_milli ?? 0) / 1000;
}

/** Documents the server posted for one till receipt (its uuid is the idempotency key). */
async function postedFor(server: StoreServer, uuid: string) {
  return server.db.kysely.selectFrom('documents').select(['id', 'type', 'status', 'total_minor', 'payload']).where('idempotency_key', '=', `till:${uuid}`).execute();
}

async function startStore(databaseUrl: string, port: number): Promise<{ server: StoreServer; port: number }> {
  const server = await buildServer({ databaseUrl, demo: true });
  // Back on the port the bridge knows; the old socket may take a moment to be let go.
  for (let attempt = 0; ; attempt++) {
    try {
      await server.app.listen({ host: '127.0.0.1', port });
      break;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EADDRINUSE' || attempt >= 20) {
        await server.app.close();
        throw e;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { server, port: (server.app.server.address() as AddressInfo).port };
}

/** A logged-in back-office session: the sale documents as the shop manager sees them. */
async function saleDocuments(baseUrl: string): Promise<{ total: number; documents: { id: number; number: string; totalMinor: number; date: string }[] }> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin' }) });
  assert.equal(login.status, 200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${baseUrl}/api/v1/documents?type=sale&limit=5`, { headers: { cookie } });
  assert.equal(res.status, 200);
  return (await res.json()) as { total: number; documents: { id: number; number: string; totalMinor: number; date: string }[] };
}

async function scanAndPay(page: Page, barcode: string, by: 'cash' | 'card'): Promise<string> {
  await page.getByText('Skenējiet preci, lai sāktu čeku').waitFor();
  // A keyboard-wedge scanner: the digits as a fast burst, then Enter.
  await page.keyboard.type(barcode, { delay: 5 });
  await page.keyboard.press('Enter');
  await page.getByTestId('lines').getByText('Rupjmaize "Lāči"').waitFor();
  assert.match((await page.getByTestId('total').textContent()) ?? '', /^2,09\s€$/);
  await page.keyboard.press('F5');
  if (by === 'cash') {
    await page.locator('#pay-cash').fill('5');
    assert.match((await page.getByTestId('change').textContent()) ?? '', /^2,91\s€$/);
    await page.keyboard.press('Enter');
  } else {
    // All by card: the customer pays on the (emulated) Ingenico terminal.
    await page.keyboard.press('F6');
  }
  const message = page.getByTestId('message');
  await message.getByText(/Čeks T01-\d{6} pabeigts/).waitFor({ timeout: 30_000 });
  return /T01-\d{6}/.exec((await message.textContent()) ?? '')![0];
}

test('a cashier\'s shift reaches the store ledger once per receipt, also the receipt sold offline', { skip, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-till-ledger-'));
  const databaseUrl = `sqlite:${join(dir, 'store.db')}`;
  let store: StoreServer | undefined;
  let bridge: RunningBridge | undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const first = await startStore(databaseUrl, 0);
    store = first.server;
    const storeUrl = `http://127.0.0.1:${first.port}`;
    const stockBefore = await storeStock(store, BREAD.id);
    assert.ok(stockBefore >= 2, `the demo shop has bread in ${STORE_WAREHOUSE} (has ${stockBefore})`);
    const salesBefore = await saleDocuments(storeUrl);

    const configFile = join(dir, 'bridge', 'config.json');
    mkdirSync(join(dir, 'bridge'), { recursive: true });
    writeFileSync(configFile, JSON.stringify({ storeServerUrl: storeUrl, tillCode: 'T01' }));
    const emulatorDir = join(dir, 'bridge', 'emulators');
    bridge = await startBridge({
      configFile,
      emulate: true,
      emulatorKinds: ['shtrih', 'escpos', 'display', 'payment'],
      emulatorDir,
      port: 0,
      dbFile: join(dir, 'bridge', 'bridge.db'),
      tillDataDir: join(dir, 'bridge', 'till'),
      quiet: true,
    });
    const b = bridge;
    const bridgeApi = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${b.url}${path}`, { headers: { 'x-bridge-token': b.token } });
      assert.equal(res.status, 200, `${path} answers`);
      return (await res.json()) as T;
    };
    // The till has pulled the store's catalogue (597 demo goods) before the cashier starts.
    await until('the catalogue at the till', async () => ((await bridgeApi<{ catalogueItems: number }>('/api/till/status')).catalogueItems > 500 ? true : undefined));

    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(b.url);
    await page.locator('#pin').fill('1111');
    await page.keyboard.press('Enter');
    // Anna works in Latvian, as the back office says.
    await page.getByText('Neviena maiņa nav atvērta').waitFor();
    await page.keyboard.type('100');
    await page.keyboard.press('Enter');

    // --- online: the sale is fiscalised, synced and booked out of STORE
    const firstNumber = await scanAndPay(page, BREAD.barcode, 'cash');
    assert.equal(firstNumber, 'T01-000001');
    const stateFile = join(emulatorDir, 'shtrih', 'state.json');
    const fiscalJournal = () => (JSON.parse(readFileSync(stateFile, 'utf8')) as { journal: FiscalJournalEntry[] }).journal ?? [];
    const fiscalSales = () => fiscalJournal().filter((e) => e.type === 'sale');
    const fiscal = await until('the fiscal register prints the receipt', () => (existsSync(stateFile) && fiscalSales().length === 1 ? fiscalSales()[0] : undefined));
    // The register prints CP1251: "Lāči" goes on the fiscal receipt as "Laci", not as "L??i".
    assert.deepEqual(fiscal.lines?.map((l) => [l.name, l.quantityThousandths, l.priceMinor]), [['Rupjmaize "Laci"', 1000, 209]]);
    // Cash as handed over (5.00); the register works out the 2.91 change itself.
    assert.equal(fiscal.payments?.[0], 500);

    const receipts = await bridgeApi<{ receipts: { uuid: string; number: string; syncState: string }[] }>('/api/till/receipts');
    const sold = receipts.receipts.find((r) => r.number === firstNumber)!;
    const posted = await until('the store server posts the receipt', async () => ((await postedFor(store!, sold.uuid)).length ? postedFor(store!, sold.uuid) : undefined));
    assert.equal(posted.length, 1, 'one document for one receipt');
    assert.equal(posted[0]!.type, 'sale');
    assert.equal(posted[0]!.status, 'posted');
    assert.equal(Number(posted[0]!.total_minor), BREAD.priceMinor);
    assert.equal(JSON.parse(String(posted[0]!.payload)).receiptNumber, firstNumber);
    assert.equal(await storeStock(store, BREAD.id), stockBefore - 1);
    const salesAfter = await saleDocuments(storeUrl);
    assert.equal(salesAfter.total, salesBefore.total + 1, 'the manager sees one more sale');
    assert.ok(salesAfter.documents.some((d) => d.id === Number(posted[0]!.id) && d.totalMinor === BREAD.priceMinor));
    await until('the till marks it sent', async () =>
      (await bridgeApi<{ receipts: { uuid: string; syncState: string }[] }>('/api/till/receipts')).receipts.find((r) => r.uuid === sold.uuid)?.syncState === 'sent' ? true : undefined,
    );

    // --- by card: the terminal approves, the register books it as card (payment type 2), the server keeps the approval
    const cardNumber = await scanAndPay(page, BREAD.barcode, 'card');
    assert.equal(cardNumber, 'T01-000002');
    const byCard = await until('the card receipt on the fiscal register', () => (fiscalSales().length === 2 ? fiscalSales()[1] : undefined));
    assert.deepEqual(byCard.payments?.slice(0, 2), [0, 209]);
    const cardUuid = (await bridgeApi<{ receipts: { uuid: string; number: string }[] }>('/api/till/receipts')).receipts.find((r) => r.number === cardNumber)!.uuid;
    const cardDoc = await until('the card sale at the server', async () => ((await postedFor(store!, cardUuid)).length ? postedFor(store!, cardUuid) : undefined));
    const cardPayments = (JSON.parse(String(cardDoc[0]!.payload)) as { payments: { method: string; amountMinor: number; approvalCode?: string; maskedPan?: string }[] }).payments;
    assert.equal(cardPayments.length, 1);
    assert.equal(cardPayments[0]!.method, 'card');
    assert.equal(cardPayments[0]!.amountMinor, 209);
    assert.match(cardPayments[0]!.approvalCode ?? '', /^\d{6}$/);
    assert.equal(cardPayments[0]!.maskedPan, '************1234');
    const terminal = JSON.parse(readFileSync(join(emulatorDir, 'payment', 'state.json'), 'utf8')) as { transactions: { request: { amountMinor: number } }[] };
    assert.deepEqual(terminal.transactions.map((t) => t.request.amountMinor), [209], 'the card was charged once');

    // --- offline: the store server stops; the till keeps selling and queues the receipt
    await store.app.close();
    store = undefined;
    const secondNumber = await scanAndPay(page, BREAD.barcode, 'cash');
    assert.equal(secondNumber, 'T01-000003');
    await until('the offline receipt on the fiscal register', () => (fiscalSales().length === 3 ? true : undefined));
    const waiting = await until('the till reports one receipt waiting', async () => {
      const s = await bridgeApi<{ pending: number; online: boolean }>('/api/till/status');
      return s.pending === 1 && !s.online ? s : undefined;
    });
    assert.equal(waiting.pending, 1);
    // The cashier sees it: the marker turns to "Bezsaistē" (offline) with the receipts waiting.
    await page.getByTestId('online-marker').getByText('Bezsaistē').waitFor({ timeout: 15_000 });
    const offlineUuid = (await bridgeApi<{ receipts: { uuid: string; number: string }[] }>('/api/till/receipts')).receipts.find((r) => r.number === secondNumber)!.uuid;

    // --- back online on the same database: the journal drains, the receipt is posted once
    const second = await startStore(databaseUrl, first.port);
    store = second.server;
    const synced = await until(
      'the offline receipt reaches the ledger',
      async () => ((await postedFor(store!, offlineUuid)).length ? postedFor(store!, offlineUuid) : undefined),
      90_000,
    );
    await until('the till has nothing left to send', async () => ((await bridgeApi<{ pending: number }>('/api/till/status')).pending === 0 ? true : undefined), 30_000);
    assert.equal(synced.length, 1);
    assert.equal((await postedFor(store, sold.uuid)).length, 1, 'the first receipt is still booked once');
    assert.equal(await storeStock(store, BREAD.id), stockBefore - 3);
    assert.equal((await saleDocuments(storeUrl)).total, salesBefore.total + 3);

    // --- the rest of the shift: a return, a cash pick-up, the Z report
    // The customer brings the first loaf back with the receipt: its barcode is scanned, Jānis approves with his PIN.
    await page.locator('.code-input').focus();
    await page.keyboard.type(firstNumber, { delay: 5 });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Rupjmaize "Lāči"').waitFor();
    await dialog.locator('tbody input').fill('1');
    await page.locator('#approver-pin').fill('2222');
    await dialog.getByRole('button', { name: 'Atmaksāt skaidrā' }).click();
    await page.getByTestId('message').getByText(/^Atgriešana T01-000004 pabeigta. Atmaksāts: 2,09\s€$/).waitFor();
    const returned = (await bridgeApi<{ receipts: { uuid: string; number: string }[] }>('/api/till/receipts')).receipts.find((r) => r.number === 'T01-000004')!;
    const returnDoc = await until('the return at the server', async () => ((await postedFor(store!, returned.uuid)).length ? postedFor(store!, returned.uuid) : undefined));
    assert.equal(returnDoc[0]!.type, 'sale_return');
    assert.equal(await storeStock(store, BREAD.id), stockBefore - 2, 'the loaf is back on the shelf');
    await until('the return on the fiscal register', () => (fiscalJournal().some((e) => e.type === 'return') ? true : undefined));

    // The card customer changes their mind: Jānis cancels the whole paid receipt; the terminal voids the payment.
    await page.keyboard.press('F10');
    await dialog.locator('input').first().fill(cardNumber);
    await page.keyboard.press('Enter');
    await dialog.getByText('Rupjmaize "Lāči"').waitFor();
    await page.locator('#approver-pin').fill('2222');
    await dialog.getByRole('button', { name: 'Anulēt visu čeku' }).click();
    await page.getByTestId('message').getByText(/^Atgriešana T01-000005 pabeigta. Atmaksāts: 2,09\s€$/).waitFor();
    const voids = JSON.parse(readFileSync(join(emulatorDir, 'payment', 'state.json'), 'utf8')) as { transactions: { request: { amountMinor: number; type: string } }[] };
    assert.equal(voids.transactions.length, 2, 'the purchase, then its cancellation');
    assert.equal(voids.transactions[1]!.request.amountMinor, 209);
    assert.notEqual(voids.transactions[1]!.request.type, voids.transactions[0]!.request.type);
    const cancelled = (await bridgeApi<{ receipts: { uuid: string; number: string }[] }>('/api/till/receipts')).receipts.find((r) => r.number === 'T01-000005')!;
    await until('the cancellation at the server', async () => ((await postedFor(store!, cancelled.uuid)).length ? true : undefined));
    assert.equal(await storeStock(store, BREAD.id), stockBefore - 1, 'both loaves are back');

    // 10.00 taken out of the drawer to the safe (F11, "-" switches to cash out).
    await page.keyboard.press('F11');
    await page.keyboard.press('-');
    await page.keyboard.type('10');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Uz seifu');
    await page.keyboard.press('Enter');
    await page.getByTestId('message').getByText('Naudas kustība reģistrēta').waitFor();

    // Z report: float 100.00 + cash sales 2 × 2.09 − refund 2.09 − 10.00 out = 92.09 expected; 92.00 counted.
    await page.keyboard.press('F12');
    await dialog.getByText('Atvilktnē jābūt').waitFor();
    await page.keyboard.type('92');
    await page.keyboard.press('Enter');
    await dialog.getByText('Z atskaite').waitFor();
    const row = (label: string) => dialog.locator('tr', { hasText: label }).locator('td.num');
    assert.match((await row('Atvilktnē jābūt').textContent()) ?? '', /^92,09\s€$/);
    assert.match((await row('Starpība').textContent()) ?? '', /^-0,09\s€$/);
    await until('the Z report on the fiscal register', () => (fiscalJournal().some((e) => e.type === 'z_report') ? true : undefined));
    assert.deepEqual(fiscalJournal().filter((e) => e.type === 'cash_out').map((e) => e.amountMinor), [1000]);
    await page.keyboard.press('Enter');
    await page.getByText('Neviena maiņa nav atvērta').waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await bridge?.close();
    await store?.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
