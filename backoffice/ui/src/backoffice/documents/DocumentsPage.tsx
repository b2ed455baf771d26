// Documents filtered by type and status (kept in the URL), paged on the server; each row opens /documents/:id.
import { useState } from 'react';
import { query } from '../../api/client';
import { documentStatuses, documentTypes, type StockDocument } from '../../api/types';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { Pager } from '../../shared/Pager';
import { Link } from '../../shared/Link';
import { StatusBadge } from '../../shared/StatusBadge';
import { navigate } from '../../routing/router';
import { useReferences } from './lookups';

const limit = 50;

export function DocumentsPage({ search }: { search: URLSearchParams }) {
  const { t, money, date } = useI18n();
  const type = search.get('type') ?? '';
  const status = search.get('status') ?? '';
  const q = search.get('q') ?? '';
  const offset = Number(search.get('offset') ?? 0) || 0;
  const [typed, setTyped] = useState(q);
  const refs = useReferences();
  const { data, error } = useApi<{ documents: StockDocument[]; total: number }>(`/api/v1/documents${query({ type, status, q, limit, offset })}`);

  function setFilter(changes: Record<string, string | number>) {
    navigate(`/documents${query({ type, status, q, ...changes, offset: changes.offset || undefined } as Record<string, string | number | undefined>)}`);
  }

  return (
    <section>
      <header className="page-head">
        <h1>{t('menu.documents')}</h1>
        <Link to={`/documents/new${query({ type })}`} className="button">
          {t('docs.new')}
        </Link>
      </header>
      <div className="filters">
        <select aria-label={t('field.type')} name="type" value={type} onChange={(e) => setFilter({ type: e.target.value, offset: 0 })}>
          <option value="">
            {t('field.type')}: {t('common.all')}
          </option>
          {documentTypes.map((d) => (
            <option key={d} value={d}>
              {t(`docType.${d}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('field.status')} name="status" value={status} onChange={(e) => setFilter({ status: e.target.value, offset: 0 })}>
          <option value="">
            {t('field.status')}: {t('common.all')}
          </option>
          {documentStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`docStatus.${s}`)}
            </option>
          ))}
        </select>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setFilter({ q: typed.trim(), offset: 0 });
          }}
        >
          <input type="search" aria-label={t('common.search')} placeholder={t('common.search')} value={typed} onChange={(e) => setTyped(e.target.value)} />
        </form>
      </div>
      <ErrorBox error={error} />
      <table className="grid">
        <thead>
          <tr>
            <th>{t('field.number')}</th>
            <th>{t('field.type')}</th>
            <th>{t('field.date')}</th>
            <th>{t('field.status')}</th>
            <th>{t('field.warehouse')}</th>
            <th>{t('field.partner')}</th>
            <th className="num">{t('field.total')}</th>
          </tr>
        </thead>
        <tbody>
          {data?.documents.map((d) => (
            <tr key={String(d.id)}>
              <td>
                <Link to={`/documents/${d.id}`}>{d.number || `#${d.id}`}</Link>
              </td>
              <td>{t(`docType.${d.type}`)}</td>
              <td>{date(d.date)}</td>
              <td>
                <StatusBadge status={d.status} />
              </td>
              <td>
                {refs.warehouseName(d.warehouseId)}
                {d.toWarehouseId != null ? ` → ${refs.warehouseName(d.toWarehouseId)}` : ''}
              </td>
              <td>{d.partnerId != null ? refs.partnerName(d.partnerId) : ''}</td>
              <td className="num">{money(d.totalMinor, d.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data ? <Pager offset={offset} limit={limit} total={data.total} onOffset={(o) => setFilter({ offset: o })} /> : <p>{t('common.loading')}</p>}
    </section>
  );
}
