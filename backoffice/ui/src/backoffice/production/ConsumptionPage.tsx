// Consumption by recipe per day: what was made through which recipe version, from production runs and from
// receipts of goods made at sale (coffees, dishes), with its cost.
import { useState } from 'react';
import { query } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { useApi } from '../../shared/useApi';
import { ProductionTabs, today } from './shared';
import { useProductionTexts } from './texts';

interface Row {
  date: string;
  recipeVersion: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  quantity: string;
  costMinor: number;
  documents: number;
}

const monthStart = () => `${today().slice(0, 8)}01`;

export function ConsumptionPage() {
  const { t, qty, money, date } = useI18n();
  const pt = useProductionTexts();
  const [from, setFrom] = useState(monthStart);
  const [to, setTo] = useState(today);
  const { data, error } = useApi<{ rows: Row[]; currency: string }>(from && to ? `/api/v1/production/consumption${query({ from, to })}` : null);
  const total = data?.rows.reduce((s, r) => s + r.costMinor, 0) ?? 0;
  return (
    <section className="production consumption-report">
      <h1>{pt('production.consumption')}</h1>
      <ProductionTabs current="/production/consumption" />
      <div className="filters">
        <label>
          {pt('production.from')} <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {pt('production.to')} <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <ErrorBox error={error} />
      <table className="grid">
        <thead>
          <tr>
            <th>{t('field.date')}</th>
            <th>{t('field.code')}</th>
            <th>{t('field.name')}</th>
            <th className="num">{pt('production.version')}</th>
            <th className="num">{t('field.quantity')}</th>
            <th className="num">{pt('production.cost')}</th>
            <th className="num">{pt('production.documents')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.rows.map((r) => (
            <tr key={`${r.date}-${r.itemId}-${r.recipeVersion}`}>
              <td>{date(r.date)}</td>
              <td>{r.itemCode}</td>
              <td>{r.itemName}</td>
              <td className="num">{r.recipeVersion}</td>
              <td className="num">
                {qty(r.quantity)} {r.unit}
              </td>
              <td className="num">{money(r.costMinor, data.currency)}</td>
              <td className="num">{r.documents}</td>
            </tr>
          ))}
        </tbody>
        {data && data.rows.length ? (
          <tfoot>
            <tr>
              <th colSpan={5}>{t('field.total')}</th>
              <th className="num">{money(total, data.currency)}</th>
              <td />
            </tr>
          </tfoot>
        ) : null}
      </table>
      {data && data.rows.length === 0 ? <p>{t('common.noData')}</p> : null}
    </section>
  );
}
