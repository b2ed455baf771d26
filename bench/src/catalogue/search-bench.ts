// Catalogue search over 100,000 items on SQLite: searches by barcode and by the first letters of a name through the
// API's own SQL, timed per query. A measurement, not a comparison: the only reference printed beside it is the
// barcode's primary-key lookup, to show what the search's OR costs a scan.

import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { withCheckDigit } from '@kasa/domain';
import { createMinimalCompany, migrateToLatest, openDatabase, type Db } from '@kasa/db';
import { lookupBarcode, searchItems } from './item-search';

const PRODUCTS = [
  'Milk', 'Kefir', 'Yogurt', 'Butter', 'Cheese', 'Sour cream', 'Cottage cheese', 'Bread', 'Rye bread', 'Baguette',
  'Croissant', 'Apple juice', 'Orange juice', 'Mineral water', 'Lemonade', 'Beer', 'Cider', 'Coffee beans', 'Ground coffee',
  'Black tea', 'Green tea', 'Sugar', 'Salt', 'Flour', 'Buckwheat', 'Rice', 'Pasta', 'Oat flakes', 'Sunflower oil',
  'Olive oil', 'Ketchup', 'Mayonnaise', 'Mustard', 'Chocolate', 'Biscuits', 'Candies', 'Ice cream', 'Sausages', 'Ham',
  'Smoked fish', 'Herring', 'Sprats', 'Chicken fillet', 'Pork neck', 'Minced meat', 'Eggs', 'Potatoes', 'Carrots',
  'Onions', 'Tomatoes', 'Cucumbers', 'Apples', 'Bananas', 'Pears', 'Dish soap', 'Shampoo', 'Toothpaste', 'Napkins',
];
const BRANDS = ['Rīgas', 'Valmieras', 'Tukuma', 'Smiltenes', 'Cēsu', 'Laima', 'Selga', 'Spilva', 'Kārums', 'Adugs', 'Dobeles', 'Madara', 'Baltic', 'Nordic', 'Gold'];
const SIZES = ['100 g', '200 g', '250 g', '400 g', '500 g', '1 kg', '0.33 l', '0.5 l', '1 l', '1.5 l', '2 l', '6 pcs', '10 pcs'];

export const CATALOGUE_SIZE = 100_000;

/** Item i's barcode: a valid EAN-13 under the Latvian GS1 prefix 475. */
export function barcodeOf(i: number): string {
  return withCheckDigit(`475${String(i).padStart(9, '0')}`);
}

export function nameOf(i: number): string {
  const product = PRODUCTS[i % PRODUCTS.length]!;
  const brand = BRANDS[Math.floor(i / PRODUCTS.length) % BRANDS.length]!;
  const size = SIZES[Math.floor(i / (PRODUCTS.length * BRANDS.length)) % SIZES.length]!;
  return `${product} ${brand} ${size} #${i}`;
}

/** Fills a migrated database with `count` items, each with one barcode and one price in the default price group. */
export async function seedCatalogue(db: Db, count: number): Promise<void> {
  const co = await createMinimalCompany(db);
  const h = db.sqlite;
  if (!h) throw new Error('the catalogue seed writes through the SQLite handle');
  const group = h.prepare("INSERT INTO price_groups (code, name, currency, tax_included, is_default) VALUES ('RETAIL', 'Retail', 'EUR', 1, 1)").run();
  const groupId = Number(group.lastInsertRowid);
  const item = h.prepare(
    "INSERT INTO items (code, name, unit, vat_group_id, group_id, goods_type, weighted, marked, produced, costing, standard_cost_minor, active, updated_at, change_seq) VALUES (?, ?, 'pcs', ?, NULL, 'sale', 0, 0, 0, 'average', NULL, 1, ?, ?)",
  );
  const barcode = h.prepare("INSERT INTO barcodes (code, item_id, pack_quantity) VALUES (?, ?, '1')");
  const price = h.prepare('INSERT INTO prices (price_group_id, item_id, price_minor, valid_from, created_at) VALUES (?, ?, ?, ?, ?)');
  const now = new Date().toISOString();
  h.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = Number(item.run(`C${String(i).padStart(6, '0')}`, nameOf(i), i % 4 === 0 ? co.vat.reduced! : co.vat.standard!, now, i + 1).lastInsertRowid);
      barcode.run(barcodeOf(i), id);
      price.run(groupId, id, 49 + ((i * 37) % 2000), '2026-01-01', now);
    }
  })();
  h.exec('ANALYZE');
}

export interface QueryTimes {
  queries: number;
  medianMs: number;
  p95Ms: number;
}

function summarise(ms: number[]): QueryTimes {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { queries: s.length, medianMs: at(0.5), p95Ms: at(0.95) };
}

async function timeEach<T>(inputs: T[], run: (x: T) => Promise<unknown>): Promise<QueryTimes> {
  const ms: number[] = [];
  for (const x of inputs) {
    const t = process.hrtime.bigint();
    await run(x);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return summarise(ms);
}

export interface CatalogueRun {
  items: number;
  byBarcode: QueryTimes;
  byNamePrefix: QueryTimes;
  barcodeKeyLookup: QueryTimes;
}

export async function runCatalogueBench(opts: { items?: number; queries?: number } = {}): Promise<CatalogueRun> {
  const items = opts.items ?? CATALOGUE_SIZE;
  const queries = opts.queries ?? 100;
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bench-'));
  const db = openDatabase(`sqlite:${join(dir, 'catalogue.db')}`);
  try {
    await migrateToLatest(db);
    await seedCatalogue(db, items);
    // Spread the probes over the whole catalogue; the name probes are the first 3–5 letters of a product.
    const barcodes = Array.from({ length: queries }, (_, k) => barcodeOf(Math.floor(((k * 7919) % queries) * (items / queries))));
    const prefixes = Array.from({ length: queries }, (_, k) => PRODUCTS[(k * 13) % PRODUCTS.length]!.slice(0, 3 + (k % 3)));
    for (const code of barcodes) {
      const hit = await searchItems(db, code);
      if (hit.total !== 1) throw new Error(`barcode ${code} found ${hit.total} items`);
    }
    const byBarcode = await timeEach(barcodes, (code) => searchItems(db, code));
    const byNamePrefix = await timeEach(prefixes, (p) => searchItems(db, p));
    const barcodeKeyLookup = await timeEach(barcodes, (code) => lookupBarcode(db, code));
    return { items, byBarcode, byNamePrefix, barcodeKeyLookup };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
