// Receipt and invoice totals: line amounts, discounts, VAT per line and per rate, all summing exactly.
// The price group decides whether prices include VAT (PayTraq: "nodoklis ir iekļauts"); the company setting
// decides whether VAT is rounded per line or once per rate for the whole document.

import { DomainError } from '../errors/domain-error';
import { minorFactor, type CurrencyCode } from '../money/currency';
import { Decimal, dec, type DecimalInput } from '../money/decimal';
import { allocateMinor, Money } from '../money/money';
import { divRoundHalfUp, milliOf } from '../money/quantity';

export type VatRounding = 'line' | 'document';

export type TotalsLineInput = {
  quantity: DecimalInput;
  /** VAT rate in percent, e.g. "21". */
  vatRate: DecimalInput;
  /** Discount on this line, an amount in the price basis. */
  discount?: DecimalInput;
  /** The same in minor units (documents store it so); added to `discount` when both are given. */
  discountMinor?: number;
  /** Discount on this line in percent of the line amount (applied before the amount discount). */
  discountPercent?: DecimalInput;
} & (
  | {
      /** Price per unit in the price group's basis: gross when prices include VAT, net otherwise. */
      unitPrice: DecimalInput;
    }
  | {
      /** The same in whole minor units (documents store it so): with a quantity of at most three decimals the line amount is worked in whole numbers. */
      unitPriceMinor: number;
    }
);

export interface TotalsOptions {
  currency: CurrencyCode;
  pricesIncludeTax: boolean;
  vatRounding: VatRounding;
  /** A discount on the whole document, an amount in the price basis, spread over lines by their amounts. */
  documentDiscount?: DecimalInput;
}

export interface TotalsLine {
  /** Line amount before discounts, in the price basis. */
  amount: Money;
  discount: Money;
  net: Money;
  vat: Money;
  gross: Money;
  vatRate: string;
}

export interface VatBreakdownRow {
  rate: string;
  net: Money;
  vat: Money;
  gross: Money;
}

export interface DocumentTotals {
  lines: TotalsLine[];
  vatBreakdown: VatBreakdownRow[];
  net: Money;
  vat: Money;
  gross: Money;
  discount: Money;
}

const HUNDRED = new Decimal(100);


function roundMinor(x: Decimal): number {
  return x.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

/** VAT contained in an amount (minor units) at a rate, exact before rounding. */
function vatOf(amountMinor: number, rate: Decimal, pricesIncludeTax: boolean): Decimal {
  const a = new Decimal(amountMinor);
  return pricesIncludeTax ? a.mul(rate).div(HUNDRED.plus(rate)) : a.mul(rate).div(HUNDRED);
}

/** A VAT rate as given on a line, parsed and checked once per document and rate, with its text and divisor. */
interface Rate {
  value: Decimal;
  text: string;
  /** 100 + rate, or 100: what the VAT of an amount is divided by. */
  divisor: Decimal;
  /** The rate and divisor as whole numbers when the rate is a whole percent (21, 12, 0): VAT in integer arithmetic. */
  whole: { rate: number; divisor: number } | null;
}

/** The VAT in a line's amount at its rate, rounded to minor units: whole numbers where exact, Decimal otherwise. */
function lineVat(basis: number, rate: Rate): number {
  if (rate.whole) {
    const n = basis * rate.whole.rate;
    if (Number.isSafeInteger(n) && Number.isSafeInteger(2 * Math.abs(n) + rate.whole.divisor)) return divRoundHalfUp(n, rate.whole.divisor) + 0;
  }
  return roundMinor(new Decimal(basis).mul(rate.value).div(rate.divisor));
}

/** Quantity × unit price in minor units, rounded half up: in whole numbers when the price is in minor units and the quantity has at most three decimals. */
function lineAmount(l: TotalsLineInput, f: Decimal, line: number): number {
  if ('unitPriceMinor' in l) {
    if (l.unitPriceMinor < 0) throw new DomainError('price.negative', { line }, 400);
    const milli = milliOf(l.quantity);
    if (milli !== null) {
      const n = milli * l.unitPriceMinor;
      if (Number.isSafeInteger(2 * Math.abs(n) + 1000)) return divRoundHalfUp(n, 1000) + 0;
    }
    return roundMinor(dec(l.quantity).mul(l.unitPriceMinor));
  }
  const price = dec(l.unitPrice);
  if (price.isNeg()) throw new DomainError('price.negative', { line }, 400);
  return roundMinor(dec(l.quantity).mul(price).mul(f));
}

export function computeTotals(inputs: TotalsLineInput[], opts: TotalsOptions): DocumentTotals {
  const f = minorFactor(opts.currency);
  const m = (minor: number) => Money.fromMinor(minor, opts.currency);

  const rates = new Map<string, Rate>();
  const rateOf = (input: DecimalInput, line: number): Rate => {
    const key = typeof input === 'string' ? input : String(input);
    let r = rates.get(key);
    if (!r) {
      const value = dec(input);
      if (value.isNeg() || value.gt(100)) throw new DomainError('vat.rate_invalid', { line, rate: value.toString() }, 400);
      const divisor = opts.pricesIncludeTax ? HUNDRED.plus(value) : HUNDRED;
      r = { value, text: value.toString(), divisor, whole: value.isInteger() ? { rate: value.toNumber(), divisor: divisor.toNumber() } : null };
      rates.set(key, r);
    }
    return r;
  };

  const prepared = inputs.map((l, i) => {
    const rate = rateOf(l.vatRate, i + 1);
    const amount = lineAmount(l, f, i + 1);
    let discount = 0;
    if (l.discountPercent !== undefined) {
      const pct = dec(l.discountPercent);
      if (pct.isNeg() || pct.gt(100)) throw new DomainError('discount.percent_invalid', { line: i + 1 }, 400);
      discount = roundMinor(new Decimal(amount).mul(pct).div(HUNDRED));
    }
    if (l.discount !== undefined) discount += roundMinor(dec(l.discount).mul(f));
    if (l.discountMinor !== undefined) discount += l.discountMinor;
    if (Math.abs(discount) > Math.abs(amount)) throw new DomainError('discount.exceeds_line', { line: i + 1 }, 400);
    return { amount, discount, rate };
  });

  if (opts.documentDiscount !== undefined) {
    const docDiscount = roundMinor(dec(opts.documentDiscount).mul(f));
    const remaining = prepared.map((p) => p.amount - p.discount);
    const total = remaining.reduce((a, b) => a + b, 0);
    if (docDiscount < 0 || docDiscount > Math.abs(total))
      throw new DomainError('discount.exceeds_document', { discount: dec(opts.documentDiscount).toString() }, 400);
    const shares = allocateMinor(docDiscount, remaining.map((r) => Math.abs(r)));
    prepared.forEach((p, i) => (p.discount += Math.sign(p.amount || 1) * (shares[i] ?? 0)));
  }

  // Amount after discount, in the price basis (gross or net).
  const basis = prepared.map((p) => p.amount - p.discount);
  const vats: number[] = new Array(prepared.length).fill(0);

  if (opts.vatRounding === 'line') {
    prepared.forEach((p, i) => (vats[i] = lineVat(basis[i] ?? 0, p.rate)));
  } else {
    // One rounding per rate; the rate's VAT is spread over its lines so lines still sum to it.
    const byRate = new Map<string, number[]>();
    prepared.forEach((p, i) => {
      const key = p.rate.text;
      const idx = byRate.get(key);
      if (idx) idx.push(i);
      else byRate.set(key, [i]);
    });
    for (const [rate, idx] of byRate) {
      const sum = idx.reduce((a, i) => a + (basis[i] ?? 0), 0);
      const vat = roundMinor(vatOf(sum, new Decimal(rate), opts.pricesIncludeTax));
      const parts = allocateMinor(vat, idx.map((i) => Math.abs(basis[i] ?? 0)));
      idx.forEach((i, k) => (vats[i] = parts[k] ?? 0));
    }
  }

  const lines: TotalsLine[] = prepared.map((p, i) => {
    const b = basis[i] ?? 0;
    const v = vats[i] ?? 0;
    const net = opts.pricesIncludeTax ? b - v : b;
    const gross = opts.pricesIncludeTax ? b : b + v;
    return { amount: m(p.amount), discount: m(p.discount), net: m(net), vat: m(v), gross: m(gross), vatRate: p.rate.text };
  });

  const rows = new Map<string, { net: number; vat: number; gross: number }>();
  lines.forEach((l) => {
    const r = rows.get(l.vatRate) ?? { net: 0, vat: 0, gross: 0 };
    r.net += l.net.toMinor();
    r.vat += l.vat.toMinor();
    r.gross += l.gross.toMinor();
    rows.set(l.vatRate, r);
  });
  const vatBreakdown = [...rows.entries()]
    .sort((a, b) => new Decimal(b[0]).comparedTo(new Decimal(a[0])))
    .map(([rate, r]) => ({ rate, net: m(r.net), vat: m(r.vat), gross: m(r.gross) }));
  const sum = (k: 'net' | 'vat' | 'gross') => m(vatBreakdown.reduce((a, r) => a + r[k].toMinor(), 0));
  return {
    lines,
    vatBreakdown,
    net: sum('net'),
    vat: sum('vat'),
    gross: sum('gross'),
    discount: m(prepared.reduce((a, p) => a + p.discount, 0)),
  };
}
