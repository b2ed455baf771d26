// A manager edits an item in the catalogue: a rename keeps its VAT group and marking; withdrawing it from sale hides
// it from the list until "show withdrawn" is ticked; putting it back on sale restores it.
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { call, signedIn } from './warehouse-journey';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function managerRenamesAndWithdrawsAnItem(browser: Browser, baseUrl: string): Promise<void> {
  const manager = await signedIn(browser, baseUrl, 'manager', '/');
  const { page } = manager;
  // Saves the form and waits for the server's answer (the "saved" note may still show from the save before).
  const save = async () => {
    const answered = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/items/'));
    await page.click('form.form button[type=submit]');
    assert.equal((await answered).status(), 200);
    await page.waitForSelector('p.ok');
  };
  const groups = ((await call(page, 'GET', '/api/v1/vat-groups')) as Json).vatGroups as Json[] | undefined;
  const items = ((await call(page, 'GET', '/api/v1/items?limit=500')).items as Json[]).filter((i) => i.marked);
  // A marked item whose VAT group is not the first one offered: a form that forgot either would change it.
  const firstGroup = groups?.[0]?.id;
  const item = items.find((i) => i.vatGroupId !== firstGroup) ?? items[0];
  assert.ok(item, 'the demo has a marked item');

  await page.goto(`${baseUrl}/catalogue/${item.id}`, { waitUntil: 'networkidle' });
  await page.waitForFunction((name) => (document.querySelector('input[name=name]') as HTMLInputElement | null)?.value === name, item.name);
  await page.fill('input[name=name]', `${item.name} (new)`);
  await save();
  const renamed = (await call(page, 'GET', `/api/v1/items/${item.id}`)).item as Json;
  assert.equal(renamed.name, `${item.name} (new)`);
  assert.equal(renamed.vatGroupId, item.vatGroupId, 'the VAT group is kept');
  assert.equal(renamed.marked, true, 'marking is kept');

  await page.uncheck('input[name=active]');
  await save();
  await page.goto(`${baseUrl}/catalogue`, { waitUntil: 'networkidle' });
  await page.fill('input.search', item.code);
  await page.waitForFunction(() => document.querySelectorAll('table.grid tbody tr').length === 0);
  await page.check('input[name=withdrawn]');
  await page.waitForSelector('table.grid tbody tr .badge');
  assert.match(await page.locator('table.grid tbody tr').first().innerText(), new RegExp(item.code));

  await page.click(`table.grid a[href="/catalogue/${item.id}"]`);
  await page.waitForFunction(() => (document.querySelector('input[name=active]') as HTMLInputElement | null)?.checked === false);
  await page.check('input[name=active]');
  await page.fill('input[name=name]', item.name);
  await save();
  assert.equal(((await call(page, 'GET', `/api/v1/items/${item.id}`)).item as Json).active, true);
  assert.deepEqual(manager.errors, [], 'no console errors in the back office');
  await manager.context.close();
}
