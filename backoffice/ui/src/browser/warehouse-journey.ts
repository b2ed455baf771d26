// Warehouse journeys in Chromium against the real store server with demo data: a supplier order received on the
// handheld by scanning, with a price rise the manager approves; a stocktake counted on two handhelds and posted;
// a transfer dispatched and received short; labels previewed and printed.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { watchErrors } from './journey';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function signedIn(browser: Browser, baseUrl: string, user: string, path: string, handheld = false): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext(handheld ? { viewport: { width: 400, height: 760 }, locale: 'en-GB' } : { locale: 'en-GB' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', user);
  await page.press('input[name=password]', 'Enter');
  await page.waitForSelector(handheld ? 'nav.tasks' : 'nav.menu');
  return { context, page, errors };
}

/** The page's own session calls the API (same cookie), as the UI would. */
export async function call(page: Page, method: string, path: string, body?: unknown): Promise<Json> {
  return page.evaluate(
    async ([m, p, b]) => {
      const r = await fetch(p as string, { method: m as string, headers: b === undefined ? {} : { 'content-type': 'application/json' }, body: b === undefined ? undefined : JSON.stringify(b) });
      return (await r.json()) as Json;
    },
    [method, path, body] as const,
  );
}

export async function scan(page: Page, barcode: string, quantity: string): Promise<void> {
  await page.fill('input[name=barcode]', barcode);
  await page.press('input[name=barcode]', 'Enter');
  await page.waitForSelector('input[name=quantity]');
  await page.fill('input[name=quantity]', quantity);
  await page.press('input[name=quantity]', 'Enter');
  await page.waitForSelector('input[name=barcode]');
}

export async function allSent(page: Page): Promise<void> {
  await page.waitForSelector('.queued[data-queued="0"]', { timeout: 20_000 });
}

export async function supplierOrderReceivedOnTerminalAndApproved(browser: Browser, baseUrl: string): Promise<void> {
  const manager = await signedIn(browser, baseUrl, 'manager', '/');
  // A supplier's last posted receiving gives two items and their last prices; the order asks 30 % more for the first.
  const recs = await call(manager.page, 'GET', '/api/v1/documents?type=receiving&status=posted&limit=100');
  const last = recs.documents.find((d: Json) => d.partnerId !== null);
  const rec = (await call(manager.page, 'GET', `/api/v1/documents/${last.id}`)).document;
  const [a, b] = rec.lines as Json[];
  const itemA = (await call(manager.page, 'GET', `/api/v1/items/${a!.itemId}`)).item;
  const itemB = (await call(manager.page, 'GET', `/api/v1/items/${b!.itemId}`)).item;
  assert.ok(itemA.barcodes[0] && itemB.barcodes[0], 'demo items carry barcodes');
  const dearer = Math.round((a!.priceMinor * 13) / 10);
  const order = (
    await call(manager.page, 'POST', '/api/v1/documents', {
      type: 'supplier_order',
      date: new Date().toISOString().slice(0, 10),
      warehouseId: rec.warehouseId,
      partnerId: rec.partnerId,
      lines: [
        { itemId: a!.itemId, quantity: '4', priceMinor: dearer },
        { itemId: b!.itemId, quantity: '2', priceMinor: b!.priceMinor },
      ],
    })
  ).document;

  // The storekeeper receives it on the handheld: scan → quantity → next; one short of the first item.
  const tsd = await signedIn(browser, baseUrl, 'storekeeper', '/terminal', true);
  await tsd.page.click('button:has-text("Receive goods")');
  await tsd.page.click(`button:has-text("${order.number}")`);
  await scan(tsd.page, itemA.barcodes[0], '3');
  await scan(tsd.page, itemB.barcodes[0], '2');
  assert.match(await tsd.page.locator('table.tally').innerText(), /3/);
  await tsd.page.click('button:has-text("Finish")');
  await tsd.page.waitForSelector('nav.tasks');
  await allSent(tsd.page);
  assert.deepEqual(tsd.errors, [], 'no console errors on the handheld');
  await tsd.context.close();

  // The manager opens the receiving made from the order: ordered against received, then Post stops for approval.
  const rel = await call(manager.page, 'GET', `/api/v1/documents/${order.id}/relations`);
  assert.equal(rel.derived.length, 1, 'the handheld made one receiving referencing the order');
  await manager.page.goto(`${baseUrl}/documents/${rel.derived[0].id}`, { waitUntil: 'networkidle' });
  await manager.page.waitForSelector('table.order-differences');
  const diff = await manager.page.locator('table.order-differences tbody tr').first().innerText();
  assert.match(diff, /-1/, 'one piece of the first item is missing against the order');
  await manager.page.click('button[name=post]');
  await manager.page.waitForSelector('.badge[data-status=awaiting_approval]');
  await manager.page.waitForSelector('.price-control table.flagged');
  assert.match(await manager.page.locator('.price-control').innerText(), /\+30\.\d\d %|\+2\d\.\d\d %|\+3\d\.\d\d %/);
  await manager.page.click('button[name=approve]');
  await manager.page.waitForSelector('.badge[data-status=posted]');
  assert.deepEqual(manager.errors, [], 'no console errors in the back office');
  await manager.context.close();
}

export async function stocktakeCountedOnTwoTerminals(browser: Browser, baseUrl: string): Promise<void> {
  const manager = await signedIn(browser, baseUrl, 'manager', '/');
  await manager.page.click('nav.menu a[href="/stocktakes"]');
  await manager.page.click('a[href^="/documents/new"]');
  await manager.page.waitForSelector('select[name=duplicates]');
  await manager.page.waitForFunction(() => document.querySelectorAll('select[name=warehouseId] option').length > 0);
  await manager.page.click('button[type=submit]');
  await manager.page.waitForSelector('table.stocktake-rows');
  const stocktakeUrl = manager.page.url();
  const number = (await manager.page.locator('h1').innerText()).match(/INV-\S+/)![0];
  // Two items on the books, by their barcodes.
  const items = (await call(manager.page, 'GET', '/api/v1/items?limit=2')).items as Json[];

  const counts: [string, [number, string][]][] = [
    ['T1', [[0, '2']]],
    ['T2', [[0, '3'], [1, '1']]],
  ];
  for (const [, scans] of counts) {
    const tsd = await signedIn(browser, baseUrl, 'storekeeper', '/terminal', true);
    await tsd.page.click('button:has-text("Stocktake count")');
    await tsd.page.click(`button:has-text("${number}")`);
    for (const [i, q] of scans) await scan(tsd.page, items[i]!.barcodes[0], q);
    await allSent(tsd.page);
    await tsd.page.click('button:has-text("Finish")');
    assert.deepEqual(tsd.errors, [], 'no console errors on the handheld');
    await tsd.context.close();
  }

  await manager.page.goto(stocktakeUrl, { waitUntil: 'networkidle' });
  const row = manager.page.locator(`table.stocktake-rows tr[data-item="${items[0]!.code}"]`);
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  // counted 2 + 3 = 5 on two handhelds, in two counts
  assert.equal(cells[5], '5');
  assert.equal(cells[8], '2');
  await manager.page.click('button[name=post-stocktake]');
  await manager.page.waitForSelector('.badge[data-status=posted]', { timeout: 30_000 });
  await manager.page.waitForSelector('.stocktake-result a');
  assert.deepEqual(manager.errors, [], 'no console errors in the back office');
  await manager.context.close();
}

export async function transferDispatchedAndReceivedShort(browser: Browser, baseUrl: string): Promise<void> {
  const manager = await signedIn(browser, baseUrl, 'manager', '/');
  const whs = (await call(manager.page, 'GET', '/api/v1/warehouses')).warehouses as Json[];
  const stock = (await call(manager.page, 'GET', `/api/v1/stock?warehouseId=${whs[0]!.id}&limit=50`)).balances as Json[];
  const item = stock.find((b) => Number(b.quantity) >= 5)!;
  const trf = (await call(manager.page, 'POST', '/api/v1/documents', { type: 'transfer', date: new Date().toISOString().slice(0, 10), warehouseId: whs[0]!.id, toWarehouseId: whs[1]!.id, lines: [{ itemId: item.itemId, quantity: '5' }] })).document;
  await manager.page.goto(`${baseUrl}/documents/${trf.id}`, { waitUntil: 'networkidle' });
  await manager.page.click('button[name=dispatch]');
  await manager.page.waitForSelector('.badge[data-status=in_transit]');
  await manager.page.click('button[name=receive]');
  await manager.page.fill('input[name=received]', '4');
  await manager.page.click('.transfer-receive button[type=submit]');
  await manager.page.waitForSelector('.badge[data-status=posted]');
  const received = await manager.page.locator('table.received tbody tr').innerText();
  assert.match(received, /5\s+4\s+-1/);
  assert.deepEqual(manager.errors, [], 'no console errors in the back office');
  await manager.context.close();
}

/** Labels from a list of items: the preview draws EAN-13 bars; Print goes through the store server to the bridge. */
export async function labelsPreviewedAndPrinted(browser: Browser, baseUrl: string, expectPrinted: boolean): Promise<void> {
  const manager = await signedIn(browser, baseUrl, 'manager', '/');
  const items = (await call(manager.page, 'GET', '/api/v1/items?limit=2')).items as Json[];
  await manager.page.goto(`${baseUrl}/labels?items=${items.map((i) => i.id).join(',')}`, { waitUntil: 'networkidle' });
  await manager.page.waitForSelector('svg.label-preview');
  assert.equal(await manager.page.locator('svg.label-preview').count(), 2);
  assert.ok((await manager.page.locator('svg.label-preview').first().locator('g.bars rect').count()) > 20, 'EAN-13 bars are drawn');
  assert.match(await manager.page.locator('svg.label-preview').first().getAttribute('aria-label') ?? '', new RegExp(items[0]!.name.slice(0, 10).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await manager.page.selectOption('select[name=template]', 'shelf-label');
  await manager.page.waitForSelector('svg.label-preview[data-template=shelf-label]');
  await manager.page.click('button[name=print]');
  if (expectPrinted) await manager.page.waitForSelector('p.ok[role=status]', { timeout: 30_000 });
  else await manager.page.waitForSelector('p.error[role=alert]');
  await manager.context.close();
}

/** Catalogue management: a new price valid from a later date joins the item's history; a new supplier is added. */
export async function managerSetsAFuturePriceAndAddsASupplier(browser: Browser, baseUrl: string): Promise<void> {
  const manager = await signedIn(browser, baseUrl, 'manager', '/');
  const item = ((await call(manager.page, 'GET', '/api/v1/items?limit=1')).items as Json[])[0]!;
  await manager.page.goto(`${baseUrl}/catalogue/${item.id}`, { waitUntil: 'networkidle' });
  await manager.page.waitForSelector('.price-history table.prices tbody tr');
  const before = await manager.page.locator('table.prices tbody tr').count();
  await manager.page.fill('input[name=newPrice]', '9.99');
  await manager.page.fill('input[name=validFrom]', '2099-01-01');
  await manager.page.click('.price-history button[type=submit]');
  await manager.page.waitForFunction((n) => document.querySelectorAll('table.prices tbody tr').length === n + 1, before);
  assert.match(await manager.page.locator('table.prices tbody tr').first().innerText(), /9[.,]99/);
  assert.equal(await manager.page.locator('table.prices tbody tr').first().locator('.badge').count(), 0, 'a future price is not in force yet');
  await manager.page.waitForSelector('.price-history a[href^="/labels"]');

  await manager.page.click('nav.menu a[href="/partners"]');
  await manager.page.waitForSelector('form.partner-form');
  await manager.page.fill('input[name=code]', 'S-JOURNEY');
  await manager.page.fill('input[name=name]', 'Ceļojuma piegādātājs');
  await manager.page.click('form.partner-form button[type=submit]');
  await manager.page.waitForSelector('text=Ceļojuma piegādātājs');
  assert.deepEqual(manager.errors, [], 'no console errors in the back office');
  await manager.context.close();
}

/** A transfer in transit received on the handheld: 3 of 5 scanned, the shortfall recorded on Finish. */
export async function transferReceivedOnTerminal(browser: Browser, baseUrl: string): Promise<void> {
  const manager = await signedIn(browser, baseUrl, 'manager', '/');
  const whs = (await call(manager.page, 'GET', '/api/v1/warehouses')).warehouses as Json[];
  // From whichever warehouse holds a barcoded item with 5 on hand, to the other one.
  let item: Json | undefined;
  let from = whs[0]!;
  search: for (const w of whs) {
    const stock = (await call(manager.page, 'GET', `/api/v1/stock?warehouseId=${w.id}&limit=200`)).balances as Json[];
    for (const b of stock.filter((x) => Number(x.quantity) >= 5)) {
      const it = (await call(manager.page, 'GET', `/api/v1/items/${b.itemId}`)).item;
      if (it.barcodes[0]) {
        item = it;
        from = w;
        break search;
      }
    }
  }
  assert.ok(item, 'an item with a barcode and 5 on hand');
  const to = whs.find((w) => w.id !== from.id)!;
  const trf = (await call(manager.page, 'POST', '/api/v1/documents', { type: 'transfer', date: new Date().toISOString().slice(0, 10), warehouseId: from.id, toWarehouseId: to.id, lines: [{ itemId: item.id, quantity: '5' }] })).document;
  await call(manager.page, 'POST', `/api/v1/documents/${trf.id}/dispatch`, {});

  const tsd = await signedIn(browser, baseUrl, 'storekeeper', '/terminal', true);
  await tsd.page.click('button:has-text("Receive goods")');
  await tsd.page.click(`button:has-text("${trf.number}")`);
  await scan(tsd.page, item.barcodes[0], '3');
  await tsd.page.click('button:has-text("Finish")');
  await tsd.page.waitForSelector('nav.tasks');
  await allSent(tsd.page);
  assert.deepEqual(tsd.errors, [], 'no console errors on the handheld');
  await tsd.context.close();

  const done = (await call(manager.page, 'GET', `/api/v1/documents/${trf.id}`)).document;
  assert.equal(done.status, 'posted');
  assert.deepEqual(done.payload.received, [{ itemId: item.id, sent: '5.000', received: '3.000', difference: '-2.000' }]);
  await manager.context.close();
}
