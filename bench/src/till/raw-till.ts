// The pull's baseline: the same catalogue rows written straight into a fresh till database with prepared
// better-sqlite3 inserts in one transaction (items, barcodes, the FTS5 name index, the cursor), no HTTP, no upserts.
// The schema is copied from the till file the bridge made, so both sides have the same tables, indexes and pragmas.

import Database from 'better-sqlite3';

/** An item as GET /api/v1/till/catalogue sends it. */
export interface PulledItem {
  id: number | string;
  code: string;
  name: string;
  unit: string;
  weighted: boolean;
  marked: boolean;
  vatRate: string | number;
  priceMinor: number;
  currency: string;
  barcodes: string[];
}

/** Copies tables and indexes (not FTS5's own shadow tables, which its CREATE VIRTUAL TABLE makes) into a new file. */
export function freshTillDatabase(schemaFrom: string, file: string): Database.Database {
  const src = new Database(schemaFrom, { readonly: true });
  const objects = src
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'items_fts_%' ORDER BY type = 'index', rowid")
    .all() as { type: string; name: string; sql: string }[];
  src.close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  for (const o of objects) db.exec(o.sql);
  return db;
}

/** Writes the rows; returns milliseconds. */
export function rawInsert(db: Database.Database, items: PulledItem[], cursor: string): number {
  const item = db.prepare(
    'INSERT INTO items(id, code, name, name_lc, unit, weighted, marked, vat_rate, price_minor, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const barcode = db.prepare('INSERT INTO barcodes(barcode, item_rowid) VALUES (?, ?)');
  const fts = db.prepare('INSERT INTO items_fts(rowid, name, code) VALUES (?, ?, ?)');
  const setting = db.prepare('INSERT INTO settings(key, value) VALUES (?, ?)');
  const t = performance.now();
  db.transaction(() => {
    for (const it of items) {
      const rowid = item.run(String(it.id), it.code, it.name, it.name.toLowerCase(), it.unit, it.weighted ? 1 : 0, it.marked ? 1 : 0, String(it.vatRate), it.priceMinor, it.currency).lastInsertRowid;
      for (const b of it.barcodes) barcode.run(b, rowid);
      fts.run(rowid, it.name, it.code);
    }
    setting.run('catalogue.cursor', cursor);
  })();
  return performance.now() - t;
}
