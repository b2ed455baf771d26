// The receipt on the screen before it is paid: lines, discounts and a preview of the totals computed by
// @kasa/domain exactly as the bridge will compute them when the receipt is recorded.
import { cashRounding, computeTotals, Money, type CurrencyCode } from '@kasa/domain';
import type { Item } from '../api/till-api';
import { newUuid } from '../api/till-api';

export interface CartLine {
  key: string;
  itemId: string;
  code: string;
  name: string;
  weighted: boolean;
  /** Decimal string with 3 places. */
  quantity: string;
  unitPriceMinor: number;
  vatRate: string;
  discountPercent?: string;
  discountMinor?: number;
  barcode?: string;
  /** Marked goods (Честный знак and the like): the code scanned from the pack's DataMatrix. */
  markingCode?: string;
  /** The store server could not be asked about the marking code (offline): sold unchecked, shown on the line. */
  markingUnchecked?: boolean;
  /** The cashier typed this line's price (sent to the bridge, which checks the right). */
  manualPrice?: boolean;
}

export interface Cart {
  uuid: string;
  lines: CartLine[];
  receiptDiscountMinor: number;
  /** Card terminal attempts so far: each try runs under its own key, `card:<uuid>:<attempt>`. */
  cardAttempt?: number;
  /** A card payment the terminal approved for this receipt, not yet on a recorded receipt. */
  card?: { key: string; amountMinor: number };
  /** Goods coming back without their receipt: the lines are refunded instead of sold. */
  mode?: 'return';
}

/** The key the next card payment of this cart runs under; the same key again never charges twice. */
export function cardKey(cart: Cart): string {
  return cart.card?.key ?? `${cart.mode === 'return' ? 'refund' : 'card'}:${cart.uuid}:${cart.cardAttempt ?? 0}`;
}

export function emptyCart(): Cart {
  return { uuid: newUuid(), lines: [], receiptDiscountMinor: 0 };
}

export function addItem(cart: Cart, item: Item, quantity: string, barcode?: string, embeddedPriceMinor?: number, markingCode?: string, markingUnchecked = false): Cart {
  // The same piece item scanned again adds to its line; weighed, price-embedded and marked items get a line each.
  const same = !item.weighted && embeddedPriceMinor === undefined && !markingCode ? cart.lines.find((l) => l.itemId === item.id && !l.discountMinor && !l.discountPercent && !l.manualPrice) : undefined;
  if (same) {
    const q = (Number(same.quantity.replace('.', '')) + Number(quantity.replace('.', ''))) / 1000;
    return setQuantity(cart, same.key, q.toFixed(3));
  }
  const line: CartLine = {
    key: newUuid(),
    itemId: item.id,
    code: item.code,
    name: item.name,
    weighted: item.weighted,
    quantity,
    unitPriceMinor: embeddedPriceMinor ?? item.priceMinor,
    vatRate: item.vatRate,
    ...(barcode ? { barcode } : {}),
    ...(markingCode ? { markingCode } : {}),
    ...(markingCode && markingUnchecked ? { markingUnchecked: true } : {}),
  };
  return { ...cart, lines: [...cart.lines, line] };
}

export function setQuantity(cart: Cart, key: string, quantity: string): Cart {
  return { ...cart, lines: cart.lines.map((l) => (l.key === key ? { ...l, quantity } : l)) };
}

export function setLineDiscount(cart: Cart, key: string, d: { percent?: string; minor?: number }): Cart {
  return {
    ...cart,
    lines: cart.lines.map((l) => {
      if (l.key !== key) return l;
      const { discountPercent: _p, discountMinor: _m, ...rest } = l;
      return { ...rest, ...(d.percent ? { discountPercent: d.percent } : {}), ...(d.minor ? { discountMinor: d.minor } : {}) };
    }),
  };
}

/** A typed price: the line keeps its own price and is never merged with a later scan of the same item. */
export function setLinePrice(cart: Cart, key: string, priceMinor: number): Cart {
  return { ...cart, lines: cart.lines.map((l) => (l.key === key ? { ...l, unitPriceMinor: priceMinor, manualPrice: true } : l)) };
}

export function removeLine(cart: Cart, key: string): Cart {
  return { ...cart, lines: cart.lines.filter((l) => l.key !== key) };
}

export interface CartTotals {
  lines: { key: string; grossMinor: number; discountMinor: number }[];
  grossMinor: number;
  vatMinor: number;
  discountMinor: number;
  vat: { rate: string; vatMinor: number }[];
}

export function cartTotals(cart: Cart, currency: string): CartTotals {
  const cur = currency as CurrencyCode;
  const major = (minor: number) => Money.fromMinor(minor, cur).amount;
  if (cart.lines.length === 0) return { lines: [], grossMinor: 0, vatMinor: 0, discountMinor: 0, vat: [] };
  const t = computeTotals(
    cart.lines.map((l) => ({
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      vatRate: l.vatRate,
      ...(l.discountPercent ? { discountPercent: l.discountPercent } : {}),
      ...(l.discountMinor ? { discountMinor: l.discountMinor } : {}),
    })),
    { currency: cur, pricesIncludeTax: true, vatRounding: 'line', ...(cart.receiptDiscountMinor ? { documentDiscount: major(cart.receiptDiscountMinor) } : {}) },
  );
  return {
    lines: cart.lines.map((l, i) => ({ key: l.key, grossMinor: t.lines[i]!.gross.toMinor(), discountMinor: t.lines[i]!.discount.toMinor() })),
    grossMinor: t.gross.toMinor(),
    vatMinor: t.vat.toMinor(),
    discountMinor: t.discount.toMinor(),
    vat: t.vatBreakdown.map((r) => ({ rate: r.rate, vatMinor: r.vat.toMinor() })),
  };
}

/** What the customer pays in cash for the part not paid by card, after the shop's cash rounding. */
export function cashDue(totalMinor: number, cardMinor: number, currency: string, rounding: string): number {
  const rest = totalMinor - cardMinor;
  if (rest <= 0) return 0;
  return cashRounding(rounding).round(Money.fromMinor(rest, currency as CurrencyCode)).toMinor();
}
