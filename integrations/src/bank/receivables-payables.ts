// Accounts receivable and payable by partner on a date (дебиторская / кредиторская задолженность): what was sold
// to a partner on account less what they paid, and what was received from a supplier less what we paid.
// Sales paid at the till are not on account; cancelled (storno) documents and their reversals count for nothing.

import { DomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';
import { tillCashMinor } from './cash-flow-books';

export interface PartnerBalance {
  partnerId: number;
  code: string;
  name: string;
  /** Sales on account less customer returns. */
  salesMinor: number;
  /** Money the partner paid us (bank in, cash in). */
  paidToUsMinor: number;
  /** Receivings from the partner less returns to them. */
  purchasesMinor: number;
  /** Money we paid the partner (bank out, cash out). */
  paidByUsMinor: number;
  /** > 0: the partner owes us. */
  receivableMinor: number;
  /** > 0: we owe the partner. */
  payableMinor: number;
}

export interface ReceivablesPayablesReport {
  date: string;
  partners: PartnerBalance[];
  totalReceivableMinor: number;
  totalPayableMinor: number;
}

function tillPaidMinor(totalMinor: number, payload: string | null): number {
  if (!payload) return 0;
  try {
    const p = JSON.parse(payload) as { payments?: Array<{ method?: string; amountMinor?: number }> };
    if (!Array.isArray(p.payments)) return 0;
    const card = p.payments.filter((x) => x.method === 'card').reduce((s, x) => s + (Number.isSafeInteger(x.amountMinor) ? x.amountMinor! : 0), 0);
    return Math.min(Math.abs(totalMinor), card + tillCashMinor(totalMinor, payload));
  } catch {
    return 0;
  }
}

export async function receivablesPayables(db: Db, date: string): Promise<ReceivablesPayablesReport> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new DomainError('bank.date_invalid', { value: date, line: 0 }, 400);
  const acc = new Map<number, { sales: number; paidToUs: number; purchases: number; paidByUs: number }>();
  const get = (id: number) => {
    let a = acc.get(id);
    if (!a) acc.set(id, (a = { sales: 0, paidToUs: 0, purchases: 0, paidByUs: 0 }));
    return a;
  };
  const docs = await db.kysely
    .selectFrom('documents')
    .select(['partner_id', 'type', 'total_minor', 'payload'])
    .where('partner_id', 'is not', null)
    .where('type', 'in', ['sale', 'sale_return', 'receiving', 'supplier_return'])
    .where('status', 'in', ['posted', 'closed'])
    .where('reverses_id', 'is', null)
    .where('date', '<=', date)
    .execute();
  for (const d of docs) {
    const a = get(Number(d.partner_id));
    const total = Number(d.total_minor);
    const onAccount = total - tillPaidMinor(total, d.payload);
    if (d.type === 'sale') a.sales += onAccount;
    else if (d.type === 'sale_return') a.sales -= onAccount;
    else if (d.type === 'receiving') a.purchases += total;
    else a.purchases -= total;
  }
  const money = async (table: 'bank_operations' | 'cash_operations') =>
    db.kysely
      .selectFrom(table)
      .select(['partner_id', 'direction', (eb) => eb.fn.sum<number | string>('amount_minor').as('amount')])
      .where('partner_id', 'is not', null)
      .where('direction', 'in', ['in', 'out'])
      .where('date', '<=', date)
      .groupBy(['partner_id', 'direction'])
      .execute();
  for (const r of [...(await money('bank_operations')), ...(await money('cash_operations'))]) {
    const a = get(Number(r.partner_id));
    if (r.direction === 'in') a.paidToUs += Number(r.amount);
    else a.paidByUs += Number(r.amount);
  }
  const ids = [...acc.keys()];
  const partners = ids.length ? await db.kysely.selectFrom('partners').select(['id', 'code', 'name']).where('id', 'in', ids).execute() : [];
  const rows: PartnerBalance[] = partners
    .map((p) => {
      const a = acc.get(Number(p.id))!;
      // One balance per partner: a customer who is also a supplier is netted.
      const net = a.sales - a.paidToUs - a.purchases + a.paidByUs;
      return {
        partnerId: Number(p.id),
        code: p.code,
        name: p.name,
        salesMinor: a.sales,
        paidToUsMinor: a.paidToUs,
        purchasesMinor: a.purchases,
        paidByUsMinor: a.paidByUs,
        receivableMinor: net > 0 ? net : 0,
        payableMinor: net < 0 ? -net : 0,
      };
    })
    .filter((r) => r.salesMinor || r.paidToUsMinor || r.purchasesMinor || r.paidByUsMinor)
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    date,
    partners: rows,
    totalReceivableMinor: rows.reduce((s, r) => s + r.receivableMinor, 0),
    totalPayableMinor: rows.reduce((s, r) => s + r.payableMinor, 0),
  };
}
