// Stock balances per item and warehouse, searched and paged on the server.
import { useEffect, useState } from 'react';
import { query } from '../../api/client';
import type { StockBalance } from '../../api/types';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { Pager } from '../../shared/Pager';
import { useReferences } from '../documents/lookups';

const limit = 50;

export function StockPage() {
  const { t, qty, money } = useI18n();
  const refs = useReferences();
  const [warehouseId, setWarehouseId] = useState('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    const h = setTimeout(() => {
      setQ(typed.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(h);
  }, [typed]);
  const { data, error } = useApi<{ balances: StockBalance[]; total: number; currency?: string }>(
    `/api/v1/stock${query({ warehouseId, q, limit, offset })}`,
  );
  const currency = data?.currency ?? 'EUR';

  return (
    <section>
      <h1>{t('menu.stock')}</h1>
      <div className="filters">
        <select
          aria-label={t('field.warehouse')}
          value={warehouseId}
          onChange={(e) => {
            setWarehouseId(e.target.value);
            setOffset(0);
          }}
        >
          <option value="">{t('stock.allWarehouses')}</option>
          {refs.warehouses.map((w) => (
            <option key={String(w.id)} value={String(w.id)}>
              {w.code} · {w.name}
            </option>
          ))}
        </select>
        <input type="search" aria-label={t('common.search')} placeholder={t('items.searchHint')} value={typed} onChange={(e) => setTyped(e.target.value)} />
      </div>
      <ErrorBox error={error} />
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
          {data?.balances.map((b) => (
            <tr key={`${b.itemId}-${b.warehouseId}`}>
              <td>{b.itemCode}</td>
              <td>{b.itemName}</td>
              <td>{refs.warehouseName(b.warehouseId)}</td>
              <td className="num">{qty(b.quantity)}</td>
              <td className="num">{money(b.valueMinor, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data ? <Pager offset={offset} limit={limit} total={data.total} onOffset={setOffset} /> : <p>{t('common.loading')}</p>}
    </section>
  );
}
