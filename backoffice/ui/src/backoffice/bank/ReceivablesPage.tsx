// Accounts receivable and payable by partner on a date: sold and bought on account against the payments.
import { useState } from 'react';
import { query } from '../../api/client';
import { useApi } from '../../shared/useApi';
import { ErrorBox } from '../../shared/ErrorBox';
import { amountText, useBankTexts } from './texts';
import type { PartnerBalance } from './types';

export function ReceivablesPage() {
  const t = useBankTexts();
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const { data, error } = useApi<{ report: { partners: PartnerBalance[]; totalReceivableMinor: number; totalPayableMinor: number } }>(
    /^\d{4}-\d{2}-\d{2}$/.test(date) ? `/api/v1/reports/receivables-payables${query({ date })}` : null,
  );
  const r = data?.report;
  return (
    <>
      <form className="form inline-form" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('bank.onDate')}
          <input type="date" name="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
      </form>
      <ErrorBox error={error} />
      {r ? (
        <table className="grid receivables">
          <thead>
            <tr>
              <th>{t('bank.partner')}</th>
              <th className="num">{t('bank.sales')}</th>
              <th className="num">{t('bank.paidToUs')}</th>
              <th className="num">{t('bank.purchases')}</th>
              <th className="num">{t('bank.paidByUs')}</th>
              <th className="num">{t('bank.receivable')}</th>
              <th className="num">{t('bank.payable')}</th>
            </tr>
          </thead>
          <tbody>
            {r.partners.map((p) => (
              <tr key={p.partnerId}>
                <td>{p.name}</td>
                <td className="num">{amountText(p.salesMinor)}</td>
                <td className="num">{amountText(p.paidToUsMinor)}</td>
                <td className="num">{amountText(p.purchasesMinor)}</td>
                <td className="num">{amountText(p.paidByUsMinor)}</td>
                <td className="num">{p.receivableMinor ? amountText(p.receivableMinor) : ''}</td>
                <td className="num">{p.payableMinor ? amountText(p.payableMinor) : ''}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th colSpan={5}>{t('bank.total')}</th>
              <td className="num">{amountText(r.totalReceivableMinor)}</td>
              <td className="num">{amountText(r.totalPayableMinor)}</td>
            </tr>
          </tfoot>
        </table>
      ) : null}
    </>
  );
}
