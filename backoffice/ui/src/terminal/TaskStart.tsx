// Starting a task: pick the receiving draft or supplier order to receive against, or open a new stocktake or
// transfer draft for the chosen warehouses. Opening needs the network once; the scans after it do not.
import { useEffect, useState } from 'react';
import { api, query } from '../api/client';
import type { StockDocument } from '../api/types';
import { useApi } from '../shared/useApi';
import { useI18n } from '../i18n/I18n';
import { ErrorBox } from '../shared/ErrorBox';
import { useReferences } from '../backoffice/documents/lookups';
import type { Task } from './task';

const today = () => new Date().toISOString().slice(0, 10);
const idOf = (s: string) => (/^\d+$/.test(s) ? Number(s) : s);

function linesOf(doc: StockDocument): Task['lines'] {
  return (doc.lines ?? []).map((l) => ({ itemId: String(l.itemId), name: l.itemName, expected: l.quantity, counted: '0.000' }));
}

export function ReceivePick({ onStart, onBack }: { onStart: (t: Task) => void; onBack: () => void }) {
  const { t, date } = useI18n();
  const drafts = useApi<{ documents: StockDocument[] }>(`/api/v1/documents${query({ type: 'receiving', status: 'draft', limit: 50 })}`);
  const orders = useApi<{ documents: StockDocument[] }>(`/api/v1/documents${query({ type: 'supplier_order', limit: 50 })}`);
  const refs = useReferences();
  const [error, setError] = useState<unknown>(null);
  const open = (orders.data?.documents ?? []).filter((d) => !['annulled', 'storno', 'closed'].includes(d.status));
  const docs = [...(drafts.data?.documents ?? []), ...open];

  async function pick(d: StockDocument) {
    setError(null);
    try {
      const full = (await api<{ document: StockDocument }>(`/api/v1/documents/${d.id}`)).document;
      const title = `${t(`docType.${full.type}`)} ${full.number}`;
      if (full.type === 'receiving') {
        onStart({ kind: 'receive', documentId: String(full.id), title, lines: linesOf(full) });
        return;
      }
      // A supplier order is received into a new receiving draft based on it; the order's lines are the expectation.
      const created = await api<{ document: StockDocument }>('/api/v1/documents', {
        body: { type: 'receiving', date: today(), warehouseId: full.warehouseId, partnerId: full.partnerId, basisDocumentId: full.id, lines: [] },
      });
      onStart({ kind: 'receive', documentId: String(created.document.id), title, lines: linesOf(full) });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="pick">
      <h1>{t('terminal.pickDocument')}</h1>
      <ErrorBox error={error ?? drafts.error ?? orders.error} />
      {drafts.data && orders.data && docs.length === 0 ? <p>{t('terminal.noDocuments')}</p> : null}
      <ul className="doc-list">
        {docs.map((d) => (
          <li key={String(d.id)}>
            <button type="button" className="big" onClick={() => void pick(d)}>
              <strong>
                {t(`docType.${d.type}`)} {d.number}
              </strong>
              <small>
                {date(d.date)} · {refs.partnerName(d.partnerId)} · {refs.warehouseName(d.warehouseId)}
              </small>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="big secondary" onClick={onBack}>
        {t('common.back')}
      </button>
    </section>
  );
}

function useWarehouseChoice(index: number) {
  const refs = useReferences();
  const [id, setId] = useState('');
  useEffect(() => {
    const w = refs.warehouses[index] ?? refs.warehouses[0];
    if (!id && w) setId(String(w.id));
  }, [refs.warehouses, id, index]);
  return { refs, id, setId };
}

function WarehouseSelect({ label, value, onChange, refs }: { label: string; value: string; onChange: (v: string) => void; refs: ReturnType<typeof useReferences> }) {
  return (
    <label className="big-field">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {refs.warehouses.map((w) => (
          <option key={String(w.id)} value={String(w.id)}>
            {w.code} · {w.name}
          </option>
        ))}
      </select>
    </label>
  );
}

async function openDraft(body: Record<string, unknown>): Promise<StockDocument> {
  return (await api<{ document: StockDocument }>('/api/v1/documents', { body: { date: today(), lines: [], ...body } })).document;
}

export function StocktakeStart({ onStart, onBack }: { onStart: (t: Task) => void; onBack: () => void }) {
  const { t } = useI18n();
  const from = useWarehouseChoice(0);
  const [error, setError] = useState<unknown>(null);
  async function start() {
    try {
      const doc = await openDraft({ type: 'stocktake', warehouseId: idOf(from.id) });
      onStart({ kind: 'stocktake', documentId: String(doc.id), title: `${t('docType.stocktake')} ${doc.number}`, lines: [] });
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section className="pick">
      <h1>{t('terminal.stocktake')}</h1>
      <WarehouseSelect label={t('field.warehouse')} value={from.id} onChange={from.setId} refs={from.refs} />
      <ErrorBox error={error ?? from.refs.error} />
      <button type="button" className="big" disabled={!from.id} onClick={() => void start()}>
        {t('terminal.start')}
      </button>
      <button type="button" className="big secondary" onClick={onBack}>
        {t('common.back')}
      </button>
    </section>
  );
}

export function TransferStart({ onStart, onBack }: { onStart: (t: Task) => void; onBack: () => void }) {
  const { t } = useI18n();
  const from = useWarehouseChoice(0);
  const to = useWarehouseChoice(1);
  const [error, setError] = useState<unknown>(null);
  async function start() {
    try {
      const doc = await openDraft({ type: 'transfer', warehouseId: idOf(from.id), toWarehouseId: idOf(to.id) });
      onStart({ kind: 'transfer', documentId: String(doc.id), title: `${t('docType.transfer')} ${doc.number}`, lines: [] });
    } catch (e) {
      setError(e);
    }
  }
  return (
    <section className="pick">
      <h1>{t('terminal.transfer')}</h1>
      <WarehouseSelect label={t('terminal.fromWarehouse')} value={from.id} onChange={from.setId} refs={from.refs} />
      <WarehouseSelect label={t('field.toWarehouse')} value={to.id} onChange={to.setId} refs={to.refs} />
      <ErrorBox error={error ?? from.refs.error} />
      <button type="button" className="big" disabled={!from.id || !to.id} onClick={() => void start()}>
        {t('terminal.start')}
      </button>
      <button type="button" className="big secondary" onClick={onBack}>
        {t('common.back')}
      </button>
    </section>
  );
}
