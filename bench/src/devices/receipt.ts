// The receipt the ESC/POS bench prints: a Latvian grocery receipt of 40 text lines (bold double-size shop name,
// 13 goods on two lines each, VAT, bold total, payment, change, footer), a QR code, a Code128 barcode and a cut.
import { Money } from '@kasa/domain';
import type { Receipt } from '../../../device-bridge/src/drivers/printers/escpos';

const eur = (a: string) => Money.of(a, 'EUR');
const goods: [name: string, quantity: string, unit: string | undefined, price: string, sum: string][] = [
  ['Maize rudzu "Lāči" 400 g', '1', undefined, '1.89', '1.89'],
  ['Piens 2,5% 1 l', '2', undefined, '0.99', '1.98'],
  ['Siers Dzintars 200 g', '1', undefined, '2.49', '2.49'],
  ['Āboli Antonovka', '1.235', 'kg', '1.60', '1.98'],
  ['Kartupeļi', '2.000', 'kg', '0.65', '1.30'],
  ['Sviests 82% 200 g', '1', undefined, '3.19', '3.19'],
  ['Olas M 10 gab.', '1', undefined, '2.79', '2.79'],
  ['Kefīrs 1 l', '1', undefined, '1.15', '1.15'],
  ['Biezpiens 9% 180 g', '2', undefined, '1.29', '2.58'],
  ['Desa Doktora 400 g', '1', undefined, '4.49', '4.49'],
  ['Kafija maltā 250 g', '1', undefined, '5.99', '5.99'],
  ['Tēja zaļā 20 pac.', '1', undefined, '1.79', '1.79'],
  ['Ūdens Mangaļi 1,5 l', '3', undefined, '0.69', '2.07'],
];
// Sum of the goods: 33.69 EUR; all at 21 % VAT: base 27.84, VAT 5.85 (27.84 + 5.85 = 33.69).

export const BENCH_RECEIPT: Receipt = {
  language: 'lv',
  header: ['SIA Kasa Veikals', 'Brīvības iela 1, Rīga', 'PVN LV40003000000', 'Kase 1  2026-11-23 12:00'],
  items: goods.map(([name, quantity, unit, price, sum]) => ({
    name,
    quantity,
    ...(unit ? { unit } : {}),
    price: eur(price),
    sum: eur(sum),
  })),
  vat: [
    { rate: '21%', base: eur('27.84'), vat: eur('5.85') },
    { rate: '12%', base: eur('0.00'), vat: eur('0.00') },
  ],
  total: eur('33.69'),
  payments: [{ method: 'Skaidra nauda', amount: eur('50.00') }],
  change: eur('16.31'),
  footer: ['Paldies par pirkumu!', 'Čeks Nr. 000123'],
  qr: 'https://kasa.example/r/000123?s=33.69',
  barcode: { system: 'CODE128', data: 'R000123-20261123' },
};

/** 4 header + rule + 13×2 goods + rule + 2 VAT + total + payment + change + rule + 2 footer. */
export const BENCH_RECEIPT_TEXT_LINES = 4 + 1 + 13 * 2 + 1 + 2 + 1 + 1 + 1 + 1 + 2;
