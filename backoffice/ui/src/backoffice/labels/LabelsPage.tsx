// Labels from an item list or a receiving (/labels?document=ID or ?items=1,2): each item with copies, a preview
// drawn in the browser, and Print, which the store server forwards to the bridge's label printer.
import { useEffect, useState, type KeyboardEvent } from 'react';
import { api, query } from '../../api/client';
import type { LabelFields, StockDocument } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { useApi } from '../../shared/useApi';
import { findItemByCode } from '../documents/lookups';
import { LabelPreview, type LabelTemplate } from './LabelPreview';

interface Row {
  itemId: number;
  fields: LabelFields;
  copies: number;
}

export function LabelsPage({ search }: { search: URLSearchParams }) {
  const { t } = useI18n();
  const documentId = search.get('document');
  const itemsParam = search.get('items');
  const settings = useApi<{ settings: Record<string, string> }>('/api/v1/settings');
  const [template, setTemplate] = useState<LabelTemplate | ''>('');
  const [rows, setRows] = useState<Row[]>([]);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tpl: LabelTemplate = template || (settings.data?.settings['labels.template'] as LabelTemplate | undefined) || 'price-tag';

  async function load(ids: number[], copies: Map<number, number>) {
    if (ids.length === 0) return;
    const r = await api<{ labels: { itemId: number; fields: LabelFields }[] }>(`/api/v1/labels/fields${query({ itemIds: ids.join(',') })}`);
    setRows((old) => {
      const known = new Set(old.map((o) => o.itemId));
      return [...old, ...r.labels.filter((l) => !known.has(l.itemId)).map((l) => ({ ...l, copies: copies.get(l.itemId) ?? 1 }))];
    });
  }

  useEffect(() => {
    setRows([]);
    (async () => {
      if (documentId) {
        const d = (await api<{ document: StockDocument }>(`/api/v1/documents/${encodeURIComponent(documentId)}`)).document;
        // One label per piece received (weighed goods: one per line).
        const copies = new Map<number, number>();
        for (const l of d.lines ?? []) {
          const q = Number(l.quantity);
          copies.set(Number(l.itemId), Number.isInteger(q) && q > 0 ? Math.min(q, 500) : 1);
        }
        await load([...copies.keys()], copies);
      } else if (itemsParam) await load(itemsParam.split(',').map(Number).filter(Boolean), new Map());
    })().catch(setError);
  }, [documentId, itemsParam]);

  async function add(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    setError(null);
    try {
      const item = await findItemByCode(code);
      if (!item) return setError(new Error(t('docs.itemNotFound', { code })));
      await load([Number(item.id)], new Map());
      setCode('');
    } catch (err) {
      setError(err);
    }
  }

  async function print() {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await api<{ labels: number }>('/api/v1/labels/print', { body: { template: tpl, labels: rows.map((r) => ({ itemId: r.itemId, copies: r.copies })) } });
      setNotice(t('labels.sent', { count: rows.reduce((s, x) => s + x.copies, 0) || r.labels }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="labels">
      <h1>{t('labels.title')}</h1>
      <div className="filters">
        <label>
          {t('labels.template')}{' '}
          <select name="template" value={tpl} onChange={(e) => setTemplate(e.target.value as LabelTemplate)}>
            <option value="price-tag">{t('labels.template.price-tag')}</option>
            <option value="shelf-label">{t('labels.template.shelf-label')}</option>
          </select>
        </label>
        <input name="code" placeholder={t('docs.scan')} aria-label={t('labels.add')} value={code} onChange={(e) => setCode(e.target.value)} onKeyDown={(e) => void add(e)} />
        <button type="button" name="print" className="primary" disabled={busy || rows.length === 0} onClick={() => void print()}>
          {t('labels.print')}
        </button>
      </div>
      <ErrorBox error={error} />
      {notice ? (
        <p className="ok" role="status">
          {notice}
        </p>
      ) : null}
      <div className="label-list">
        {rows.map((r) => (
          <figure key={r.itemId} data-item={r.itemId}>
            <LabelPreview fields={r.fields} template={tpl} />
            <figcaption>
              <label>
                {t('labels.copies')}{' '}
                <input
                  name="copies"
                  type="number"
                  min={1}
                  max={500}
                  value={r.copies}
                  onChange={(e) => setRows((rs) => rs.map((x) => (x.itemId === r.itemId ? { ...x, copies: Math.max(1, Math.min(500, Number(e.target.value) || 1)) } : x)))}
                />
              </label>{' '}
              <button type="button" onClick={() => setRows((rs) => rs.filter((x) => x.itemId !== r.itemId))}>
                {t('common.remove')}
              </button>
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
