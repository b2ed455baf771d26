// What a sale posting leaves in the database, without ids of its own making and timestamps, so the engine's run and
// the raw baseline's run can be compared row for row.

import type { Db } from '@kasa/db';

export interface LedgerSnapshot {
  documents: Array<{ id: number; type: string; number: string; status: string; date: string; warehouseId: number | null; totalMinor: number; idempotencyKey: string | null; version: number }>;
  lines: Array<{ documentId: number; lineNo: number; itemId: number; quantity: string; priceMinor: number; discountMinor: number; amountMinor: number; vatRate: string }>;
  movements: Array<{ documentId: number; itemId: number; warehouseId: number; quantityMilli: number; valueMinor: number; date: string }>;
  balances: Array<{ itemId: number; warehouseId: number; quantityMilli: number; valueMinor: number; lastUnitCost: string }>;
  audit: Array<{ action: string; entity: string; entityId: string; before: string | null; after: string | null }>;
  series: Array<{ code: string; year: number; nextNumber: number }>;
}

export async function ledgerSnapshot(db: Db): Promise<LedgerSnapshot> {
  const k = db.kysely;
  const documents = await k.selectFrom('documents').selectAll().orderBy('id').execute();
  const lines = await k.selectFrom('document_lines').selectAll().orderBy('document_id').orderBy('line_no').execute();
  const movements = await k.selectFrom('stock_movements').selectAll().orderBy('id').execute();
  const balances = await k.selectFrom('stock_balances').selectAll().orderBy('item_id').orderBy('warehouse_id').execute();
  const audit = await k.selectFrom('audit_log').selectAll().orderBy('id').execute();
  const series = await k.selectFrom('number_series').selectAll().orderBy('code').orderBy('year').execute();
  return {
    documents: documents.map((d) => ({
      id: Number(d.id),
      type: d.type,
      number: d.number,
      status: d.status,
      date: d.date,
      warehouseId: d.warehouse_id === null ? null : Number(d.warehouse_id),
      totalMinor: Number(d.total_minor),
      idempotencyKey: d.idempotency_key,
      version: d.version,
    })),
    lines: lines.map((l) => ({
      documentId: Number(l.document_id),
      lineNo: l.line_no,
      itemId: Number(l.item_id),
      quantity: l.quantity,
      priceMinor: Number(l.price_minor),
      discountMinor: Number(l.discount_minor),
      amountMinor: Number(l.amount_minor),
      vatRate: l.vat_rate,
    })),
    movements: movements.map((m) => ({
      documentId: Number(m.document_id),
      itemId: Number(m.item_id),
      warehouseId: Number(m.warehouse_id),
      quantityMilli: Number(m.quantity_milli),
      valueMinor: Number(m.value_minor),
      date: m.date,
    })),
    balances: balances.map((b) => ({
      itemId: Number(b.item_id),
      warehouseId: Number(b.warehouse_id),
      quantityMilli: Number(b.quantity_milli),
      valueMinor: Number(b.value_minor),
      lastUnitCost: b.last_unit_cost,
    })),
    audit: audit.map((a) => ({ action: a.action, entity: a.entity, entityId: a.entity_id, before: a.before, after: a.after })),
    series: series.map((s) => ({ code: s.code, year: s.year, nextNumber: Number(s.next_number) })),
  };
}
