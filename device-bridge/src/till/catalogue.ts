// The catalogue cache: items and barcodes as last pulled from the store server, searchable offline.
// Name search uses an indexed prefix range on the lower-cased name, then FTS5 for words inside the name.
import { parseEmbeddedEan } from '@kasa/domain';
import type { TillDatabase } from './database';
import { getSetting, setSetting } from './database';

export interface CatalogueItem {
  id: string;
  code: string;
  name: string;
  unit: string;
  weighted: boolean;
  marked: boolean;
  vatRate: string;
  priceMinor: number;
  currency: string;
  barcodes: string[];
}

/** An item as the server sends it; `deleted` (if the server sends it) removes the item from the till. */
export interface ServerCatalogueItem extends Omit<CatalogueItem, 'id' | 'vatRate'> {
  id: string | number;
  vatRate: string | number;
  deleted?: boolean;
}

export interface BarcodeMatch {
  item: CatalogueItem;
  /** Decimal string with 3 places: "1.000" for a plain barcode, the embedded weight for in-store EAN-13. */
  quantity: string;
  /** Set when the barcode carried a price (prefix 20): the line total in minor units. */
  embeddedPriceMinor?: number;
  barcode: string;
}

interface ItemRow {
  rowid: number;
  id: string;
  code: string;
  name: string;
  unit: string;
  weighted: number;
  marked: number;
  vat_rate: string;
  price_minor: number;
  currency: string;
}

/** One item of the till UI's barcode index: `[id, code, name, unit, weighted, marked, vatRate, priceMinor, currency, barcodes]`. */
export type BarcodeIndexRow = [string, string, string, string, 0 | 1, 0 | 1, string, number, string, string[]];

// Tells a restarted bridge's versions from the last run's, so a page that outlived the restart loads its index again.
const BOOT = Date.now().toString(36);

export class CatalogueCache {
  private changes = 0;

  constructor(private readonly db: TillDatabase) {}

  /** Changes whenever a pull changed the cache: the till UI reloads its barcode index when it sees a new one. */
  get version(): string {
    return `${BOOT}.${this.changes}`;
  }

  /**
   * Items with barcodes in rowid order, `limit` at a time after `after` (the last page's `next`): what the till UI
   * keeps in memory to put a scanned line on the screen without a round trip. Rows are arrays to keep 100,000 small.
   */
  barcodeIndexPage(after: number, limit: number): { version: string; rows: BarcodeIndexRow[]; next: number | null } {
    const rows = this.db
      .prepare(
        `SELECT items.rowid AS rowid, id, code, name, unit, weighted, marked, vat_rate, price_minor, currency, group_concat(barcodes.barcode, ' ') AS codes
         FROM items JOIN barcodes ON barcodes.item_rowid = items.rowid WHERE items.rowid > ? GROUP BY items.rowid ORDER BY items.rowid LIMIT ?`,
      )
      .all(after, limit) as (ItemRow & { codes: string })[];
    return {
      version: this.version,
      rows: rows.map((r) => [r.id, r.code, r.name, r.unit, r.weighted ? 1 : 0, r.marked ? 1 : 0, r.vat_rate, r.price_minor, r.currency, r.codes.split(' ')]),
      next: rows.length === limit ? rows.at(-1)!.rowid : null,
    };
  }

  get cursor(): string | undefined {
    return getSetting(this.db, 'catalogue.cursor');
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  }

  /** Applies one page of changes from the server and moves the cursor, all in one transaction. */
  apply(items: ServerCatalogueItem[], cursor: string): void {
    const find = this.db.prepare('SELECT rowid FROM items WHERE id = ?');
    const insert = this.db.prepare(
      `INSERT INTO items(id, code, name, name_lc, unit, weighted, marked, vat_rate, price_minor, currency)
       VALUES (@id, @code, @name, @name_lc, @unit, @weighted, @marked, @vat_rate, @price_minor, @currency)
       ON CONFLICT(id) DO UPDATE SET code = excluded.code, name = excluded.name, name_lc = excluded.name_lc,
         unit = excluded.unit, weighted = excluded.weighted, marked = excluded.marked, vat_rate = excluded.vat_rate,
         price_minor = excluded.price_minor, currency = excluded.currency`,
    );
    const delBarcodes = this.db.prepare('DELETE FROM barcodes WHERE item_rowid = ?');
    const addBarcode = this.db.prepare(
      'INSERT INTO barcodes(barcode, item_rowid) VALUES (?, ?) ON CONFLICT(barcode) DO UPDATE SET item_rowid = excluded.item_rowid',
    );
    const delFts = this.db.prepare('DELETE FROM items_fts WHERE rowid = ?');
    const addFts = this.db.prepare('INSERT INTO items_fts(rowid, name, code) VALUES (?, ?, ?)');
    const delItem = this.db.prepare('DELETE FROM items WHERE rowid = ?');
    this.db.transaction(() => {
      for (const it of items) {
        const id = String(it.id);
        if (it.deleted) {
          const old = find.get(id) as { rowid: number } | undefined;
          if (old) {
            delBarcodes.run(old.rowid);
            delFts.run(old.rowid);
            delItem.run(old.rowid);
          }
          continue;
        }
        insert.run({
          id,
          code: it.code,
          name: it.name,
          name_lc: it.name.toLowerCase(),
          unit: it.unit,
          weighted: it.weighted ? 1 : 0,
          marked: it.marked ? 1 : 0,
          vat_rate: String(it.vatRate),
          price_minor: it.priceMinor,
          currency: it.currency,
        });
        const { rowid } = find.get(id) as { rowid: number };
        delBarcodes.run(rowid);
        for (const b of it.barcodes ?? []) addBarcode.run(b, rowid);
        delFts.run(rowid);
        addFts.run(rowid, it.name, it.code);
      }
      setSetting(this.db, 'catalogue.cursor', cursor);
    })();
    if (items.length) this.changes++;
  }

  byId(id: string): CatalogueItem | undefined {
    const row = this.db.prepare('SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined;
    return row && this.toItem(row);
  }

  byCode(code: string): CatalogueItem | undefined {
    const row = this.db.prepare('SELECT * FROM items WHERE code = ? LIMIT 1').get(code) as ItemRow | undefined;
    return row && this.toItem(row);
  }

  /** A scanned or typed code: an item barcode, a weight/price-embedded in-store EAN-13, or an item code. */
  lookupBarcode(code: string): BarcodeMatch | undefined {
    const direct = this.db
      .prepare('SELECT items.* FROM barcodes JOIN items ON items.rowid = barcodes.item_rowid WHERE barcode = ?')
      .get(code) as ItemRow | undefined;
    if (direct) return { item: this.toItem(direct), quantity: '1.000', barcode: code };
    const embedded = parseEmbeddedEan(code);
    if (embedded) {
      // The embedded item code is matched as the item's code, with or without leading zeros.
      const item = this.byCode(embedded.itemCode) ?? this.byCode(String(Number(embedded.itemCode)));
      if (item) {
        if (embedded.kind === 'weight') return { item, quantity: embedded.value.toFixed(3), barcode: code };
        const priceMinor = embedded.value.mul(100).toNumber();
        return { item, quantity: '1.000', embeddedPriceMinor: priceMinor, barcode: code };
      }
      return undefined;
    }
    const byCode = this.byCode(code);
    return byCode ? { item: byCode, quantity: '1.000', barcode: code } : undefined;
  }

  search(q: string, limit = 20): CatalogueItem[] {
    const text = q.trim().toLowerCase();
    if (!text) return [];
    const seen = new Set<number>();
    const out: ItemRow[] = [];
    const take = (rows: ItemRow[]) => {
      for (const r of rows) {
        if (out.length >= limit) return;
        if (!seen.has(r.rowid)) {
          seen.add(r.rowid);
          out.push(r);
        }
      }
    };
    const barcode = this.db
      .prepare('SELECT items.* FROM barcodes JOIN items ON items.rowid = barcodes.item_rowid WHERE barcode = ?')
      .all(q.trim()) as ItemRow[];
    take(barcode);
    // Prefix ranges use the indexes; "\uffff" closes the range after every string starting with the text.
    take(this.db.prepare('SELECT * FROM items WHERE code >= ? AND code < ? ORDER BY code LIMIT ?').all(q.trim(), q.trim() + '\uffff', limit) as ItemRow[]);
    take(this.db.prepare('SELECT * FROM items WHERE name_lc >= ? AND name_lc < ? ORDER BY name_lc LIMIT ?').all(text, text + '\uffff', limit) as ItemRow[]);
    if (out.length < limit) {
      const words = text.split(/\s+/).map((w) => w.replace(/["*^:()]/g, '')).filter(Boolean);
      if (words.length) {
        const match = words.map((w) => `"${w}"*`).join(' ');
        take(
          this.db
            .prepare('SELECT items.* FROM items_fts JOIN items ON items.rowid = items_fts.rowid WHERE items_fts MATCH ? ORDER BY rank LIMIT ?')
            .all(match, limit) as ItemRow[],
        );
      }
    }
    return out.map((r) => this.toItem(r));
  }

  private toItem(r: ItemRow): CatalogueItem {
    const barcodes = (this.db.prepare('SELECT barcode FROM barcodes WHERE item_rowid = ?').all(r.rowid) as { barcode: string }[]).map((b) => b.barcode);
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      unit: r.unit,
      weighted: r.weighted === 1,
      marked: r.marked === 1,
      vatRate: r.vat_rate,
      priceMinor: r.price_minor,
      currency: r.currency,
      barcodes,
    };
  }
}
