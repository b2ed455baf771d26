// Posting a 1,000-line receiving on SQLite: the engine's createAndPost against hand-written better-sqlite3 prepared
// statements writing the same rows (series counter, the posted document, 1,000 lines, 1,000 movements, 1,000
// balance upserts, one audit row) in one IMMEDIATE transaction, each side on its own fresh file with the same
// pragmas and the same stocked shop, timed in alternating blocks of one receiving.

import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { dec, Decimal, formatDocumentNumber } from '@kasa/domain';
import { createAndPost, openDatabase, SYSTEM_ACTOR, type Db } from '@kasa/db';
import { stockShop, SALE_DATE, type PostingShop } from '../posting/scenario';
import { compare, timeInterleaved, type PostingComparison } from '../posting/sqlite-bench';

export const RECEIVING_LINES = 1000;
export const RECEIVING_DATE = SALE_DATE;

export interface ReceivingLine {
  itemId: number;
  /** Whole pieces. */
  quantity: number;
  /** Net price per piece, minor units. */
  priceMinor: number;
}

export interface Receiving {
  idempotencyKey: string;
  lines: ReceivingLine[];
}

/** Receiving `n`: `lines` consecutive items from item n·7, 1…20 pieces, net 0.50…9.49 a piece. */
export function receiving(shop: PostingShop, n: number, lines = RECEIVING_LINES): Receiving {
  const out: ReceivingLine[] = [];
  for (let j = 0; j < lines; j++)
    out.push({
      itemId: shop.itemIds[(n * 7 + j) % shop.itemIds.length]!,
      quantity: 1 + ((n + j) % 20),
      priceMinor: 50 + ((n * 31 + j * 7) % 900),
    });
  return { idempotencyKey: `bench-receiving-lines-${n}`, lines: out };
}

export function engineReceiving(db: Db, shop: PostingShop & { supplierId: number }, r: Receiving) {
  return createAndPost(db, SYSTEM_ACTOR, {
    type: 'receiving',
    date: RECEIVING_DATE,
    warehouseId: shop.warehouseId,
    partnerId: shop.supplierId,
    idempotencyKey: r.idempotencyKey,
    lines: r.lines.map((l) => ({ itemId: l.itemId, quantity: String(l.quantity), priceMinor: l.priceMinor })),
  });
}

type SqliteHandle = NonNullable<Db['sqlite']>;

/** VAT of a net line amount, rounded half up per line (the demo company's rounding). */
const vatOf = (netMinor: number, rate: string) => dec(netMinor).mul(rate).div(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();

export class RawSqliteReceiving {
  private readonly balances = new Map<number, { quantityMilli: number; valueMinor: number }>();
  readonly post: (r: Receiving) => void;

  constructor(sqlite: SqliteHandle, private readonly shop: PostingShop & { supplierId: number }) {
    for (const b of sqlite
      .prepare('SELECT item_id, quantity_milli, value_minor FROM stock_balances WHERE warehouse_id = ?')
      .all(shop.warehouseId) as Array<{ item_id: number; quantity_milli: number; value_minor: number }>)
      this.balances.set(Number(b.item_id), { quantityMilli: Number(b.quantity_milli), valueMinor: Number(b.value_minor) });

    const bumpSeries = sqlite.prepare('UPDATE number_series SET next_number = next_number + 1 WHERE code = ? AND year = ? RETURNING next_number, format');
    const newSeries = sqlite.prepare("INSERT INTO number_series (code, doc_type, year, next_number, format) VALUES (?, 'receiving', ?, 2, '{code}-{yyyy}-{n:6}')");
    const insertDocument = sqlite.prepare(
      `INSERT INTO documents (company_id, type, series_code, year, number_seq, number, status, date, warehouse_id, to_warehouse_id,
         partner_id, currency, total_minor, reason, reverses_id, reversed_by_id, idempotency_key, payload, created_by, created_at, posted_at, version)
       VALUES (?, 'receiving', 'REC', ?, ?, ?, 'posted', ?, ?, NULL, ?, ?, ?, NULL, NULL, NULL, ?, NULL, NULL, ?, ?, 1)`,
    );
    const insertLine = sqlite.prepare(
      'INSERT INTO document_lines (document_id, line_no, item_id, quantity, price_minor, discount_minor, amount_minor, vat_rate) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
    );
    const insertMovement = sqlite.prepare('INSERT INTO stock_movements (document_id, item_id, warehouse_id, quantity_milli, value_minor, date) VALUES (?, ?, ?, ?, ?, ?)');
    const upsertBalance = sqlite.prepare(
      `INSERT INTO stock_balances (item_id, warehouse_id, quantity_milli, value_minor, last_unit_cost) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (item_id, warehouse_id) DO UPDATE SET quantity_milli = excluded.quantity_milli, value_minor = excluded.value_minor, last_unit_cost = excluded.last_unit_cost`,
    );
    const insertAudit = sqlite.prepare(
      `INSERT INTO audit_log (at, user_id, action, entity, entity_id, before, after) VALUES (?, NULL, 'post', 'document', ?, '{"status":"draft"}', '{"status":"posted"}')`,
    );
    const year = Number(RECEIVING_DATE.slice(0, 4));

    const write = sqlite.transaction((r: Receiving) => {
      const now = new Date().toISOString();
      let seq = 1;
      let format = '{code}-{yyyy}-{n:6}';
      const s = bumpSeries.get('REC', year) as { next_number: number; format: string } | undefined;
      if (s) {
        seq = Number(s.next_number) - 1;
        format = s.format;
      } else newSeries.run('REC', year);
      let total = 0;
      const nets = r.lines.map((l) => {
        const net = l.priceMinor * l.quantity;
        total += net + vatOf(net, this.shop.vatRate.get(l.itemId) ?? '0');
        return net;
      });
      const number = formatDocumentNumber(format, { code: 'REC', year, number: seq });
      const docId = Number(
        insertDocument.run(this.shop.companyId, year, seq, number, RECEIVING_DATE, this.shop.warehouseId, this.shop.supplierId, this.shop.currency, total, r.idempotencyKey, now, now)
          .lastInsertRowid,
      );
      r.lines.forEach((l, i) => insertLine.run(docId, i + 1, l.itemId, `${l.quantity}.000`, l.priceMinor, nets[i], this.shop.vatRate.get(l.itemId) ?? '0'));
      r.lines.forEach((l, i) => {
        const b = this.balances.get(l.itemId) ?? { quantityMilli: 0, valueMinor: 0 };
        b.quantityMilli += l.quantity * 1000;
        b.valueMinor += nets[i]!;
        this.balances.set(l.itemId, b);
        insertMovement.run(docId, l.itemId, this.shop.warehouseId, l.quantity * 1000, nets[i], RECEIVING_DATE);
        // The unit cost of the receipt: net ÷ quantity = the whole-cent price.
        upsertBalance.run(l.itemId, this.shop.warehouseId, b.quantityMilli, b.valueMinor, String(l.priceMinor));
      });
      insertAudit.run(now, String(docId));
    });
    this.post = (r) => write.immediate(r);
  }
}

export interface ReceivingOptions {
  receivings: number;
  /** Receivings posted before the clock starts, the same on both sides. */
  warmup?: number;
  /** Lines per receiving (default 1,000); the shop has this many items. */
  lines?: number;
  inspect?: (engine: Db, raw: Db) => Promise<void>;
}

async function stockedWithSupplier(db: Db, items: number): Promise<PostingShop & { supplierId: number }> {
  const shop = await stockShop(db, items);
  const p = await db.kysely
    .insertInto('partners')
    .values({ code: 'SUP1', name: 'Bench supplier SIA', tax_number: null, bank_account: null, kind: 'supplier', price_group_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...shop, supplierId: Number(p.id) };
}

export async function runReceivingBench(opts: ReceivingOptions): Promise<PostingComparison> {
  const dir = mkdtempSync(join(tmpdir(), 'kasa-bench-'));
  const lines = opts.lines ?? RECEIVING_LINES;
  const warmup = opts.warmup ?? 0;
  let engineDb: Db | null = null;
  let rawDb: Db | null = null;
  try {
    engineDb = openDatabase(`sqlite:${join(dir, 'engine.db')}`);
    rawDb = openDatabase(`sqlite:${join(dir, 'raw.db')}`);
    const engineShop = await stockedWithSupplier(engineDb, lines);
    const rawShop = await stockedWithSupplier(rawDb, lines);
    const e = engineDb.sqlite!;
    const r = rawDb.sqlite!;
    r.pragma(`journal_mode = ${String(e.pragma('journal_mode', { simple: true }))}`);
    r.pragma(`synchronous = ${Number(e.pragma('synchronous', { simple: true }))}`);
    r.pragma(`foreign_keys = ${Number(e.pragma('foreign_keys', { simple: true })) === 1 ? 'ON' : 'OFF'}`);

    const raw = new RawSqliteReceiving(r, rawShop);
    for (let n = 0; n < warmup; n++) raw.post(receiving(rawShop, n, lines));
    for (let n = 0; n < warmup; n++) await engineReceiving(engineDb, engineShop, receiving(engineShop, n, lines));
    const t = await timeInterleaved(
      warmup,
      opts.receivings,
      {
        raw: (n) => raw.post(receiving(rawShop, n, lines)),
        engine: (n) => engineReceiving(engineDb!, engineShop, receiving(engineShop, n, lines)),
      },
      1,
    );
    if (opts.inspect) await opts.inspect(engineDb, rawDb);
    return compare(t.engine, t.raw);
  } finally {
    await engineDb?.close();
    await rawDb?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
