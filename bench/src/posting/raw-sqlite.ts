// The baseline: a sale receipt written with hand-made better-sqlite3 prepared statements, one IMMEDIATE
// transaction per receipt — the same rows the engine's posting leaves behind (the series counter, one documents row
// already posted, its lines, one stock movement and one balance upsert per line, one audit row) and nothing else:
// no reads, balances kept in memory. It only knows what the scenario needs (sales from stock that never runs out).

import { formatDocumentNumber } from '@kasa/domain';
import type { Db } from '@kasa/db';
import { LINES_PER_RECEIPT, SALE_DATE, type PostingShop, type SaleReceipt } from './scenario';

/** BEGIN, series, document, 5 lines, 5 movements, 5 balance upserts, audit, COMMIT. */
export const RAW_STATEMENTS_PER_RECEIPT = 5 + 3 * LINES_PER_RECEIPT;

type SqliteHandle = NonNullable<Db['sqlite']>;

interface HeldBalance {
  quantityMilli: number;
  valueMinor: number;
}

/** Moving-average value of an issue of `issueMilli` out of a positive balance, rounded half up (the domain's rule). */
export function averageIssueValue(b: HeldBalance, issueMilli: number): number {
  if (b.quantityMilli <= issueMilli || b.valueMinor < 0) throw new Error('the raw baseline only sells from stock that stays positive');
  const twice = 2 * b.valueMinor * issueMilli + b.quantityMilli;
  if (!Number.isSafeInteger(twice)) throw new Error('raw baseline arithmetic out of range');
  return Math.floor(twice / (2 * b.quantityMilli));
}

export class RawSqlitePosting {
  private readonly balances = new Map<number, HeldBalance>();
  private readonly post: (r: SaleReceipt) => void;

  constructor(sqlite: SqliteHandle, private readonly shop: PostingShop) {
    for (const b of sqlite
      .prepare('SELECT item_id, quantity_milli, value_minor FROM stock_balances WHERE warehouse_id = ?')
      .all(shop.warehouseId) as Array<{ item_id: number; quantity_milli: number; value_minor: number }>)
      this.balances.set(Number(b.item_id), { quantityMilli: Number(b.quantity_milli), valueMinor: Number(b.value_minor) });

    const bumpSeries = sqlite.prepare('UPDATE number_series SET next_number = next_number + 1 WHERE code = ? AND year = ? RETURNING next_number, format');
    const newSeries = sqlite.prepare("INSERT INTO number_series (code, doc_type, year, next_number, format) VALUES (?, 'sale', ?, 2, '{code}-{yyyy}-{n:6}')");
    const insertDocument = sqlite.prepare(
      `INSERT INTO documents (company_id, type, series_code, year, number_seq, number, status, date, warehouse_id, to_warehouse_id,
         partner_id, currency, total_minor, reason, reverses_id, reversed_by_id, idempotency_key, payload, created_by, created_at, posted_at, version)
       VALUES (?, 'sale', 'SAL', ?, ?, ?, 'posted', ?, ?, NULL, NULL, ?, ?, NULL, NULL, NULL, ?, NULL, NULL, ?, ?, 1)`,
    );
    const insertLine = sqlite.prepare(
      'INSERT INTO document_lines (document_id, line_no, item_id, quantity, price_minor, discount_minor, amount_minor, vat_rate) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
    );
    const insertMovement = sqlite.prepare('INSERT INTO stock_movements (document_id, item_id, warehouse_id, quantity_milli, value_minor, date) VALUES (?, ?, ?, ?, ?, ?)');
    const upsertBalance = sqlite.prepare(
      `INSERT INTO stock_balances (item_id, warehouse_id, quantity_milli, value_minor, last_unit_cost) VALUES (?, ?, ?, ?, '0')
       ON CONFLICT (item_id, warehouse_id) DO UPDATE SET quantity_milli = excluded.quantity_milli, value_minor = excluded.value_minor`,
    );
    const insertAudit = sqlite.prepare(
      `INSERT INTO audit_log (at, user_id, action, entity, entity_id, before, after) VALUES (?, NULL, 'post', 'document', ?, '{"status":"draft"}', '{"status":"posted"}')`,
    );
    const year = Number(SALE_DATE.slice(0, 4));

    const receipt = sqlite.transaction((r: SaleReceipt) => {
      const now = new Date().toISOString();
      let seq: number;
      let format = '{code}-{yyyy}-{n:6}';
      const s = bumpSeries.get('SAL', year) as { next_number: number; format: string } | undefined;
      if (s) {
        seq = Number(s.next_number) - 1;
        format = s.format;
      } else {
        newSeries.run('SAL', year);
        seq = 1;
      }
      const total = r.lines.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0);
      const number = formatDocumentNumber(format, { code: 'SAL', year, number: seq });
      const docId = Number(
        insertDocument.run(this.shop.companyId, year, seq, number, SALE_DATE, this.shop.warehouseId, this.shop.currency, total, r.idempotencyKey, now, now).lastInsertRowid,
      );
      r.lines.forEach((l, i) => {
        insertLine.run(docId, i + 1, l.itemId, `${l.quantity}.000`, l.priceMinor, l.priceMinor * l.quantity, this.shop.vatRate.get(l.itemId) ?? '0');
      });
      for (const l of r.lines) {
        const b = this.balances.get(l.itemId);
        if (!b) throw new Error(`no stock of item ${l.itemId}`);
        const issueMilli = l.quantity * 1000;
        const value = -averageIssueValue(b, issueMilli);
        b.quantityMilli -= issueMilli;
        b.valueMinor += value;
        insertMovement.run(docId, l.itemId, this.shop.warehouseId, -issueMilli, value, SALE_DATE);
        upsertBalance.run(l.itemId, this.shop.warehouseId, b.quantityMilli, b.valueMinor);
      }
      insertAudit.run(now, String(docId));
    });
    this.post = (r) => receipt.immediate(r);
  }

  postSale(r: SaleReceipt): void {
    this.post(r);
  }
}
