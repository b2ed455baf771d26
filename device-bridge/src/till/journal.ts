// The till journal: shifts, cash moves, receipts with their lines and payments, postponed carts and the audit
// trail. A receipt is written in one transaction before anything is printed; the sync loop sends it later.
import { DomainError } from '@kasa/domain';
import { Decimal } from '@kasa/domain';
import type { TillDatabase } from './database';
import { nextCounter } from './database';
import type { BookedPayment, PricedReceipt } from './sale';
import { wireId, type ReceiptPayload } from './store-server';

export interface Shift {
  number: number;
  openedAt: string;
  openedBy: string;
  floatMinor: number;
  closedAt: string | null;
  closedBy: string | null;
  countedMinor: number | null;
  expectedMinor: number | null;
}

export interface ShiftReport {
  shift: Shift;
  sales: { count: number; grossMinor: number };
  returns: { count: number; grossMinor: number };
  payments: { cashMinor: number; cardMinor: number };
  refunds: { cashMinor: number; cardMinor: number };
  cashInMinor: number;
  cashOutMinor: number;
  roundingMinor: number;
  expectedCashMinor: number;
  vat: { rate: string; grossMinor: number; vatMinor: number }[];
}

export interface JournalReceipt {
  uuid: string;
  number: string;
  type: 'sale' | 'return';
  originalUuid: string | null;
  cashierId: string;
  shiftNumber: number;
  createdAt: string;
  currency: string;
  grossMinor: number;
  vatMinor: number;
  discountMinor: number;
  roundingMinor: number;
  changeMinor: number;
  syncState: 'pending' | 'sent' | 'rejected';
  lines: { lineNo: number; itemId: string; itemName: string; quantity: string; unitPriceMinor: number; discountMinor: number; vatRate: string; grossMinor: number; vatMinor: number; markingCode?: string }[];
  payments: BookedPayment[];
}

interface ShiftRow {
  number: number;
  opened_at: string;
  opened_by: string;
  float_minor: number;
  closed_at: string | null;
  closed_by: string | null;
  counted_minor: number | null;
  expected_minor: number | null;
}

const toShift = (r: ShiftRow): Shift => ({
  number: r.number,
  openedAt: r.opened_at,
  openedBy: r.opened_by,
  floatMinor: r.float_minor,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
  countedMinor: r.counted_minor,
  expectedMinor: r.expected_minor,
});

export class Journal {
  constructor(
    private readonly db: TillDatabase,
    readonly tillCode: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  // --- shifts -------------------------------------------------------------------------------------------

  openShift(): Shift | undefined {
    const r = this.db.prepare('SELECT * FROM shifts WHERE closed_at IS NULL ORDER BY number DESC LIMIT 1').get() as ShiftRow | undefined;
    return r && toShift(r);
  }

  shift(number: number): Shift | undefined {
    const r = this.db.prepare('SELECT * FROM shifts WHERE number = ?').get(number) as ShiftRow | undefined;
    return r && toShift(r);
  }

  startShift(cashierId: string, floatMinor: number): Shift {
    if (!Number.isSafeInteger(floatMinor) || floatMinor < 0) throw new DomainError('cash.amount_invalid', {}, 400);
    return this.db.transaction(() => {
      if (this.openShift()) throw new DomainError('shift.already_open', {}, 409);
      const number = nextCounter(this.db, 'shift');
      this.db
        .prepare('INSERT INTO shifts(number, opened_at, opened_by, float_minor) VALUES (?, ?, ?, ?)')
        .run(number, this.now().toISOString(), cashierId, floatMinor);
      this.audit(cashierId, 'shift.open', null, { number, floatMinor });
      return this.shift(number)!;
    })();
  }

  closeShift(cashierId: string, countedMinor: number): ShiftReport {
    if (!Number.isSafeInteger(countedMinor) || countedMinor < 0) throw new DomainError('cash.amount_invalid', {}, 400);
    return this.db.transaction(() => {
      const open = this.requireShift();
      const report = this.report(open.number);
      this.db
        .prepare('UPDATE shifts SET closed_at = ?, closed_by = ?, counted_minor = ?, expected_minor = ? WHERE number = ?')
        .run(this.now().toISOString(), cashierId, countedMinor, report.expectedCashMinor, open.number);
      this.db.prepare('DELETE FROM postponed').run();
      this.audit(cashierId, 'shift.close', null, { number: open.number, countedMinor, expectedMinor: report.expectedCashMinor });
      return { ...report, shift: this.shift(open.number)! };
    })();
  }

  requireShift(): Shift {
    const s = this.openShift();
    if (!s) throw new DomainError('shift.not_open', {}, 409);
    return s;
  }

  // --- cash in / out ------------------------------------------------------------------------------------

  cashMove(cashierId: string, kind: 'in' | 'out', amountMinor: number, reason: string): { id: number; shiftNumber: number } {
    if (kind !== 'in' && kind !== 'out') throw new DomainError('cash.kind_invalid', {}, 400);
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new DomainError('cash.amount_invalid', {}, 400);
    return this.db.transaction(() => {
      const s = this.requireShift();
      if (kind === 'out' && amountMinor > this.report(s.number).expectedCashMinor)
        throw new DomainError('cash.insufficient', { amountMinor }, 409);
      const r = this.db
        .prepare('INSERT INTO cash_moves(shift_number, kind, amount_minor, reason, cashier_id, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(s.number, kind, amountMinor, reason ?? '', cashierId, this.now().toISOString());
      return { id: Number(r.lastInsertRowid), shiftNumber: s.number };
    })();
  }

  // --- receipts -----------------------------------------------------------------------------------------

  /** Writes a receipt with its number, lines and payments in one transaction; the same uuid twice returns the first. */
  recordReceipt(input: {
    uuid: string;
    type: 'sale' | 'return';
    originalUuid?: string;
    cashierId: string;
    currency: string;
    priced: PricedReceipt;
    /** Checked inside the transaction, so two returns of one receipt cannot both pass. */
    check?: () => void;
  }): JournalReceipt {
    return this.db.transaction(() => {
      const existing = this.receipt(input.uuid);
      if (existing) return existing;
      input.check?.();
      const shift = this.requireShift();
      const number = `${this.tillCode}-${String(nextCounter(this.db, 'receipt')).padStart(6, '0')}`;
      const createdAt = this.now().toISOString();
      const p = input.priced;
      const payload: ReceiptPayload = {
        uuid: input.uuid,
        tillCode: this.tillCode,
        number,
        type: input.type,
        ...(input.originalUuid ? { originalUuid: input.originalUuid } : {}),
        cashierId: wireId(input.cashierId),
        shiftNumber: shift.number,
        createdAt,
        currency: input.currency,
        lines: p.lines.map((l) => ({
          itemId: wireId(l.itemId),
          quantity: new Decimal(l.quantity).toFixed(3),
          unitPriceMinor: l.unitPriceMinor,
          discountMinor: l.totalDiscountMinor,
          vatRate: l.vatRate,
          ...(l.markingCode ? { markingCode: l.markingCode } : {}),
        })),
        payments: p.payments,
      };
      this.db
        .prepare(
          `INSERT INTO receipts(uuid, number, type, original_uuid, cashier_id, shift_number, created_at, currency,
             gross_minor, vat_minor, discount_minor, rounding_minor, change_minor, payload)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(input.uuid, number, input.type, input.originalUuid ?? null, input.cashierId, shift.number, createdAt, input.currency,
          p.grossMinor, p.vatMinor, p.discountMinor, p.roundingMinor, p.changeMinor, JSON.stringify(payload));
      const line = this.db.prepare(
        `INSERT INTO receipt_lines(receipt_uuid, line_no, item_id, item_name, quantity, unit_price_minor, discount_minor, vat_rate, gross_minor, vat_minor, marking_code)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const l of p.lines)
        line.run(input.uuid, l.lineNo, l.itemId, l.itemName, new Decimal(l.quantity).toFixed(3), l.unitPriceMinor, l.totalDiscountMinor, l.vatRate, l.grossMinor, l.vatMinor, l.markingCode ?? null);
      const pay = this.db.prepare('INSERT INTO payments(receipt_uuid, method, amount_minor, payment_key, approval_code, masked_pan, rrn) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const x of p.payments) pay.run(input.uuid, x.method, x.amountMinor, x.paymentKey ?? null, x.approvalCode ?? null, x.maskedPan ?? null, x.rrn ?? null);
      return this.receipt(input.uuid)!;
    })();
  }

  receipt(uuid: string): JournalReceipt | undefined {
    const r = this.db.prepare('SELECT * FROM receipts WHERE uuid = ?').get(uuid) as ReceiptRow | undefined;
    return r && this.toReceipt(r);
  }

  receiptByNumber(number: string): JournalReceipt | undefined {
    const r = this.db.prepare('SELECT * FROM receipts WHERE number = ? COLLATE NOCASE').get(number.trim()) as ReceiptRow | undefined;
    return r && this.toReceipt(r);
  }

  /** Quantity per item already returned against a sale receipt. */
  returnedQuantities(originalUuid: string): Map<string, Decimal> {
    const rows = this.db
      .prepare(
        `SELECT l.item_id, l.quantity FROM receipts r JOIN receipt_lines l ON l.receipt_uuid = r.uuid
         WHERE r.type = 'return' AND r.original_uuid = ?`,
      )
      .all(originalUuid) as { item_id: string; quantity: string }[];
    const out = new Map<string, Decimal>();
    for (const r of rows) out.set(r.item_id, (out.get(r.item_id) ?? new Decimal(0)).plus(r.quantity));
    return out;
  }

  recentReceipts(limit = 20): JournalReceipt[] {
    return (this.db.prepare('SELECT * FROM receipts ORDER BY seq DESC LIMIT ?').all(limit) as ReceiptRow[]).map((r) => this.toReceipt(r));
  }

  // --- sync bookkeeping -------------------------------------------------------------------------------------

  pendingCount(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM receipts WHERE sync_state = 'pending'").get() as { n: number }).n;
  }

  nextPending(): { uuid: string; payload: ReceiptPayload } | undefined {
    const r = this.db.prepare("SELECT uuid, payload FROM receipts WHERE sync_state = 'pending' ORDER BY seq LIMIT 1").get() as
      | { uuid: string; payload: string }
      | undefined;
    return r && { uuid: r.uuid, payload: JSON.parse(r.payload) as ReceiptPayload };
  }

  markSent(uuid: string, documentId: string | undefined): void {
    this.db
      .prepare("UPDATE receipts SET sync_state = 'sent', sent_at = ?, document_id = ?, attempts = attempts + 1, last_error = NULL WHERE uuid = ?")
      .run(this.now().toISOString(), documentId ?? null, uuid);
  }

  markFailed(uuid: string, error: string, rejected: boolean): void {
    this.db
      .prepare(`UPDATE receipts SET attempts = attempts + 1, last_error = ?${rejected ? ", sync_state = 'rejected'" : ''} WHERE uuid = ?`)
      .run(error, uuid);
  }

  /** Puts a receipt the server rejected back in the queue (after the cause was fixed on the server). */
  requeue(uuid: string): boolean {
    return this.db.prepare("UPDATE receipts SET sync_state = 'pending', last_error = NULL WHERE uuid = ? AND sync_state = 'rejected'").run(uuid).changes === 1;
  }

  rejected(): { uuid: string; number: string; lastError: string | null }[] {
    return (this.db.prepare("SELECT uuid, number, last_error FROM receipts WHERE sync_state = 'rejected' ORDER BY seq").all() as {
      uuid: string;
      number: string;
      last_error: string | null;
    }[]).map((r) => ({ uuid: r.uuid, number: r.number, lastError: r.last_error }));
  }

  // --- postponed receipts -------------------------------------------------------------------------------

  postpone(uuid: string, cashierId: string, label: string, cart: unknown): void {
    this.db
      .prepare('INSERT INTO postponed(uuid, cashier_id, created_at, label, cart) VALUES (?, ?, ?, ?, ?) ON CONFLICT(uuid) DO UPDATE SET cart = excluded.cart, label = excluded.label')
      .run(uuid, cashierId, this.now().toISOString(), label, JSON.stringify(cart));
  }

  postponed(): { uuid: string; cashierId: string; createdAt: string; label: string }[] {
    return (this.db.prepare('SELECT uuid, cashier_id, created_at, label FROM postponed ORDER BY created_at').all() as {
      uuid: string;
      cashier_id: string;
      created_at: string;
      label: string;
    }[]).map((r) => ({ uuid: r.uuid, cashierId: r.cashier_id, createdAt: r.created_at, label: r.label }));
  }

  /** Takes a postponed cart back out of the list (it is deleted: it lives on the screen again). */
  recall(uuid: string): unknown {
    return this.db.transaction(() => {
      const r = this.db.prepare('SELECT cart FROM postponed WHERE uuid = ?').get(uuid) as { cart: string } | undefined;
      if (!r) throw new DomainError('postponed.not_found', { uuid }, 404);
      this.db.prepare('DELETE FROM postponed WHERE uuid = ?').run(uuid);
      return JSON.parse(r.cart) as unknown;
    })();
  }

  // --- audit and reports --------------------------------------------------------------------------------

  audit(cashierId: string | null, action: string, reason: string | null, detail: unknown): void {
    this.db
      .prepare('INSERT INTO audit(at, cashier_id, action, reason, detail) VALUES (?, ?, ?, ?, ?)')
      .run(this.now().toISOString(), cashierId, action, reason, detail === undefined ? null : JSON.stringify(detail));
  }

  auditLog(limit = 50): { at: string; cashierId: string | null; action: string; reason: string | null }[] {
    return (this.db.prepare('SELECT at, cashier_id, action, reason FROM audit ORDER BY id DESC LIMIT ?').all(limit) as {
      at: string;
      cashier_id: string | null;
      action: string;
      reason: string | null;
    }[]).map((r) => ({ at: r.at, cashierId: r.cashier_id, action: r.action, reason: r.reason }));
  }

  /** The X report: the shift so far. The Z report is the same figures at close. */
  report(shiftNumber: number): ShiftReport {
    const shift = this.shift(shiftNumber);
    if (!shift) throw new DomainError('shift.not_found', { number: shiftNumber }, 404);
    const agg = (type: string) =>
      this.db.prepare('SELECT count(*) AS count, coalesce(sum(gross_minor), 0) AS gross, coalesce(sum(rounding_minor), 0) AS rounding FROM receipts WHERE shift_number = ? AND type = ?').get(shiftNumber, type) as {
        count: number;
        gross: number;
        rounding: number;
      };
    const pay = (type: string, method: string) =>
      (this.db
        .prepare('SELECT coalesce(sum(p.amount_minor), 0) AS s FROM payments p JOIN receipts r ON r.uuid = p.receipt_uuid WHERE r.shift_number = ? AND r.type = ? AND p.method = ?')
        .get(shiftNumber, type, method) as { s: number }).s;
    const cash = (kind: string) =>
      (this.db.prepare('SELECT coalesce(sum(amount_minor), 0) AS s FROM cash_moves WHERE shift_number = ? AND kind = ?').get(shiftNumber, kind) as { s: number }).s;
    const sales = agg('sale');
    const returns = agg('return');
    const payments = { cashMinor: pay('sale', 'cash'), cardMinor: pay('sale', 'card') };
    const refunds = { cashMinor: pay('return', 'cash'), cardMinor: pay('return', 'card') };
    const cashInMinor = cash('in');
    const cashOutMinor = cash('out');
    const vatRows = this.db
      .prepare(
        `SELECT l.vat_rate AS rate, sum(CASE WHEN r.type = 'return' THEN -l.gross_minor ELSE l.gross_minor END) AS gross,
                sum(CASE WHEN r.type = 'return' THEN -l.vat_minor ELSE l.vat_minor END) AS vat
         FROM receipt_lines l JOIN receipts r ON r.uuid = l.receipt_uuid WHERE r.shift_number = ? GROUP BY l.vat_rate`,
      )
      .all(shiftNumber) as { rate: string; gross: number; vat: number }[];
    return {
      shift,
      sales: { count: sales.count, grossMinor: sales.gross },
      returns: { count: returns.count, grossMinor: returns.gross },
      payments,
      refunds,
      cashInMinor,
      cashOutMinor,
      roundingMinor: sales.rounding - returns.rounding,
      expectedCashMinor: shift.floatMinor + payments.cashMinor - refunds.cashMinor + cashInMinor - cashOutMinor,
      vat: vatRows
        .sort((a, b) => new Decimal(b.rate).comparedTo(new Decimal(a.rate)))
        .map((r) => ({ rate: r.rate, grossMinor: r.gross, vatMinor: r.vat })),
    };
  }

  private toReceipt(r: ReceiptRow): JournalReceipt {
    const lines = (this.db.prepare('SELECT * FROM receipt_lines WHERE receipt_uuid = ? ORDER BY line_no').all(r.uuid) as LineRow[]).map((l) => ({
      lineNo: l.line_no,
      itemId: l.item_id,
      itemName: l.item_name,
      quantity: l.quantity,
      unitPriceMinor: l.unit_price_minor,
      discountMinor: l.discount_minor,
      vatRate: l.vat_rate,
      grossMinor: l.gross_minor,
      vatMinor: l.vat_minor,
      ...(l.marking_code ? { markingCode: l.marking_code } : {}),
    }));
    const payments = (this.db.prepare('SELECT method, amount_minor, payment_key, approval_code, masked_pan, rrn FROM payments WHERE receipt_uuid = ? ORDER BY rowid').all(r.uuid) as {
      method: 'cash' | 'card';
      amount_minor: number;
      payment_key: string | null;
      approval_code: string | null;
      masked_pan: string | null;
      rrn: string | null;
    }[]).map((p): BookedPayment => ({
      method: p.method,
      amountMinor: p.amount_minor,
      ...(p.payment_key ? { paymentKey: p.payment_key } : {}),
      ...(p.approval_code ? { approvalCode: p.approval_code } : {}),
      ...(p.masked_pan ? { maskedPan: p.masked_pan } : {}),
      ...(p.rrn ? { rrn: p.rrn } : {}),
    }));
    return {
      uuid: r.uuid,
      number: r.number,
      type: r.type,
      originalUuid: r.original_uuid,
      cashierId: r.cashier_id,
      shiftNumber: r.shift_number,
      createdAt: r.created_at,
      currency: r.currency,
      grossMinor: r.gross_minor,
      vatMinor: r.vat_minor,
      discountMinor: r.discount_minor,
      roundingMinor: r.rounding_minor,
      changeMinor: r.change_minor,
      syncState: r.sync_state,
      lines,
      payments,
    };
  }
}

interface ReceiptRow {
  uuid: string;
  number: string;
  type: 'sale' | 'return';
  original_uuid: string | null;
  cashier_id: string;
  shift_number: number;
  created_at: string;
  currency: string;
  gross_minor: number;
  vat_minor: number;
  discount_minor: number;
  rounding_minor: number;
  change_minor: number;
  sync_state: 'pending' | 'sent' | 'rejected';
}

interface LineRow {
  line_no: number;
  item_id: string;
  item_name: string;
  quantity: string;
  unit_price_minor: number;
  discount_minor: number;
  vat_rate: string;
  gross_minor: number;
  vat_minor: number;
  marking_code: string | null;
}
