// The browser journeys the UI test walks, against any running store server that serves the built UI:
// anonymous pages load without console errors; a manager receives two items and posts the document;
// a storekeeper signs in on the handheld and sees the task menu.
import assert from 'node:assert/strict';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Collects everything Chromium reports as a console error or an uncaught exception on a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.press('input[name=password]', 'Enter');
}

export async function anonymousPagesLoadCleanly(browser: Browser, baseUrl: string): Promise<void> {
  for (const path of ['/', '/terminal']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
    await page.waitForSelector('form input[name=username]');
    const text = await page.locator('body').innerText();
    assert.match(text, /Sign in/, `${path} shows a login form`);
    assert.deepEqual(errors, [], `${path} loads without console errors`);
    await context.close();
  }
}

export async function managerReceivesTwoItemsAndPosts(browser: Browser, baseUrl: string, username = 'manager', password = 'manager'): Promise<void> {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(baseUrl + '/', { waitUntil: 'networkidle' });
  await signIn(page, username, password);
  await page.waitForSelector('nav.menu');

  // Two real item codes from the demo catalogue.
  const codes = await page.evaluate(async () => {
    const r = await fetch('/api/v1/items?limit=2');
    const body = (await r.json()) as { items: { code: string }[] };
    return body.items.map((i) => i.code);
  });
  assert.equal(codes.length, 2, 'the demo catalogue has at least two items');

  await page.click('nav.menu a[href="/documents"]');
  await page.waitForURL(/\/documents$/);
  await page.click('a[href^="/documents/new"]');
  await page.waitForSelector('select[name=type]');
  await page.selectOption('select[name=type]', 'receiving');
  await page.waitForFunction(() => document.querySelectorAll('select[name=warehouseId] option').length > 0);

  // Keyboard only, as a storekeeper at the desk: code ⏎ quantity ⏎ price ⏎ (new line) code ⏎ ...
  const lines: [string, string, string][] = [
    [codes[0]!, '3', '1.20'],
    [codes[1]!, '2,5', '0.80'],
  ];
  for (const [i, [code, qty, price]] of lines.entries()) {
    const row = page.locator('table.lines tbody tr').nth(i);
    await row.locator('input[name=code]').fill(code);
    await row.locator('input[name=code]').press('Enter');
    await page.waitForFunction((n) => document.activeElement === document.querySelectorAll('table.lines input[name=quantity]')[n], i);
    await page.keyboard.type(qty);
    await page.keyboard.press('Enter');
    await page.keyboard.type(price);
    await page.keyboard.press('Enter');
  }
  // React renders the new line after the key press: wait for it rather than race it.
  await page.waitForFunction(() => document.querySelectorAll('table.lines tbody tr').length === 3, undefined, { timeout: 5000 }).catch(() => undefined);
  assert.equal(await page.locator('table.lines tbody tr').count(), 3, 'Enter on the last price opened a third line');
  // PayTraq's shortcut: N outside a text field adds a line; empty lines are left out of the document.
  await page.locator('h1').click();
  await page.keyboard.press('n');
  await page.waitForFunction(() => document.querySelectorAll('table.lines tbody tr').length === 4, undefined, { timeout: 5000 }).catch(() => undefined);
  assert.equal(await page.locator('table.lines tbody tr').count(), 4, 'N added a fourth line');
  await page.click('button[type=submit]');

  await page.waitForURL(/\/documents\/[^/]+$/);
  await page.waitForSelector('.badge[data-status=draft]');
  assert.equal(await page.locator('table.grid tbody tr').count(), 2);
  await page.click('button:has-text("Post")');
  await page.waitForSelector('.badge[data-status=posted]');
  assert.match(await page.locator('.badge').first().innerText(), /Posted/);
  assert.deepEqual(errors, [], 'no console errors in the back office');
  await context.close();
}

export async function storekeeperOpensTerminal(browser: Browser, baseUrl: string, username = 'storekeeper', password = 'storekeeper'): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 400, height: 760 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(baseUrl + '/terminal', { waitUntil: 'networkidle' });
  await signIn(page, username, password);
  await page.waitForSelector('nav.tasks');
  const text = await page.locator('nav.tasks').innerText();
  for (const task of ['Receive goods', 'Stocktake count', 'Transfer']) assert.ok(text.includes(task), `task menu lists ${task}`);
  assert.match(await page.locator('.status-bar').innerText(), /All sent|Queued/);

  // The language is remembered for this user: Latvian survives a reload.
  await page.selectOption('header select', 'lv');
  await page.waitForSelector('text=Izvēlieties uzdevumu');
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForSelector('text=Izvēlieties uzdevumu');
  assert.deepEqual(errors, [], 'no console errors on the terminal');
  await context.close();
}
