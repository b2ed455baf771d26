// A till starting as the cashier sees it: startBridge() on a till folder whose cache is already filled, until the
// page answers and until the built UI shows the PIN field in headless Chromium (launched beforehand, not timed).
// On the first start of each till the demo cashier Anna (PIN 1111) logs in, opens the shift if none is open, and
// types the first letters of a name: typed → first result on screen (the UI waits 120 ms after the last key); then
// scans goods into one receipt like a keyboard-wedge scanner: Enter → line in the page (issue 5's "scan → line").

import { chromium, type Browser } from 'playwright-core';
import { startBridgeTill } from './bridge-till';
import { summarise, type QueryTimes } from './timing';

interface StartRun {
  bridge: number;
  page: number;
  pin: number;
  searches: number[];
  /** `fetch`: this scan's GET /api/till/barcode/:code, NaN when the page's barcode index answered it. */
  scans: { line: number; frame: number; fetch: number }[];
  /** The page's barcode index by the end of the scans: pages loaded, first request → last response (ms). */
  index: { pages: number; ms: number } | null;
}

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
  /** Scan (keyboard-wedge burst into the code field) from its Enter until the new receipt line is in the page. */
  scanToLineMs: QueryTimes;
  /** The same until the next animation frame after it, i.e. the line painted. */
  scanToFrameMs: QueryTimes;
  /** Scans the page had to ask the bridge about (its barcode index not loaded yet), and those requests' times. */
  scansByBridge: number;
  scanFetchMs: QueryTimes;
  /** The page's barcode index (GET /api/till/barcode-index pages) on the first start: first request → last response. */
  indexLoad: { pages: number; ms: number } | null;
}

/** What the cashier does on the first start of a till. */
export interface CashierWork {
  /** First letters of names, typed into the code field. */
  searchWords: string[];
  /** Barcodes of plain piece goods, scanned one after another into one receipt. */
  scanBarcodes: string[];
}

async function oneStart(browser: Browser, folder: string, work: CashierWork | null): Promise<StartRun> {
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
      const scans: { line: number; frame: number; fetch: number }[] = [];
      let index: StartRun['index'] = null;
      if (work) {
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
        for (const w of work.searchWords) {
          await code.fill('');
          await first.waitFor({ state: 'detached', timeout: 10_000 });
          const t = performance.now();
          await code.fill(w);
          await first.waitFor({ timeout: 10_000 });
          searches.push(performance.now() - t);
        }
        await code.fill('');
        await code.focus();
        // The clock runs in the page: from the scan's Enter key to the new row in the DOM and to the frame after it.
        // (Page scripts are plain text: the bench's compiler would wrap functions in helpers the page lacks.)
        await tab.evaluate("window.addEventListener('keydown', (e) => { if (e.key === 'Enter') window.kasaEnterAt = performance.now(); }, true)");
        for (const barcode of work.scanBarcodes) {
          const rows = await tab.locator('[data-testid="lines"] tbody tr').count();
          await tab.keyboard.type(barcode, { delay: 5 });
          const shown = tab.evaluate(`new Promise((resolve) => {
            const count = () => document.querySelectorAll('[data-testid="lines"] tbody tr').length;
            const done = () => {
              const line = performance.now() - window.kasaEnterAt;
              const call = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/till/barcode/') && e.startTime >= window.kasaEnterAt).at(-1);
              const fetchMs = call ? call.responseEnd - call.startTime : NaN;
              requestAnimationFrame(() => resolve({ line, frame: performance.now() - window.kasaEnterAt, fetch: fetchMs }));
            };
            if (count() > ${rows}) return done();
            const watch = new MutationObserver(() => {
              if (count() > ${rows}) {
                watch.disconnect();
                done();
              }
            });
            watch.observe(document.body, { childList: true, subtree: true });
            setTimeout(() => resolve(null), 10000);
          })`) as Promise<{ line: number; frame: number; fetch: number } | null>;
          await tab.keyboard.press('Enter');
          const seen = await shown;
          if (!seen) throw new Error(`scanning ${barcode} added no receipt line within 10 s`);
          scans.push(seen);
        }
        index = (await tab.evaluate(`(() => {
          const pages = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/till/barcode-index'));
          if (!pages.length) return null;
          const last = pages.at(-1);
          return { pages: pages.length, ms: last.responseEnd - pages[0].startTime };
        })()`)) as StartRun['index'];
      }
      return { bridge, page, pin, searches, scans, index };
    } finally {
      await tab.close();
    }
  } finally {
    await till.close();
  }
}

/** Starts each till `starts` times, alternating big and small so both see the same machine state. */
export async function measureStarts(folders: { big: string; small: string }, starts: number, work: CashierWork): Promise<{ big: StartTimes; small: StartTimes }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const runs = { big: [] as StartRun[], small: [] as StartRun[] };
    for (let i = 0; i < starts; i++) {
      // Each till goes first in every other round, so neither gains from the order.
      const order = i % 2 === 0 ? (['small', 'big'] as const) : (['big', 'small'] as const);
      for (const which of order) runs[which].push(await oneStart(browser, folders[which], i === 0 ? work : null));
    }
    const times = (r: StartRun[]): StartTimes => ({
      starts: r.length,
      bridgeMs: summarise(r.map((x) => x.bridge)),
      pageMs: summarise(r.map((x) => x.page)),
      pinScreenMs: summarise(r.map((x) => x.pin)),
      typedSearchMs: summarise(r.flatMap((x) => x.searches)),
      scanToLineMs: summarise(r.flatMap((x) => x.scans.map((y) => y.line))),
      scanToFrameMs: summarise(r.flatMap((x) => x.scans.map((y) => y.frame))),
      scansByBridge: r.flatMap((x) => x.scans).filter((y) => !Number.isNaN(y.fetch)).length,
      scanFetchMs: summarise(r.flatMap((x) => x.scans.map((y) => y.fetch)).filter((f) => !Number.isNaN(f))),
      indexLoad: r.find((x) => x.index)?.index ?? null,
    });
    return { big: times(runs.big), small: times(runs.small) };
  } finally {
    await browser.close();
  }
}
