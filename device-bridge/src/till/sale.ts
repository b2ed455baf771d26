// Turns what the cashier rang up into a journal receipt: prices from the catalogue cache, totals from
// @kasa/domain's computeTotals (the same cents the server computes), cash rounding, payments and change.
import { cashRounding, computeTotals, DomainError, Money, type CurrencyCode, type VatRounding } from '@kasa/domain';
import { Decimal } from '@kasa/domain';

export interface SaleLineInput {
  itemId: string;
  itemName: string;
  quantity: string;
  unitPriceMinor: number;
  vatRate: string;
  discountMinor?: number;
  discountPercent?: string;
  markingCode?: string;
}

/** What the card terminal said about a card payment; only the till fills it, from the bridge's payment job. */
export interface CardDetails {
  /** The bridge job key the terminal ran under, e.g. "card:<receipt uuid>:0". */
  paymentKey?: string;
  approvalCode?: string;
  maskedPan?: string;
  rrn?: string;
}

export interface PaymentInput extends CardDetails {
  method: 'cash' | 'card';
  /** For cash, what the customer handed over (may exceed the total: the rest is change). */
  amountMinor: number;
}

export type BookedPayment = { method: 'cash' | 'card'; amountMinor: number } & CardDetails;

export interface SaleRules {
  currency: CurrencyCode;
  pricesIncludeTax: boolean;
  vatRounding: VatRounding;
  cashRounding: string;
  /** Largest discount this cashier may give, percent of the amount it applies to. */
  discountLimitPercent: number;
}

export interface PricedLine extends SaleLineInput {
  lineNo: number;
  /** Total discount on the line, including its share of the receipt discount. */
  totalDiscountMinor: number;
  grossMinor: number;
  vatMinor: number;
}

export interface PricedReceipt {
  lines: PricedLine[];
  grossMinor: number;
  vatMinor: number;
  discountMinor: number;
  vatBreakdown: { rate: string; netMinor: number; vatMinor: number; grossMinor: number }[];
  /** Cash rounding booked on this receipt (rounded cash due minus exact cash due). */
  roundingMinor: number;
  /** Payments as booked: cash is what stays in the drawer, never more than due; each card payment with its terminal details. */
  payments: BookedPayment[];
  changeMinor: number;
}

function major(minor: number, currency: CurrencyCode): Decimal {
  return Money.fromMinor(minor, currency).amount;
}

export function quantityOf(text: string): Decimal {
  if (!/^\d{1,9}(\.\d{1,3})?$/.test(String(text).trim())) throw new DomainError('quantity.invalid', { quantity: String(text) }, 400);
  const q = new Decimal(String(text).trim());
  if (q.isZero()) throw new DomainError('quantity.invalid', { quantity: String(text) }, 400);
  return q;
}

export function priceReceipt(lines: SaleLineInput[], receiptDiscountMinor: number, paymentsIn: PaymentInput[], rules: SaleRules): PricedReceipt {
  if (lines.length === 0) throw new DomainError('receipt.empty', {}, 400);
  const cur = rules.currency;
  const limit = new Decimal(rules.discountLimitPercent);
  lines.forEach((l, i) => {
    quantityOf(l.quantity);
    const amount = quantityOf(l.quantity).mul(l.unitPriceMinor);
    const pct = new Decimal(l.discountPercent ?? 0);
    const byAmount = amount.isZero() ? new Decimal(0) : new Decimal(l.discountMinor ?? 0).div(amount).mul(100);
    if (pct.plus(byAmount).gt(limit)) throw new DomainError('discount.over_limit', { line: i + 1, limit: rules.discountLimitPercent }, 403);
  });
  const totals = computeTotals(
    lines.map((l) => ({
      quantity: quantityOf(l.quantity),
      unitPriceMinor: l.unitPriceMinor,
      vatRate: l.vatRate,
      ...(l.discountPercent ? { discountPercent: l.discountPercent } : {}),
      ...(l.discountMinor ? { discountMinor: l.discountMinor } : {}),
    })),
    {
      currency: cur,
      pricesIncludeTax: rules.pricesIncludeTax,
      vatRounding: rules.vatRounding,
      ...(receiptDiscountMinor ? { documentDiscount: major(receiptDiscountMinor, cur) } : {}),
    },
  );
  if (receiptDiscountMinor > 0) {
    const before = totals.gross.toMinor() + receiptDiscountMinor;
    if (new Decimal(receiptDiscountMinor).mul(100).gt(limit.mul(before)))
      throw new DomainError('discount.over_limit', { limit: rules.discountLimitPercent }, 403);
  }
  const grossMinor = totals.gross.toMinor();
  const priced = lines.map((l, i) => {
    const t = totals.lines[i]!;
    return { ...l, lineNo: i + 1, totalDiscountMinor: t.discount.toMinor(), grossMinor: t.gross.toMinor(), vatMinor: t.vat.toMinor() };
  });
  const settled = settlePayments(grossMinor, paymentsIn, rules);
  return {
    lines: priced,
    grossMinor,
    vatMinor: totals.vat.toMinor(),
    discountMinor: totals.discount.toMinor(),
    vatBreakdown: totals.vatBreakdown.map((r) => ({ rate: r.rate, netMinor: r.net.toMinor(), vatMinor: r.vat.toMinor(), grossMinor: r.gross.toMinor() })),
    ...settled,
  };
}

/**
 * Card pays exactly; the rest is due in cash, rounded by the shop's cash rounding strategy.
 * Payments with no amounts at all mean "all in cash, exact".
 */
export function settlePayments(
  dueMinor: number,
  paymentsIn: PaymentInput[],
  rules: Pick<SaleRules, 'currency' | 'cashRounding'>,
): Pick<PricedReceipt, 'payments' | 'changeMinor' | 'roundingMinor'> {
  for (const p of paymentsIn) {
    if (p.method !== 'cash' && p.method !== 'card') throw new DomainError('payment.method_invalid', { method: String(p.method) }, 400);
    if (!Number.isSafeInteger(p.amountMinor) || p.amountMinor < 0) throw new DomainError('payment.amount_invalid', {}, 400);
  }
  const card = paymentsIn.filter((p) => p.method === 'card').reduce((a, p) => a + p.amountMinor, 0);
  const tendered = paymentsIn.filter((p) => p.method === 'cash').reduce((a, p) => a + p.amountMinor, 0);
  if (card > dueMinor) throw new DomainError('payment.card_exceeds_total', {}, 400);
  const cashExact = dueMinor - card;
  const cashDue = cashExact === 0 ? 0 : cashRounding(rules.cashRounding).round(Money.fromMinor(cashExact, rules.currency)).toMinor();
  const paidCash = paymentsIn.some((p) => p.method === 'cash') ? tendered : cashDue;
  if (paidCash < cashDue) throw new DomainError('payment.insufficient', { dueMinor: cashDue, paidMinor: paidCash }, 400);
  const payments: PricedReceipt['payments'] = [];
  if (cashDue > 0) payments.push({ method: 'cash', amountMinor: cashDue });
  for (const p of paymentsIn) {
    if (p.method !== 'card' || p.amountMinor === 0) continue;
    const details: CardDetails = {
      ...(p.paymentKey ? { paymentKey: p.paymentKey } : {}),
      ...(p.approvalCode ? { approvalCode: p.approvalCode } : {}),
      ...(p.maskedPan ? { maskedPan: p.maskedPan } : {}),
      ...(p.rrn ? { rrn: p.rrn } : {}),
    };
    payments.push({ method: 'card', amountMinor: p.amountMinor, ...details });
  }
  return { payments, changeMinor: paidCash - cashDue, roundingMinor: cashDue - cashExact };
}
