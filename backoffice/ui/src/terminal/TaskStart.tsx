// Starting a task: pick the receiving draft or supplier order to receive against, or choose the warehouses of a
// stocktake or transfer. Only picking a document needs the network; stocktake and transfer start offline too.
import { useEffect, useState } from 'react';
import { api, query } from '../api/client';
import type { StockDocument } from '../api/types';
import { useApi } from '../shared/useApi';
import { useI18n } from '../i18n/I18n';
import { ErrorBox } from '../shared/ErrorBox';
import { useReferences } from '../backoffice/documents/lookups';
import type { Task } from './task';
import { newKey } from './queue';

const idOf = (s: string) => (/^\d+$/.test(s) ? Number(s) : s);

function linesOf(doc: StockDocument): Task['lines'] {
  return (doc.lines ?? []).map((l) => ({ itemId: String(l.itemId), name: l.itemName, expected: l.quantity, counted: '0.000' }));
}

export function ReceivePick({ onStart, onBack }: { onStart: (t: Task) => void; onBack: () => void }) {
  const { t, date } = useI18n();
  const drafts = useApi<{ documents: StockDocument[] }>(`/api/v1/documents${query({ type: 'receiving', status: 'draft', limit: 50 })}`);
  const orders = useApi<{ documents: StockDocument[] }>(`/api/v1/documents${query({ type: 'supplier_order', limit: 50 })}`);
  const transfers = useApi<{ documents: StockDocument[] }>(`/api/v1/documents${query({ type: 'transfer', status: 'in_transit', limit: 50 })}`);
  const refs = useReferences();
  const [error, setError] = useState<unknown>(null);
  const open = (orders.data?.documents ?? []).filter((d) => !['annulled', 'storno', 'closed'].includes(d.status));
  const docs = [...(drafts.data?.documents ?? []), ...open, ...(transfers.data?.documents ?? [])];

  async function pick(d: StockDocument) {
    setError(null);
    try {
      const full = (await api<{ document: StockDocument }>(`/api/v1/documents/${d.id}`)).document;
      const title = `${t(`docType.${full.type}`)} ${full.number}`;
      if (full.type === 'transfer') {
        // A transfer in transit: what arrives is scanned against what was sent; Finish records the differences.
        onStart({ kind: 'receive', documentId: null, transferId: String(full.id), key: newKey(), title, lines: linesOf(full) });
        return;
      }
      if (full.type === 'receiving') {
        onStart({ kind: 'receive', documentId: String(full.id), key: newKey(), title, lines: linesOf(full) });
        return;
      }
      // A supplier order is received into a new receiving made on Finish (referencing the order, at its prices);
      // its lines are the expectation.
      onStart({
        kind: 'receive',
        documentId: null,
        orderId: String(full.id),
        key: newKey(),
        title,
        lines: linesOf(full),
      });
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

export function StocktakeStart({ onStart, onBack }: { onStart: (t: Task) => void; onBack: () => void }) {
  const { t, date } = useI18n();
  const open = useApi<{ documents: StockDocument[] }>(`/api/v1/documents${query({ type: 'stocktake', status: 'draft', limit: 50 })}`);
  const refs = useReferences();
  const docs = open.data?.documents ?? [];
  function pick(d: StockDocument) {
    onStart({
      kind: 'stocktake',
      documentId: null,
      stocktakeId: String(d.id),
      key: newKey(),
      title: `${t('docType.stocktake')} ${d.number} · ${refs.warehouseName(d.warehouseId)}`,
      lines: [],
    });
  }
  return (
    <section className="pick">
      <h1>{t('terminal.pickStocktake')}</h1>
      <ErrorBox error={open.error} />
      {open.data && docs.length === 0 ? <p>{t('terminal.noStocktakes')}</p> : null}
      <ul className="doc-list">
        {docs.map((d) => (
          <li key={String(d.id)}>
            <button type="button" className="big" name="stocktake" onClick={() => pick(d)}>
              <strong>
                {t('docType.stocktake')} {d.number}
              </strong>
              <small>
                {date(d.date)} · {refs.warehouseName(d.warehouseId)}
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

export function TransferStart({ onStart, onBack }: { onStart: (t: Task) => void; onBack: () => void }) {
  const { t } = useI18n();
  const from = useWarehouseChoice(0);
  const to = useWarehouseChoice(1);
  const error = null;
  function start() {
    const name = (id: string) => from.refs.warehouses.find((x) => String(x.id) === id)?.name ?? id;
    onStart({
      kind: 'transfer',
      documentId: null,
      create: { type: 'transfer', warehouseId: idOf(from.id), toWarehouseId: idOf(to.id) },
      key: newKey(),
      title: `${t('docType.transfer')} · ${name(from.id)} → ${name(to.id)}`,
      lines: [],
    });
  }
  return (
    <section className="pick">
      <h1>{t('terminal.transfer')}</h1>
      <WarehouseSelect label={t('terminal.fromWarehouse')} value={from.id} onChange={from.setId} refs={from.refs} />
      <WarehouseSelect label={t('field.toWarehouse')} value={to.id} onChange={to.setId} refs={to.refs} />
      <ErrorBox error={error ?? from.refs.error} />
      <button type="button" className="big" disabled={!from.id || !to.id} onClick={start}>
        {t('terminal.start')}
      </button>
      <button type="button" className="big secondary" onClick={onBack}>
        {t('common.back')}
      </button>
    </section>
  );
}
