// The built UI in headless Chromium against the real store server (temp SQLite, demo data). Builds nothing:
// run `npx vite build --config backoffice/ui/vite.config.ts` first, else the test skips and says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { anonymousPagesLoadCleanly, chromiumArgs, managerReceivesTwoItemsAndPosts, storekeeperOpensTerminal } from './journey';
import { managerRenamesAndWithdrawsAnItem } from './catalogue-journey';
import { labelsPreviewedAndPrinted, managerSetsAFuturePriceAndAddsASupplier, stocktakeCountedOnTwoTerminals, supplierOrderReceivedOnTerminalAndApproved, transferDispatchedAndReceivedShort, transferReceivedOnTerminal } from './warehouse-journey';

const uiDist = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
const serverDir = fileURLToPath(new URL('../../../src/server', import.meta.url));
const chromiumPath = '/usr/bin/chromium';

interface Listening {
  listen(opts: { port: number; host: string }): Promise<unknown>;
  close(): Promise<unknown>;
  server: { address(): AddressInfo | string | null };
}
interface Bridge {
  url: string;
  token: string;
  emulators: { kind: string; view: { labels?(): string[] } }[];
  close(): Promise<void>;
}
type BuildServer = (opts: { databaseUrl: string; demo: boolean; uiDir?: string }) => Promise<Listening | { app: Listening }>;

async function findBuildServer(): Promise<BuildServer | string> {
  if (!existsSync(uiDist)) return 'backoffice/ui/dist is missing: run `npx vite build --config backoffice/ui/vite.config.ts` first';
  if (!existsSync(serverDir)) return 'backoffice/src/server is missing: the store server is not built yet';
  if (!existsSync(chromiumPath)) return `${chromiumPath} is missing: apt-get install -y chromium`;
  const mod = (await import('@kasa/backoffice')) as Record<string, unknown>;
  if (typeof mod.buildServer !== 'function') return '@kasa/backoffice does not export buildServer yet';
  return mod.buildServer as BuildServer;
}

const found = await findBuildServer();

test('back office and warehouse terminal in Chromium', { skip: typeof found === 'string' ? found : false, timeout: 180_000 }, async (t) => {
  const buildServer = found as BuildServer;
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'kasa-ui-'));
  const built = await buildServer({ databaseUrl: `sqlite:${join(dir, 'kasa.db')}`, demo: true, uiDir: join(uiDist, '..') });
  const app = 'app' in built ? built.app : built;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${address.port}`;
    await t.test('/ and /terminal load with a login form and no console errors', () => anonymousPagesLoadCleanly(browser, baseUrl));
    await t.test('a manager receives two items on a new document and posts it', () => managerReceivesTwoItemsAndPosts(browser, baseUrl));
    await t.test('a storekeeper signs in on the handheld and sees the task menu', () => storekeeperOpensTerminal(browser, baseUrl));
    await t.test('a supplier order received on the handheld by scanning; the manager approves the price rise and it posts', () => supplierOrderReceivedOnTerminalAndApproved(browser, baseUrl));
    await t.test('a stocktake counted on two handhelds, differences posted as surplus and shortage', () => stocktakeCountedOnTwoTerminals(browser, baseUrl));
    await t.test('a transfer dispatched, then received one short', () => transferDispatchedAndReceivedShort(browser, baseUrl));
    await t.test('a transfer in transit received on the handheld, two short', () => transferReceivedOnTerminal(browser, baseUrl));
    await t.test('a manager sets a price valid from a later date and adds a supplier', () => managerSetsAFuturePriceAndAddsASupplier(browser, baseUrl));
    await t.test('a manager renames a marked item (VAT group and marking kept), withdraws it from sale and brings it back', () => managerRenamesAndWithdrawsAnItem(browser, baseUrl));
    await t.test('labels previewed in the browser; without a bridge, Print says so', () => labelsPreviewedAndPrinted(browser, baseUrl, false));
    await t.test('labels printed on the bridge\'s ZPL label printer emulator', async () => {
      // The real device bridge with its ZPL emulator on a pty pair, loaded by name (the back office only speaks HTTP to it).
      const bridgeModule = '@kasa/device-bridge';
      const { startBridge } = (await import(bridgeModule)) as { startBridge(o: Record<string, unknown>): Promise<Bridge> };
      const bridge = await startBridge({ configFile: join(dir, 'bridge', 'config.json'), emulate: true, emulatorKinds: ['zpl'], port: 0, quiet: true, tillDist: join(dir, 'no-till'), tillDataDir: join(dir, 'till') });
      try {
        const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin' }) });
        const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
        const put = await fetch(`${baseUrl}/api/v1/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ 'labels.bridge_url': bridge.url, 'labels.bridge_token': bridge.token }) });
        assert.equal(put.status, 200);
        await labelsPreviewedAndPrinted(browser, baseUrl, true);
        const zpl = bridge.emulators.find((e) => e.kind === 'zpl')!;
        // The print job is done once the bytes are written; the emulator may still be reading the pty.
        for (let i = 0; i < 100 && zpl.view.labels!().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
        assert.equal(zpl.view.labels!().length, 2, 'two shelf labels came out of the emulator');
      } finally {
        await bridge.close();
      }
    });
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
