// One document on its own URL: header, lines, and the PayTraq actions that apply to its type and status; what it was
// made from and ordered against received; price control findings; a transfer received with differences; a stocktake.
import { useState } from 'react';
import { api } from '../../api/client';
import type { StockDocument } from '../../api/types';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/dictionary';
import { ErrorBox } from '../../shared/ErrorBox';
import { StatusBadge } from '../../shared/StatusBadge';
import { Link } from '../../shared/Link';
import { navigate } from '../../routing/router';
import { useReferences } from './lookups';
import { DocumentRelations, PriceControlPanel, ReceivedDifferences } from './DocumentPanels';
import { TransferReceive } from './TransferReceive';
import { StocktakeView } from '../stocktake/StocktakeView';

type Action = 'post' | 'approve' | 'dispatch' | 'receive' | 'storno' | 'annul' | 'copy' | 'receiveByOrder' | 'returnToSupplier' | 'printLabels';

/** Which buttons a document offers (PayTraq: post a draft, storno a posted document, annul a draft, copy anything). */
export function actionsFor(doc: Pick<StockDocument, 'status' | 'type'>): Action[] {
  const { status, type } = doc;
  if (type === 'stocktake') return status === 'draft' ? ['annul'] : [];
  const out: Action[] = [];
  if (status === 'draft') {
    if (type === 'transfer') out.push('dispatch');
    out.push('post', 'annul');
  } else if (status === 'awaiting_approval') out.push('approve', 'annul');
  else if (status === 'in_transit') out.push('receive');
  else if (status === 'posted') out.push('storno');
  if (type === 'supplier_order' && (status === 'draft' || status === 'posted')) out.push('receiveByOrder');
  if (type === 'receiving' && status === 'posted') out.push('returnToSupplier');
  if (type === 'receiving') out.push('printLabels');
  if (type !== 'surplus' && type !== 'shortage') out.push('copy');
  return out;
}

const label: Record<Action, MessageKey> = {
  post: 'docs.post',
  approve: 'docs.approve',
  dispatch: 'docs.dispatch',
  receive: 'docs.receive',
  storno: 'docs.storno',
  annul: 'docs.annul',
  copy: 'docs.copy',
  receiveByOrder: 'docs.receiveByOrder',
  returnToSupplier: 'docs.returnToSupplier',
  printLabels: 'docs.printLabels',
};

export function DocumentPage({ id }: { id: string }) {
  const { t, money, qty, date } = useI18n();
  const { data, error, reload } = useApi<{ document: StockDocument }>(`/api/v1/documents/${encodeURIComponent(id)}`);
  const refs = useReferences();
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [receiving, setReceiving] = useState(false);
  const doc = data?.document;

  async function run(action: Action) {
    if (action === 'receive') return setReceiving(true);
    if (action === 'printLabels') return navigate(`/labels?document=${encodeURIComponent(id)}`);
    if (action === 'storno' && !window.confirm(t('docs.confirmStorno'))) return;
    if (action === 'annul' && !window.confirm(t('docs.confirmAnnul'))) return;
    setBusy(true);
    setActionError(null);
    try {
      const path = `/api/v1/documents/${encodeURIComponent(id)}`;
      if (action === 'receiveByOrder' || action === 'returnToSupplier') {
        const r = await api<{ document: StockDocument }>(`${path}/derive`, { body: { type: action === 'receiveByOrder' ? 'receiving' : 'supplier_return' } });
        navigate(`/documents/${r.document.id}`);
        return;
      }
      const r = await api<{ document: StockDocument }>(`${path}/${action}`, { method: 'POST', body: {} });
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
          {t('docs.title', { type: t(`docType.${doc.type}` as MessageKey), number: doc.number || `#${doc.id}` })} <StatusBadge status={doc.status} />
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
        {doc.reason ? (
          <>
            <dt>{t('field.reason')}</dt>
            <dd>{(['spoilage', 'theft', 'own_use', 'sample'] as const).find((r) => r === doc.reason) ? t(`reason.${doc.reason}` as MessageKey) : doc.reason}</dd>
          </>
        ) : null}
      </dl>
      <div className="actions">
        {actionsFor(doc).map((a) => (
          <button key={a} type="button" name={a} className={a === 'post' || a === 'approve' ? 'primary' : ''} disabled={busy} onClick={() => void run(a)}>
            {t(label[a])}
          </button>
        ))}
      </div>
      <ErrorBox error={actionError} />
      {receiving && doc.status === 'in_transit' ? (
        <TransferReceive
          doc={doc}
          onDone={() => {
            setReceiving(false);
            reload();
          }}
        />
      ) : null}
      <PriceControlPanel doc={doc} />
      <ReceivedDifferences doc={doc} />
      <DocumentRelations id={id} version={`${doc.status}:${String(doc.id)}`} />
      {doc.type === 'stocktake' ? (
        <StocktakeView doc={doc} onChange={reload} />
      ) : (
        <>
          <h2>{t('docs.lines')}</h2>
          <table className="grid doc-lines">
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
        </>
      )}
    </section>
  );
}
