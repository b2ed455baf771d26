// The catalogue's plain barcodes in the page's memory, so a scanned item's line is on the screen in the same frame
// as the scanner's Enter instead of after a round trip to the bridge (issue 5: 100,000 items, 16 ms).
// Loaded once in pages from GET /api/till/barcode-index after the till page starts, and again whenever the bridge's
// catalogue version (in GET /api/till/status) moves on. Until a load matching the bridge's version is complete, and for
// every code it does not hold (weight and price barcodes, item codes, unknown codes), the bridge answers as before.
import { api, type Item } from '../api/till-api';

type Row = [string, string, string, string, 0 | 1, 0 | 1, string, number, string, string[]];

export interface BarcodeHit {
  item: Item;
  quantity: string;
  barcode: string;
  embeddedPriceMinor?: number;
}

// Small pages: each is parsed on the page's main thread between the cashier's keys (about 250 kB, a few ms).
const PAGE = 2000;
const FIRST_LOAD_DELAY_MS = 1000;
const PAGE_GAP_MS = 10;

export class BarcodeIndex {
  private items = new Map<string, Item>();
  /** The bridge's catalogue version the map was loaded at; null before the first complete load. */
  private loadedVersion: string | null = null;
  /** The newest version the bridge reported. */
  private bridgeVersion: string | null = null;
  private loading = false;

  constructor(private readonly fetchPage: (after: number) => Promise<{ version: string; rows: Row[]; next: number | null }>) {}

  /** The item behind a plain barcode, or undefined when the bridge must be asked. */
  lookup(code: string): BarcodeHit | undefined {
    if (this.loadedVersion === null || this.loadedVersion !== this.bridgeVersion) return undefined;
    const item = this.items.get(code);
    return item && { item, quantity: '1.000', barcode: code };
  }

  get ready(): boolean {
    return this.loadedVersion !== null && this.loadedVersion === this.bridgeVersion;
  }

  /** Tells the index the bridge's current catalogue version; loads the index in the background when it moved. */
  follow(version: string | undefined): void {
    if (!version) return;
    this.bridgeVersion = version;
    if (version === this.loadedVersion || this.loading) return;
    this.loading = true;
    // The first load waits until the PIN screen is up and settled: the till's start is not held up by it.
    const wait = this.loadedVersion === null ? FIRST_LOAD_DELAY_MS : 0;
    setTimeout(() => void this.load(), wait);
  }

  private async load(): Promise<void> {
    try {
      for (let attempt = 0; attempt < 3 && this.bridgeVersion !== this.loadedVersion; attempt++) {
        const next = new Map<string, Item>();
        let after = 0;
        let version: string | null = null;
        for (;;) {
          const page = await this.fetchPage(after);
          // The catalogue changed under the load: start again from the first page.
          if (version !== null && page.version !== version) break;
          version = page.version;
          for (const [id, code, name, unit, weighted, marked, vatRate, priceMinor, currency, barcodes] of page.rows) {
            const item: Item = { id, code, name, unit, weighted: weighted === 1, marked: marked === 1, vatRate, priceMinor, currency, barcodes };
            for (const b of barcodes) next.set(b, item);
          }
          if (page.next === null) {
            this.items = next;
            this.loadedVersion = version;
            break;
          }
          after = page.next;
          // A breath between pages: the cashier's keys and searches, and the bridge's other work, go first.
          await new Promise((r) => setTimeout(r, PAGE_GAP_MS));
        }
      }
    } catch {
      // The bridge is away for a moment: the next status poll tries again, and scans go to the bridge meanwhile.
    } finally {
      this.loading = false;
    }
  }
}

/** The till page's one index. */
export const barcodeIndex = new BarcodeIndex((after) => api('GET', `/barcode-index?after=${after}&limit=${PAGE}`));
