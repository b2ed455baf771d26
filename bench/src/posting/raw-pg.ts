// The PostgreSQL baseline: the rows of one sale receipt written with named prepared statements on one `pg`
// client, one transaction per receipt, multi-row inserts (a round trip is what costs on PostgreSQL): BEGIN, series,
// document, its lines, its movements, the balance upserts, the audit row, COMMIT. Balances are kept in memory.

import type pg from 'pg';
import { formatDocumentNumber } from '@kasa/domain';
import { SALE_DATE, type PostingShop, type SaleReceipt } from './scenario';
import { averageIssueValue } from './raw-sqlite';

const rows = (count: number, width: number, from = 1) =>
  Array.from({ length: count }, (_, r) => `(${Array.from({ length: width }, (_, c) => `$${from + r * width + c}`).join(', ')})`).join(', ');

export class RawPgPosting {
  private readonly balances = new Map<number, { quantityMilli: number; valueMinor: number }>();

  private constructor(private readonly client: pg.Client, private readonly shop: PostingShop) {}

  static async open(client: pg.Client, shop: PostingShop): Promise<RawPgPosting> {
    const p = new RawPgPosting(client, shop);
    const r = await client.query('SELECT item_id, quantity_milli, value_minor FROM stock_balances WHERE warehouse_id = $1', [shop.warehouseId]);
    for (const b of r.rows as Array<{ item_id: string | number; quantity_milli: string | number; value_minor: string | number }>)
      p.balances.set(Number(b.item_id), { quantityMilli: Number(b.quantity_milli), valueMinor: Number(b.value_minor) });
    return p;
  }

  async postSale(r: SaleReceipt): Promise<void> {
    const c = this.client;
    const n = r.lines.length;
    const year = Number(SALE_DATE.slice(0, 4));
    const now = new Date().toISOString();
    await c.query('BEGIN');
    try {
      let seq = 1;
      let format = '{code}-{yyyy}-{n:6}';
      const s = await c.query({
        name: 'bench-series',
        text: 'UPDATE number_series SET next_number = next_number + 1 WHERE code = $1 AND year = $2 RETURNING next_number, format',
        values: ['SAL', year],
      });
      if (s.rows[0]) {
        seq = Number(s.rows[0].next_number) - 1;
        format = s.rows[0].format;
      } else {
        await c.query("INSERT INTO number_series (code, doc_type, year, next_number, format) VALUES ('SAL', 'sale', $1, 2, $2)", [year, format]);
      }
      const total = r.lines.reduce((sum, l) => sum + l.priceMinor * l.quantity, 0);
      const d = await c.query({
        name: 'bench-document',
        text: `INSERT INTO documents (company_id, type, series_code, year, number_seq, number, status, date, warehouse_id, currency, total_minor,
                 idempotency_key, created_at, posted_at, version)
               VALUES ($1, 'sale', 'SAL', $2, $3, $4, 'posted', $5, $6, $7, $8, $9, $10, $10, 1) RETURNING id`,
        values: [this.shop.companyId, year, seq, formatDocumentNumber(format, { code: 'SAL', year, number: seq }), SALE_DATE, this.shop.warehouseId, this.shop.currency, total, r.idempotencyKey, now],
      });
      const docId = Number(d.rows[0].id);
      await c.query({
        name: `bench-lines-${n}`,
        text: `INSERT INTO document_lines (document_id, line_no, item_id, quantity, price_minor, discount_minor, amount_minor, vat_rate) VALUES ${rows(n, 8)}`,
        values: r.lines.flatMap((l, i) => [docId, i + 1, l.itemId, `${l.quantity}.000`, l.priceMinor, 0, l.priceMinor * l.quantity, this.shop.vatRate.get(l.itemId) ?? '0']),
      });
      const moved = r.lines.map((l) => {
        const b = this.balances.get(l.itemId);
        if (!b) throw new Error(`no stock of item ${l.itemId}`);
        const issueMilli = l.quantity * 1000;
        const value = -averageIssueValue(b, issueMilli);
        b.quantityMilli -= issueMilli;
        b.valueMinor += value;
        return { itemId: l.itemId, issueMilli, value, balance: { ...b } };
      });
      await c.query({
        name: `bench-movements-${n}`,
        text: `INSERT INTO stock_movements (document_id, item_id, warehouse_id, quantity_milli, value_minor, date) VALUES ${rows(n, 6)}`,
        values: moved.flatMap((m) => [docId, m.itemId, this.shop.warehouseId, -m.issueMilli, m.value, SALE_DATE]),
      });
      await c.query({
        name: `bench-balances-${n}`,
        text: `INSERT INTO stock_balances (item_id, warehouse_id, quantity_milli, value_minor, last_unit_cost) VALUES ${rows(n, 5)}
               ON CONFLICT (item_id, warehouse_id) DO UPDATE SET quantity_milli = excluded.quantity_milli, value_minor = excluded.value_minor`,
        values: moved.flatMap((m) => [m.itemId, this.shop.warehouseId, m.balance.quantityMilli, m.balance.valueMinor, '0']),
      });
      await c.query({
        name: 'bench-audit',
        text: `INSERT INTO audit_log (at, user_id, action, entity, entity_id, before, after) VALUES ($1, NULL, 'post', 'document', $2, '{"status":"draft"}', '{"status":"posted"}')`,
        values: [now, String(docId)],
      });
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  }
}
