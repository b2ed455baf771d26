// Screenshots of the warehouse flows for the README, taken from the real server with demo data in headless Chromium:
//   node --import tsx backoffice/ui/src/browser/screenshots.ts [out dir, default backoffice/ui/screenshots]
// (build the UI first: npx vite build --config backoffice/ui/vite.config.ts)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { chromiumArgs } from './journey';
import { allSent, call, scan, signedIn } from './warehouse-journey';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const out = resolve(process.argv[2] ?? fileURLToPath(new URL('../../screenshots', import.meta.url)));
mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'kasa-shots-'));
const { buildServer } = (await import('@kasa/backoffice')) as unknown as { buildServer(o: Record<string, unknown>): Promise<{ app: import('fastify').FastifyInstance; db: import('@kasa/db').Db }> };
const { app, db } = await buildServer({ databaseUrl: `sqlite:${join(dir, 'kasa.db')}`, demo: true, uiDir: fileURLToPath(new URL('../../dist', import.meta.url)) });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
try {
  const m = await signedIn(browser, base, 'manager', '/');
  await m.page.setViewportSize({ width: 1280, height: 860 });
  const recs = await call(m.page, 'GET', '/api/v1/documents?type=receiving&status=posted&limit=100');
  const rec = (await call(m.page, 'GET', `/api/v1/documents/${recs.documents.find((d: Json) => d.partnerId !== null).id}`)).document;
  const lines = (rec.lines as Json[]).slice(0, 3);
  const items = await Promise.all(lines.map(async (l) => (await call(m.page, 'GET', `/api/v1/items/${l.itemId}`)).item as Json));
  const order = (
    await call(m.page, 'POST', '/api/v1/documents', {
      type: 'supplier_order',
      date: new Date().toISOString().slice(0, 10),
      warehouseId: rec.warehouseId,
      partnerId: rec.partnerId,
      lines: lines.map((l, i) => ({ itemId: l.itemId, quantity: '6', priceMinor: i === 0 ? Math.round((l.priceMinor * 5) / 4) : l.priceMinor })),
    })
  ).document;

  // The handheld receiving against the order.
  const tsd = await signedIn(browser, base, 'storekeeper', '/terminal', true);
  await tsd.page.click('button:has-text("Receive goods")');
  await tsd.page.click(`button:has-text("${order.number}")`);
  await scan(tsd.page, items[0]!.barcodes[0], '6');
  await scan(tsd.page, items[1]!.barcodes[0], '5');
  await tsd.page.screenshot({ path: join(out, 'terminal-receive.png') });
  await tsd.page.click('button:has-text("Finish")');
  await allSent(tsd.page);

  const rel = await call(m.page, 'GET', `/api/v1/documents/${order.id}/relations`);
  await m.page.goto(`${base}/documents/${rel.derived[0].id}`, { waitUntil: 'networkidle' });
  await m.page.click('button[name=post]');
  await m.page.waitForSelector('.price-control');
  await m.page.screenshot({ path: join(out, 'receiving-awaiting-approval.png'), fullPage: true });
  await m.page.click('button[name=approve]');
  await m.page.waitForSelector('.badge[data-status=posted]');

  // A stocktake of one item group, counted on the handheld.
  await m.page.goto(`${base}/documents/new?type=stocktake`, { waitUntil: 'networkidle' });
  await m.page.waitForFunction(() => document.querySelectorAll('select[name=itemGroupId] option').length > 1);
  // The group of the first received item, so the count has something on the books.
  const g = await db.kysely.selectFrom('items').select('group_id').where('id', '=', Number(items[0]!.id)).executeTakeFirstOrThrow();
  await m.page.selectOption('select[name=itemGroupId]', String(g.group_id));
  await m.page.selectOption('select[name=warehouseId]', String(rec.warehouseId));
  await m.page.click('button[type=submit]');
  await m.page.waitForSelector('table.stocktake-rows tbody tr');
  const stocktakeUrl = m.page.url();
  const number = (await m.page.locator('h1').innerText()).match(/INV-\S+/)![0];
  const codes = await m.page.locator('table.stocktake-rows tbody tr').evaluateAll((rows) => rows.slice(0, 3).map((r) => r.getAttribute('data-item')));
  const counted = await Promise.all(codes.map(async (c) => ((await call(m.page, 'GET', `/api/v1/items?q=${encodeURIComponent(c!)}`)).items as Json[])[0]!));
  await tsd.page.click('button:has-text("Stocktake count")');
  await tsd.page.click(`button:has-text("${number}")`);
  for (const [i, it] of counted.entries()) await scan(tsd.page, it.barcodes[0], String(i + 2));
  await allSent(tsd.page);
  await tsd.page.screenshot({ path: join(out, 'terminal-stocktake.png') });
  await m.page.goto(stocktakeUrl, { waitUntil: 'networkidle' });
  await m.page.waitForSelector('table.stocktake-rows tbody tr');
  await m.page.screenshot({ path: join(out, 'stocktake-differences.png') });

  // Labels for the received goods.
  await m.page.goto(`${base}/labels?items=${items.map((i) => i.id).join(',')}`, { waitUntil: 'networkidle' });
  await m.page.waitForSelector('svg.label-preview');
  await m.page.screenshot({ path: join(out, 'labels-preview.png') });
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
