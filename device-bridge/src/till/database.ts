// The till's own SQLite file: catalogue and cashier caches pulled from the store server, and the journal
// of everything the till did. The journal is the truth at the till; the store server is told afterwards.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type TillDatabase = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS items (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  name_lc TEXT NOT NULL,
  unit TEXT NOT NULL,
  weighted INTEGER NOT NULL,
  marked INTEGER NOT NULL,
  vat_rate TEXT NOT NULL,
  price_minor INTEGER NOT NULL,
  currency TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_code ON items(code);
CREATE INDEX IF NOT EXISTS items_name_lc ON items(name_lc);
CREATE TABLE IF NOT EXISTS barcodes (barcode TEXT PRIMARY KEY, item_rowid INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS barcodes_item ON barcodes(item_rowid);
CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(name, code, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE IF NOT EXISTS cashiers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  pin_hash TEXT NOT NULL,
  rights TEXT NOT NULL,
  language TEXT NOT NULL
);
-- A cashier's language chosen at this till overrides the one from the server.
CREATE TABLE IF NOT EXISTS cashier_languages (cashier_id TEXT PRIMARY KEY, language TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS shifts (
  number INTEGER PRIMARY KEY,
  opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL,
  float_minor INTEGER NOT NULL,
  closed_at TEXT,
  closed_by TEXT,
  counted_minor INTEGER,
  expected_minor INTEGER
);

-- seq keeps the order receipts were made in; they are sent to the server in that order.
CREATE TABLE IF NOT EXISTS receipts (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL UNIQUE,
  number TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  original_uuid TEXT,
  cashier_id TEXT NOT NULL,
  shift_number INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  currency TEXT NOT NULL,
  gross_minor INTEGER NOT NULL,
  vat_minor INTEGER NOT NULL,
  discount_minor INTEGER NOT NULL,
  rounding_minor INTEGER NOT NULL,
  change_minor INTEGER NOT NULL,
  payload TEXT NOT NULL,
  sync_state TEXT NOT NULL DEFAULT 'pending',
  sent_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  document_id TEXT
);
CREATE INDEX IF NOT EXISTS receipts_pending ON receipts(sync_state, seq);
CREATE TABLE IF NOT EXISTS receipt_lines (
  receipt_uuid TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  item_name TEXT NOT NULL,
  quantity TEXT NOT NULL,
  unit_price_minor INTEGER NOT NULL,
  discount_minor INTEGER NOT NULL,
  vat_rate TEXT NOT NULL,
  gross_minor INTEGER NOT NULL,
  vat_minor INTEGER NOT NULL,
  marking_code TEXT,
  PRIMARY KEY (receipt_uuid, line_no)
);
CREATE TABLE IF NOT EXISTS payments (
  receipt_uuid TEXT NOT NULL,
  method TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  payment_key TEXT,
  approval_code TEXT,
  masked_pan TEXT,
  rrn TEXT
);
CREATE INDEX IF NOT EXISTS payments_receipt ON payments(receipt_uuid);
CREATE TABLE IF NOT EXISTS cash_moves (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  shift_number INTEGER NOT NULL,
  kind TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  reason TEXT NOT NULL,
  cashier_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS postponed (
  uuid TEXT PRIMARY KEY,
  cashier_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  label TEXT NOT NULL,
  cart TEXT NOT NULL
);
-- Cancelled lines and receipts, locks, logins: what a manager asks about after the shift.
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  cashier_id TEXT,
  action TEXT NOT NULL,
  reason TEXT,
  detail TEXT
);
`;

export function openTillDatabase(file: string): TillDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // Till files from before card terminals: the payments table gains the terminal's answer.
  const paymentColumns = new Set((db.prepare('PRAGMA table_info(payments)').all() as { name: string }[]).map((c) => c.name));
  for (const column of ['payment_key', 'approval_code', 'masked_pan', 'rrn']) {
    if (!paymentColumns.has(column)) db.exec(`ALTER TABLE payments ADD COLUMN ${column} TEXT`);
  }
  return db;
}

export function getSetting(db: TillDatabase, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setSetting(db: TillDatabase, key: string, value: string): void {
  db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Next value of a named counter; call inside the transaction that uses it. */
export function nextCounter(db: TillDatabase, name: string): number {
  db.prepare('INSERT INTO counters(name, value) VALUES (?, 0) ON CONFLICT(name) DO NOTHING').run(name);
  db.prepare('UPDATE counters SET value = value + 1 WHERE name = ?').run(name);
  return (db.prepare('SELECT value FROM counters WHERE name = ?').get(name) as { value: number }).value;
}
