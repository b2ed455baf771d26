// A stocktake's differences: book at the freeze, moved since, expected, counted, difference per item (refreshed while
// terminals count), a manager's quantity for a twice-counted item, and posting into surplus and shortage documents.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { StockDocument, StocktakeRow } from '../../api/types';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import { parseQuantity } from '../../i18n/format';
import { ErrorBox } from '../../shared/ErrorBox';
import { Link } from '../../shared/Link';

export function StocktakeView({ doc, onChange }: { doc: StockDocument; onChange: () => void }) {
  const { t, qty, money } = useI18n();
  const id = encodeURIComponent(String(doc.id));
  const { data, error, reload } = useApi<{ rows: StocktakeRow[] }>(`/api/v1/stocktakes/${id}`);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [settle, setSettle] = useState<Record<number, string>>({});
  const [countedOnly, setCountedOnly] = useState(false);
  const open = doc.status === 'draft';

  // Counts keep arriving from the terminals while the page is open.
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(reload, 4000);
    return () => clearInterval(timer);
  }, [open, reload]);

  async function act(fn: () => Promise<unknown>) {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
      reload();
      onChange();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  }

  const all = data?.rows ?? [];
  const rows = countedOnly ? all.filter((r) => r.counts > 0) : all;
  const total = all.reduce((s, r) => s + r.differenceValueMinor, 0);
  const result = doc.payload?.result;
  const st = doc.payload?.stocktake;
  return (
    <div className="stocktake">
      {st ? <p className="hint">{t('stocktake.frozenAt', { time: new Date(st.frozenAt).toLocaleString() })}</p> : null}
      <p className="hint">{t('stocktake.rule')}</p>
      {open ? (
        <div className="actions">
          <button type="button" name="post-stocktake" className="primary" disabled={busy || all.some((r) => r.flagged)} onClick={() => void act(() => api(`/api/v1/stocktakes/${id}/post`, { method: 'POST' }))}>
            {t('stocktake.post')}
          </button>
        </div>
      ) : null}
      {result ? (
        <p className="stocktake-result">
          {t('stocktake.posted')}:{' '}
          {result.surplusId ? <Link to={`/documents/${result.surplusId}`}>{t('docType.surplus')}</Link> : null}{' '}
          {result.shortageId ? <Link to={`/documents/${result.shortageId}`}>{t('docType.shortage')}</Link> : null}
        </p>
      ) : null}
      <ErrorBox error={actionError ?? error} />
      <label className="check">
        <input type="checkbox" name="countedOnly" checked={countedOnly} onChange={(e) => setCountedOnly(e.target.checked)} /> {t('stocktake.countedOnly')}
      </label>
      <table className="grid stocktake-rows">
        <thead>
          <tr>
            <th>{t('field.code')}</th>
            <th>{t('field.item')}</th>
            <th className="num">{t('stocktake.book')}</th>
            <th className="num">{t('stocktake.movedAfter')}</th>
            <th className="num">{t('stocktake.expected')}</th>
            <th className="num">{t('stocktake.counted')}</th>
            <th className="num">{t('docs.difference')}</th>
            <th className="num">{t('stocktake.value')}</th>
            <th className="num">{t('stocktake.counts')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.itemId} data-item={r.itemCode} className={r.flagged ? 'flagged' : r.difference !== '0.000' ? 'differs' : ''}>
              <td>{r.itemCode}</td>
              <td>
                {r.itemName}
                {r.flagged ? <strong className="error"> · {t('stocktake.flagged')}</strong> : null}
              </td>
              <td className="num">{qty(r.book)}</td>
              <td className="num">{qty(r.movedAfter)}</td>
              <td className="num">{qty(r.expected)}</td>
              <td className="num">
                {r.flagged && open ? (
                  <form
                    className="settle"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const q = parseQuantity(settle[r.itemId] ?? r.counted);
                      if (q === null) return;
                      void act(() => api(`/api/v1/stocktakes/${id}/resolve`, { body: { itemId: r.itemId, quantity: q } }));
                    }}
                  >
                    <input name="settle" inputMode="decimal" className="num" aria-label={t('stocktake.counted')} value={settle[r.itemId] ?? r.counted} onChange={(e) => setSettle((s) => ({ ...s, [r.itemId]: e.target.value }))} />
                    <button type="submit" disabled={busy}>
                      {t('stocktake.settle')}
                    </button>
                  </form>
                ) : (
                  qty(r.counted)
                )}
              </td>
              <td className="num">{qty(r.difference)}</td>
              <td className="num">{money(r.differenceValueMinor, doc.currency)}</td>
              <td className="num">{r.counts}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={7}>{t('field.total')}</th>
            <th className="num">{money(total, doc.currency)}</th>
            <th />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
