// The movement history of one item: every document that moved it, each a link to the document, with the running balance.
import { useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../shared/Link';
import { ErrorBox } from '../../shared/ErrorBox';
import { findItemByCode, useReferences } from '../documents/lookups';
import type { MessageKey } from '../../i18n/dictionary';
import { DateInput, ReportFrame, WarehouseSelect } from './ReportFrame';
import { useReport } from './useReport';

interface Row {
  movementId: number;
  date: string;
  documentId: number;
  documentType: string;
  documentNumber: string;
  reversesId: number | null;
  partnerName: string | null;
  warehouseCode: string;
  quantity: string;
  valueMinor: number;
  balanceQuantity: string;
  balanceValueMinor: number;
}

const endpoint = '/api/v1/reports/item-movements';

export function MovementsReport({ initialItemId }: { initialItemId?: string }) {
  const { t, qty, money, date: day } = useI18n();
  const refs = useReferences();
  const [code, setCode] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [warehouseId, setWarehouseId] = useState('');
  const [notFound, setNotFound] = useState<unknown>(null);
  const [params, setParams] = useState<Record<string, string | undefined> | null>(initialItemId ? { itemId: initialItemId } : null);
  const state = useReport<Row>(endpoint, params);
  const show = async () => {
    setNotFound(null);
    const item = await findItemByCode(code);
    if (!item) {
      setNotFound(new Error(t('reports.itemNotFound', { code })));
      return;
    }
    setParams({ itemId: String(item.id), from: from || undefined, to: to || undefined, warehouseId: warehouseId || undefined });
  };
  return (
    <ReportFrame
      title={t('reports.movements')}
      endpoint={endpoint}
      params={params}
      state={state}
      onShow={() => void show()}
      filters={
        <>
          <input aria-label={t('reports.item')} placeholder={t('reports.item')} value={code} required onChange={(e) => setCode(e.target.value)} />
          <DateInput label={t('reports.from')} value={from} onChange={setFrom} />
          <DateInput label={t('reports.to')} value={to} onChange={setTo} />
          <WarehouseSelect value={warehouseId} onChange={setWarehouseId} warehouses={refs.warehouses} />
          <ErrorBox error={notFound} />
        </>
      }
    >
      <table className="grid">
        <thead>
          <tr>
            <th>{t('field.date')}</th>
            <th>{t('field.number')}</th>
            <th>{t('field.type')}</th>
            <th>{t('field.partner')}</th>
            <th>{t('field.warehouse')}</th>
            <th className="num">{t('field.quantity')}</th>
            <th className="num">{t('field.value')}</th>
            <th className="num">{t('reports.runningBalance')}</th>
            <th className="num">{t('reports.atCost')}</th>
          </tr>
        </thead>
        <tbody>
          {state.rows.map((r) => (
            <tr key={r.movementId} className={r.reversesId ? 'storno' : undefined}>
              <td>{day(r.date)}</td>
              <td>
                <Link to={`/documents/${r.documentId}`}>{r.documentNumber}</Link>
              </td>
              <td>{t(`docType.${r.documentType}` as MessageKey)}</td>
              <td>{r.partnerName ?? ''}</td>
              <td>{r.warehouseCode}</td>
              <td className="num">{qty(r.quantity)}</td>
              <td className="num">{money(r.valueMinor, state.currency)}</td>
              <td className="num">{qty(r.balanceQuantity)}</td>
              <td className="num">{money(r.balanceValueMinor, state.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ReportFrame>
  );
}
