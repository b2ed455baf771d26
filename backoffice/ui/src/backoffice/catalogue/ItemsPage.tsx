// The catalogue: server-side search and paging, so 100 000 items cost one page of rows in the browser.
import { useEffect, useState } from 'react';
import { query } from '../../api/client';
import type { Item } from '../../api/types';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { Pager } from '../../shared/Pager';
import { Link } from '../../shared/Link';

const limit = 50;

export function ItemsPage() {
  const { t, money } = useI18n();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [withdrawn, setWithdrawn] = useState(false);
  // Debounce typing: one request after the user pauses, not one per key.
  useEffect(() => {
    const h = setTimeout(() => {
      setQ(typed.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(h);
  }, [typed]);
  const { data, error } = useApi<{ items: Item[]; total: number }>(`/api/v1/items${query({ q, limit, offset, ...(withdrawn ? { inactive: 'true' } : {}) })}`);

  return (
    <section>
      <header className="page-head">
        <h1>{t('menu.catalogue')}</h1>
        <Link to="/catalogue/new" className="button">
          {t('items.new')}
        </Link>
      </header>
      <input
        type="search"
        className="search"
        placeholder={t('items.searchHint')}
        aria-label={t('common.search')}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
      />
      <label className="check">
        <input
          name="withdrawn"
          type="checkbox"
          checked={withdrawn}
          onChange={(e) => {
            setWithdrawn(e.target.checked);
            setOffset(0);
          }}
        />
        {t('items.showWithdrawn')}
      </label>
      <ErrorBox error={error} />
      <table className="grid">
        <thead>
          <tr>
            <th>{t('field.code')}</th>
            <th>{t('field.name')}</th>
            <th>{t('field.unit')}</th>
            <th>{t('field.vatRate')}</th>
            <th className="num">{t('field.price')}</th>
            <th>{t('field.barcodes')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((it) => (
            <tr key={String(it.id)}>
              <td>
                <Link to={`/catalogue/${it.id}`}>{it.code}</Link>
              </td>
              <td>
                {it.name}
                {it.active === false ? <span className="badge">{t('items.withdrawn')}</span> : null}
              </td>
              <td>{it.unit}</td>
              <td>{String(it.vatRate)}</td>
              <td className="num">{money(it.priceMinor, it.currency)}</td>
              <td>{it.barcodes.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data ? <Pager offset={offset} limit={limit} total={data.total} onOffset={setOffset} /> : <p>{t('common.loading')}</p>}
    </section>
  );
}
