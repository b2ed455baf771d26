// Money: an exact amount in one currency. Stored as integer minor units, computed with Decimal.

import { DomainError } from '../errors/domain-error';
import { currency, minorFactor, minorUnitSize, type CurrencyCode } from './currency';
import { Decimal, dec, type DecimalInput } from './decimal';

export class Money {
  readonly amount: Decimal;
  readonly currency: CurrencyCode;
  /** The minor units this amount was made from, when known: toMinor() is then a read (totals and posting call it for
   * every line). Private, so two equal amounts still compare equal. */
  #minor: number | undefined;

  private constructor(amount: Decimal, code: CurrencyCode, minor?: number) {
    this.amount = amount;
    this.currency = code;
    this.#minor = minor;
  }

  static of(amount: DecimalInput, code: CurrencyCode): Money {
    return new Money(dec(amount), currency(code).code);
  }

  static zero(code: CurrencyCode): Money {
    return Money.of(0, code);
  }

  /** From integer minor units as stored in the database (cents, haléře, fillér, kopecks). */
  static fromMinor(minor: number | bigint | string, code: CurrencyCode): Money {
    if (typeof minor === 'number' && Number.isSafeInteger(minor)) {
      const c = currency(code).code;
      // + 0 turns -0 into 0, as the text path does.
      return new Money(new Decimal(minor).mul(minorUnitSize(c)), c, minor + 0);
    }
    const m = dec(String(minor));
    if (!m.isInteger()) throw new DomainError('money.minor_not_integer', { value: String(minor) }, 400);
    return new Money(m.div(minorFactor(currency(code).code)), code);
  }

  /** Integer minor units; the amount must already be rounded to the currency. */
  toMinor(): number {
    if (this.#minor !== undefined) return this.#minor;
    const scaled = this.amount.mul(minorFactor(this.currency));
    if (!scaled.isInteger()) throw new DomainError('money.not_rounded', { amount: this.amount.toString() });
    const n = scaled.toNumber();
    if (!Number.isSafeInteger(n)) throw new DomainError('money.too_large', { amount: this.amount.toString() }, 400);
    return n;
  }

  /** Rounded half-up to the currency's minor unit. */
  round(): Money {
    return new Money(this.amount.toDecimalPlaces(currency(this.currency).minorUnits, Decimal.ROUND_HALF_UP), this.currency);
  }

  plus(o: Money): Money {
    this.same(o);
    return new Money(this.amount.plus(o.amount), this.currency);
  }

  minus(o: Money): Money {
    this.same(o);
    return new Money(this.amount.minus(o.amount), this.currency);
  }

  times(f: DecimalInput): Money {
    return new Money(this.amount.mul(dec(f)), this.currency);
  }

  negated(): Money {
    return new Money(this.amount.neg(), this.currency);
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  isNegative(): boolean {
    return this.amount.isNeg() && !this.amount.isZero();
  }

  equals(o: Money): boolean {
    return this.currency === o.currency && this.amount.eq(o.amount);
  }

  /** Fixed-point string with the currency's minor digits, e.g. "12.30". */
  toFixed(): string {
    return this.amount.toFixed(currency(this.currency).minorUnits);
  }

  toString(): string {
    return `${this.toFixed()} ${this.currency}`;
  }

  private same(o: Money): void {
    if (o.currency !== this.currency)
      throw new DomainError('money.currency_mismatch', { left: this.currency, right: o.currency });
  }
}

/** Splits a total into parts proportional to weights so the parts always sum to the total exactly (largest remainder). */
export function allocateMinor(totalMinor: number, weights: DecimalInput[]): number[] {
  const w = weights.map(dec);
  const sum = w.reduce((a, b) => a.plus(b), new Decimal(0));
  if (w.length === 0) return [];
  if (sum.isZero()) {
    const out = w.map(() => 0);
    out[0] = totalMinor;
    return out;
  }
  const exact = w.map((x) => new Decimal(totalMinor).mul(x).div(sum));
  const floors = exact.map((x) => x.toDecimalPlaces(0, Decimal.ROUND_FLOOR).toNumber());
  let rest = totalMinor - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x.minus(floors[i] ?? 0) }))
    .sort((a, b) => b.frac.comparedTo(a.frac) || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    rest--;
  }
  return floors;
}
