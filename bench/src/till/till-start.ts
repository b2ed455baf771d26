// A till starting as the cashier sees it: startBridge() on a till folder whose cache is already filled, until the
// page answers and until the built UI shows the PIN field in headless Chromium (launched beforehand, not timed).
// On the first start of each till the demo cashier Anna (PIN 1111) logs in, opens the shift if none is open, and
// types the first letters of a name: typed → first result on screen (the UI waits 120 ms after the last key).

import { chromium, type Browser } from 'playwright-core';
import { startBridgeTill } from './bridge-till';
import { summarise, type QueryTimes } from './timing';

export const CHROMIUM = '/usr/bin/chromium';

export interface StartTimes {
  starts: number;
  /** startBridge() until it resolved (listening, till routes registered, cache opened). */
  bridgeMs: QueryTimes;
  /** startBridge() until GET / answered 200 with the till page. */
  pageMs: QueryTimes;
  /** startBridge() until the PIN field is visible in Chromium. */
  pinScreenMs: QueryTimes;
  /** Name typed into the code field until the first result shows, after login (first start only). */
  typedSearchMs: QueryTimes;
}

async function oneStart(browser: Browser, folder: string, searchWords: string[] | null): Promise<{ bridge: number; page: number; pin: number; searches: number[] }> {
  const t0 = performance.now();
  const till = await startBridgeTill(folder);
  try {
    const bridge = performance.now() - t0;
    const res = await fetch(till.url + '/', { headers: { accept: 'text/html' } });
    await res.text();
    if (!res.ok) throw new Error(`the till page answered ${res.status}`);
    const page = performance.now() - t0;
    const tab = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    try {
      await tab.goto(till.url + '/');
      await tab.locator('#pin').waitFor({ timeout: 30_000 });
      const pin = performance.now() - t0;
      const searches: number[] = [];
      if (searchWords) {
        await tab.locator('#pin').fill('1111');
        await tab.keyboard.press('Enter');
        const shiftOpen = tab.locator('input[inputmode="decimal"]');
        const code = tab.locator('.code-input');
        await shiftOpen.or(code).first().waitFor({ timeout: 30_000 });
        if (await shiftOpen.isVisible()) {
          await shiftOpen.fill('50');
          await tab.keyboard.press('Enter');
        }
        await code.waitFor({ timeout: 30_000 });
        const first = tab.locator('.results li').first();
        for (const w of searchWords) {
          await code.fill('');
          await first.waitFor({ state: 'detached', timeout: 10_000 });
          const t = performance.now();
          await code.fill(w);
          await first.waitFor({ timeout: 10_000 });
          searches.push(performance.now() - t);
        }
      }
      return { bridge, page, pin, searches };
    } finally {
      await tab.close();
    }
  } finally {
    await till.close();
  }
}

/** Starts each till `starts` times, alternating big and small so both see the same machine state. */
export async function measureStarts(folders: { big: string; small: string }, starts: number, searchWords: string[]): Promise<{ big: StartTimes; small: StartTimes }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const runs = { big: [] as Awaited<ReturnType<typeof oneStart>>[], small: [] as Awaited<ReturnType<typeof oneStart>>[] };
    for (let i = 0; i < starts; i++) {
      for (const which of ['small', 'big'] as const) runs[which].push(await oneStart(browser, folders[which], i === 0 ? searchWords : null));
    }
    const times = (r: Awaited<ReturnType<typeof oneStart>>[]): StartTimes => ({
      starts: r.length,
      bridgeMs: summarise(r.map((x) => x.bridge)),
      pageMs: summarise(r.map((x) => x.page)),
      pinScreenMs: summarise(r.map((x) => x.pin)),
      typedSearchMs: summarise(r.flatMap((x) => x.searches)),
    });
    return { big: times(runs.big), small: times(runs.small) };
  } finally {
    await browser.close();
  }
}
