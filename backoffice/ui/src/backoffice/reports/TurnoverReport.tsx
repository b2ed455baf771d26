// Turnover for a period: opening, in, out, closing per item and warehouse, at cost and at retail price; a chart by month.
import { Fragment, useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { useReferences } from '../documents/lookups';
import { TransitCheckbox, DateInput, firstOfMonth, ReportFrame, today, WarehouseSelect } from './ReportFrame';
import { TurnoverChart } from './TurnoverChart';
import { useReport } from './useReport';

interface Row {
  itemId: number;
  itemCode: string;
  itemName: string;
  warehouseId: number;
  warehouseCode: string;
  openingQuantity: string;
  openingValueMinor: number;
  inQuantity: string;
  inValueMinor: number;
  outQuantity: string;
  outValueMinor: number;
  closingQuantity: string;
  closingValueMinor: number;
  openingSalesValueMinor: number | null;
  inSalesValueMinor: number | null;
  outSalesValueMinor: number | null;
  closingSalesValueMinor: number | null;
}

const endpoint = '/api/v1/reports/turnover';
type Sum = 'openingValueMinor' | 'inValueMinor' | 'outValueMinor' | 'closingValueMinor' | 'openingSalesValueMinor' | 'inSalesValueMinor' | 'outSalesValueMinor' | 'closingSalesValueMinor';

export function TurnoverReport() {
  const { t, qty, money } = useI18n();
  const refs = useReferences();
  const [from, setFrom] = useState(firstOfMonth());
  const [to, setTo] = useState(today());
  const [warehouseId, setWarehouseId] = useState('');
  const [transit, setTransit] = useState(false);
  const [params, setParams] = useState<Record<string, string | undefined> | null>(null);
  const state = useReport<Row>(endpoint, params);
  const sum = (k: Sum) => state.rows.reduce((s, r) => s + (r[k] ?? 0), 0);
  const m = (v: number | null) => (v === null ? '' : money(v, state.currency));
  return (
    <ReportFrame
      title={t('reports.turnover')}
      endpoint={endpoint}
      params={params}
      state={state}
      onShow={() => setParams({ from, to, warehouseId: warehouseId || undefined, includeTransit: transit ? 'true' : undefined })}
      filters={
        <>
          <DateInput label={t('reports.from')} value={from} onChange={setFrom} required />
          <DateInput label={t('reports.to')} value={to} onChange={setTo} required />
          <WarehouseSelect value={warehouseId} onChange={setWarehouseId} warehouses={refs.warehouses} />
          <TransitCheckbox checked={transit} onChange={setTransit} />
        </>
      }
    >
      {params?.from && params.to ? <TurnoverChart from={params.from} to={params.to} warehouseId={params.warehouseId} includeTransit={params.includeTransit} /> : null}
      <table className="grid">
        <thead>
          <tr>
            <th rowSpan={2}>{t('field.code')}</th>
            <th rowSpan={2}>{t('field.item')}</th>
            <th rowSpan={2}>{t('field.warehouse')}</th>
            <th colSpan={3}>{t('reports.opening')}</th>
            <th colSpan={3}>{t('reports.in')}</th>
            <th colSpan={3}>{t('reports.out')}</th>
            <th colSpan={3}>{t('reports.closing')}</th>
          </tr>
          <tr>
            {[0, 1, 2, 3].map((i) => (
              <th key={i} colSpan={3} className="num">
                {t('field.quantity')} · {t('reports.atCost')} · {t('reports.atRetail')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {state.rows.map((r) => (
            <tr key={`${r.itemId}-${r.warehouseId}`}>
              <td>{r.itemCode}</td>
              <td>{r.itemName}</td>
              <td>{r.warehouseCode}</td>
              <td className="num">{qty(r.openingQuantity)}</td>
              <td className="num">{m(r.openingValueMinor)}</td>
              <td className="num">{m(r.openingSalesValueMinor)}</td>
              <td className="num">{qty(r.inQuantity)}</td>
              <td className="num">{m(r.inValueMinor)}</td>
              <td className="num">{m(r.inSalesValueMinor)}</td>
              <td className="num">{qty(r.outQuantity)}</td>
              <td className="num">{m(r.outValueMinor)}</td>
              <td className="num">{m(r.outSalesValueMinor)}</td>
              <td className="num">{qty(r.closingQuantity)}</td>
              <td className="num">{m(r.closingValueMinor)}</td>
              <td className="num">{m(r.closingSalesValueMinor)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>{t('field.total')}</th>
            {(['opening', 'in', 'out', 'closing'] as const).map((p) => (
              <Fragment key={p}>
                <th />
                <th className="num">{m(sum(`${p}ValueMinor`))}</th>
                <th className="num">{m(sum(`${p}SalesValueMinor`))}</th>
              </Fragment>
            ))}
          </tr>
        </tfoot>
      </table>
    </ReportFrame>
  );
}
