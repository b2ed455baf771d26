// Stock on any date, by item and warehouse, with the cost total.
import { useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { useReferences } from '../documents/lookups';
import { TransitCheckbox, DateInput, ReportFrame, today, WarehouseSelect } from './ReportFrame';
import { useReport } from './useReport';

interface Row {
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  warehouseId: number;
  warehouseCode: string;
  quantity: string;
  valueMinor: number;
}

const endpoint = '/api/v1/reports/stock-balance';

export function BalanceReport() {
  const { t, qty, money } = useI18n();
  const refs = useReferences();
  const [date, setDate] = useState(today());
  const [warehouseId, setWarehouseId] = useState('');
  const [transit, setTransit] = useState(false);
  const [params, setParams] = useState<Record<string, string | undefined> | null>(null);
  const state = useReport<Row>(endpoint, params);
  const total = state.rows.reduce((s, r) => s + r.valueMinor, 0);
  return (
    <ReportFrame
      title={t('reports.balance')}
      endpoint={endpoint}
      params={params}
      state={state}
      onShow={() => setParams({ date, warehouseId: warehouseId || undefined, includeTransit: transit ? 'true' : undefined })}
      filters={
        <>
          <DateInput label={t('reports.onDate')} value={date} onChange={setDate} required />
          <WarehouseSelect value={warehouseId} onChange={setWarehouseId} warehouses={refs.warehouses} />
          <TransitCheckbox checked={transit} onChange={setTransit} />
        </>
      }
    >
      <table className="grid">
        <thead>
          <tr>
            <th>{t('field.code')}</th>
            <th>{t('field.item')}</th>
            <th>{t('field.warehouse')}</th>
            <th className="num">{t('field.quantity')}</th>
            <th className="num">{t('field.value')}</th>
          </tr>
        </thead>
        <tbody>
          {state.rows.map((r) => (
            <tr key={`${r.itemId}-${r.warehouseId}`}>
              <td>{r.itemCode}</td>
              <td>{r.itemName}</td>
              <td>{r.warehouseCode}</td>
              <td className="num">
                {qty(r.quantity)} {r.unit}
              </td>
              <td className="num">{money(r.valueMinor, state.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={4}>{t('field.total')}</th>
            <th className="num">{money(total, state.currency)}</th>
          </tr>
        </tfoot>
      </table>
    </ReportFrame>
  );
}
