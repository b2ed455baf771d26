// One document on its own URL: header, lines, and the PayTraq actions that apply to its status.
import { useState } from 'react';
import { api } from '../../api/client';
import type { StockDocument } from '../../api/types';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { StatusBadge } from '../../shared/StatusBadge';
import { Link } from '../../shared/Link';
import { navigate } from '../../routing/router';
import { useReferences } from './lookups';

type Action = 'post' | 'storno' | 'annul' | 'copy';

/** Which buttons a status offers (PayTraq: post a draft, storno a posted document, annul a draft, copy anything). */
export function actionsFor(status: StockDocument['status']): Action[] {
  switch (status) {
    case 'draft':
      return ['post', 'annul', 'copy'];
    case 'awaiting_approval':
      return ['post', 'annul', 'copy'];
    case 'in_transit':
    case 'posted':
      return ['storno', 'copy'];
    default:
      return ['copy'];
  }
}

export function DocumentPage({ id }: { id: string }) {
  const { t, money, qty, date } = useI18n();
  const { data, error, reload } = useApi<{ document: StockDocument }>(`/api/v1/documents/${encodeURIComponent(id)}`);
  const refs = useReferences();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const doc = data?.document;

  async function run(action: Action) {
    if (action === 'storno' && !window.confirm(t('docs.confirmStorno'))) return;
    if (action === 'annul' && !window.confirm(t('docs.confirmAnnul'))) return;
    setBusy(true);
    setActionError(null);
    try {
      const r = await api<{ document: StockDocument }>(`/api/v1/documents/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: {} });
      if (action === 'copy' && String(r.document.id) !== id) navigate(`/documents/${r.document.id}`);
      else reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!doc) return <section>{error ? <ErrorBox error={error} /> : <p>{t('common.loading')}</p>}</section>;
  return (
    <section>
      <header className="page-head">
        <h1>
          {t('docs.title', { type: t(`docType.${doc.type}`), number: doc.number || `#${doc.id}` })} <StatusBadge status={doc.status} />
        </h1>
        <Link to="/documents">{t('common.back')}</Link>
      </header>
      <dl className="doc-head">
        <dt>{t('field.date')}</dt>
        <dd>{date(doc.date)}</dd>
        <dt>{t('field.warehouse')}</dt>
        <dd>{refs.warehouseName(doc.warehouseId)}</dd>
        {doc.toWarehouseId != null ? (
          <>
            <dt>{t('field.toWarehouse')}</dt>
            <dd>{refs.warehouseName(doc.toWarehouseId)}</dd>
          </>
        ) : null}
        {doc.partnerId != null ? (
          <>
            <dt>{t('field.partner')}</dt>
            <dd>{refs.partnerName(doc.partnerId)}</dd>
          </>
        ) : null}
      </dl>
      <div className="actions">
        {actionsFor(doc.status).map((a) => (
          <button key={a} type="button" className={a === 'post' ? 'primary' : ''} disabled={busy} onClick={() => void run(a)}>
            {t(`docs.${a}`)}
          </button>
        ))}
      </div>
      <ErrorBox error={actionError} />
      <h2>{t('docs.lines')}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>{t('field.item')}</th>
            <th className="num">{t('field.quantity')}</th>
            <th className="num">{t('field.price')}</th>
            <th className="num">{t('field.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {(doc.lines ?? []).map((l) => (
            <tr key={String(l.id)}>
              <td>{l.itemName}</td>
              <td className="num">{qty(l.quantity)}</td>
              <td className="num">{money(l.priceMinor, doc.currency)}</td>
              <td className="num">{money(l.amountMinor, doc.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={3}>{t('field.total')}</th>
            <th className="num">{money(doc.totalMinor, doc.currency)}</th>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
