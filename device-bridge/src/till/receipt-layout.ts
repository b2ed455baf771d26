// What a till receipt says on paper and what the fiscal register is given: built from the journal receipt,
// in the cashier's language. Money is formatted from integer minor units without floats.
import type { JournalReceipt } from './journal';

type Words = 'sale' | 'return' | 'total' | 'vat' | 'cash' | 'card' | 'change' | 'rounding' | 'discount' | 'cashier' | 'approval';
const WORDS: Record<'en' | 'lv' | 'ru' | 'cs' | 'hu', Record<Words, string>> = {
  en: { sale: 'Receipt', return: 'Return', total: 'TOTAL', vat: 'VAT', cash: 'Cash', card: 'Card', change: 'Change', rounding: 'Rounding', discount: 'Discount', cashier: 'Cashier', approval: 'Approval' },
  lv: { sale: 'Čeks', return: 'Atgriešana', total: 'KOPĀ', vat: 'PVN', cash: 'Skaidrā naudā', card: 'Ar karti', change: 'Atlikums', rounding: 'Noapaļošana', discount: 'Atlaide', cashier: 'Kasieris', approval: 'Autoriz. kods' },
  ru: { sale: 'Чек', return: 'Возврат', total: 'ИТОГ', vat: 'НДС', cash: 'Наличные', card: 'Карта', change: 'Сдача', rounding: 'Округление', discount: 'Скидка', cashier: 'Кассир', approval: 'Код авториз.' },
  cs: { sale: 'Účtenka', return: 'Vrácení', total: 'CELKEM', vat: 'DPH', cash: 'Hotově', card: 'Kartou', change: 'Vráceno', rounding: 'Zaokrouhlení', discount: 'Sleva', cashier: 'Pokladní', approval: 'Autorizace' },
  hu: { sale: 'Nyugta', return: 'Visszáru', total: 'ÖSSZESEN', vat: 'ÁFA', cash: 'Készpénz', card: 'Kártya', change: 'Visszajáró', rounding: 'Kerekítés', discount: 'Kedvezmény', cashier: 'Pénztáros', approval: 'Engedélyszám' },
};

export const RECEIPT_WIDTH = 42;

export function moneyText(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function row(left: string, right: string, width = RECEIPT_WIDTH): string {
  const room = width - right.length - 1;
  return `${left.length > room ? left.slice(0, room) : left.padEnd(room)} ${right}`;
}

export interface PrintableReceipt {
  lines: (string | { text: string; align?: 'left' | 'center' | 'right'; bold?: boolean; size?: 'normal' | 'double' })[];
  cut: boolean;
  openDrawer: boolean;
  barcode?: { type: string; data: string };
}

export function receiptLayout(r: JournalReceipt, opts: { tillCode: string; cashierName: string; language: string; shopName?: string }): PrintableReceipt {
  const w = WORDS[(opts.language as keyof typeof WORDS) in WORDS ? (opts.language as keyof typeof WORDS) : 'en'];
  const lines: PrintableReceipt['lines'] = [];
  if (opts.shopName) lines.push({ text: opts.shopName, align: 'center', bold: true });
  lines.push({ text: `${r.type === 'return' ? w.return : w.sale} ${r.number}`, align: 'center', bold: true });
  lines.push(row(r.createdAt.slice(0, 16).replace('T', ' '), `${w.cashier}: ${opts.cashierName}`.slice(0, 24)));
  lines.push('-'.repeat(RECEIPT_WIDTH));
  for (const l of r.lines) {
    lines.push(l.itemName);
    lines.push(row(`  ${l.quantity.replace(/\.?0+$/, '') || '0'} x ${moneyText(l.unitPriceMinor)}`, moneyText(l.grossMinor + l.discountMinor)));
    if (l.discountMinor) lines.push(row(`  ${w.discount}`, moneyText(-l.discountMinor)));
  }
  lines.push('-'.repeat(RECEIPT_WIDTH));
  lines.push({ text: row(w.total, `${moneyText(r.grossMinor)} ${r.currency}`, RECEIPT_WIDTH), bold: true });
  const byRate = new Map<string, number>();
  for (const l of r.lines) byRate.set(l.vatRate, (byRate.get(l.vatRate) ?? 0) + l.vatMinor);
  for (const [rate, vat] of byRate) lines.push(row(`${w.vat} ${rate} %`, moneyText(vat)));
  for (const p of r.payments) {
    lines.push(row(p.method === 'cash' ? w.cash : w.card, moneyText(p.amountMinor)));
    // The card slip's essentials on the receipt: masked card number and the terminal's approval code.
    if (p.maskedPan || p.approvalCode) lines.push(row(`  ${p.maskedPan ?? ''}`, p.approvalCode ? `${w.approval} ${p.approvalCode}` : ''));
  }
  if (r.roundingMinor) lines.push(row(w.rounding, moneyText(r.roundingMinor)));
  if (r.changeMinor) lines.push(row(w.change, moneyText(r.changeMinor)));
  return { lines, cut: true, openDrawer: r.payments.some((p) => p.method === 'cash'), barcode: { type: 'CODE128', data: r.number } };
}

/**
 * The fiscal register's view (the bridge's FiscalReceiptBody): lines with unit prices, payments by kind in minor
 * units, cash as handed over so the register prints the same change. A register line has no discount, so a
 * discounted line goes as its discounted unit price when that is exact, else as one line of its total.
 */
export function fiscalReceipt(r: JournalReceipt, cashierName: string) {
  const sum = (m: 'cash' | 'card') => r.payments.filter((p) => p.method === m).reduce((a, p) => a + p.amountMinor, 0);
  const cash = sum('cash');
  const card = sum('card');
  return {
    type: r.type,
    // Each line carries its VAT rate; the bridge maps it to the register's tax group (bridge config, LV 21 % → 1).
    // A marked unit's DataMatrix code goes with its line; the register's driver sends it where the law asks (RU tag 1162).
    lines: r.lines.map((l) => {
      const marking = l.markingCode ? { markingCode: l.markingCode } : {};
      if (!l.discountMinor) return { name: l.itemName, quantity: l.quantity, priceMinor: l.unitPriceMinor, vatRate: l.vatRate, ...marking };
      const thousandths = Number(l.quantity.replace('.', ''));
      const unit = (l.grossMinor * 1000) / thousandths;
      if (Number.isInteger(unit)) return { name: l.itemName, quantity: l.quantity, priceMinor: unit, vatRate: l.vatRate, ...marking };
      return { name: `${l.itemName} ${l.quantity.replace(/\.?0+$/, '')} x ${moneyText(l.unitPriceMinor)}`, quantity: '1', priceMinor: l.grossMinor, vatRate: l.vatRate, ...marking };
    }),
    payments: { ...(cash ? { cash: cash + r.changeMinor } : {}), ...(card ? { card } : {}) },
    // Tills whose only printer is the register get the card slip's essentials in its closing text (40 characters).
    text: [`${r.number} ${cashierName}`, ...r.payments.filter((p) => p.approvalCode).map((p) => `*${(p.maskedPan ?? '').slice(-4)} ${p.approvalCode}`)].join(' ').slice(0, 40),
  };
}
