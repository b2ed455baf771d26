// Purchase price history from posted receivings, with the change against the item's previous receipt.
import { useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../shared/Link';
import { ErrorBox } from '../../shared/ErrorBox';
import { findItemByCode } from '../documents/lookups';
import { DateInput, ReportFrame } from './ReportFrame';
import { useReport } from './useReport';

interface Row {
  lineId: number;
  itemCode: string;
  itemName: string;
  date: string;
  documentId: number;
  documentNumber: string;
  partnerName: string | null;
  quantity: string;
  priceMinor: number;
  amountMinor: number;
  changeMinor: number | null;
}

const endpoint = '/api/v1/reports/purchase-prices';

export function PurchasePricesReport() {
  const { t, qty, money, date: day } = useI18n();
  const [code, setCode] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [notFound, setNotFound] = useState<unknown>(null);
  const [params, setParams] = useState<Record<string, string | undefined> | null>(null);
  const state = useReport<Row>(endpoint, params);
  const show = async () => {
    setNotFound(null);
    let itemId: string | undefined;
    if (code.trim()) {
      const item = await findItemByCode(code);
      if (!item) {
        setNotFound(new Error(t('reports.itemNotFound', { code })));
        return;
      }
      itemId = String(item.id);
    }
    setParams({ itemId, from: from || undefined, to: to || undefined });
  };
  return (
    <ReportFrame
      title={t('reports.purchasePrices')}
      endpoint={endpoint}
      params={params}
      state={state}
      onShow={() => void show()}
      filters={
        <>
          <input aria-label={t('reports.item')} placeholder={t('reports.item')} value={code} onChange={(e) => setCode(e.target.value)} />
          <DateInput label={t('reports.from')} value={from} onChange={setFrom} />
          <DateInput label={t('reports.to')} value={to} onChange={setTo} />
          <ErrorBox error={notFound} />
        </>
      }
    >
      <table className="grid">
        <thead>
          <tr>
            <th>{t('field.code')}</th>
            <th>{t('field.item')}</th>
            <th>{t('field.date')}</th>
            <th>{t('field.number')}</th>
            <th>{t('field.partner')}</th>
            <th className="num">{t('field.quantity')}</th>
            <th className="num">{t('reports.netPrice')}</th>
            <th className="num">{t('field.amount')}</th>
            <th className="num">{t('reports.change')}</th>
          </tr>
        </thead>
        <tbody>
          {state.rows.map((r) => (
            <tr key={r.lineId}>
              <td>{r.itemCode}</td>
              <td>{r.itemName}</td>
              <td>{day(r.date)}</td>
              <td>
                <Link to={`/documents/${r.documentId}`}>{r.documentNumber}</Link>
              </td>
              <td>{r.partnerName ?? ''}</td>
              <td className="num">{qty(r.quantity)}</td>
              <td className="num">{money(r.priceMinor, state.currency)}</td>
              <td className="num">{money(r.amountMinor, state.currency)}</td>
              <td className={`num ${r.changeMinor && r.changeMinor > 0 ? 'up' : r.changeMinor && r.changeMinor < 0 ? 'down' : ''}`}>
                {r.changeMinor === null ? '' : `${r.changeMinor > 0 ? '+' : ''}${money(r.changeMinor, state.currency)}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ReportFrame>
  );
}
