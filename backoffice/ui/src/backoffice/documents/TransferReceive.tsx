// Receiving a transfer in transit: the sent quantities are pre-filled; a storekeeper lowers what did not arrive.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { StockDocument } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { parseQuantity } from '../../i18n/format';
import { ErrorBox } from '../../shared/ErrorBox';
import { enterMovesNext } from '../../forms/keyboard';

export function TransferReceive({ doc, onDone }: { doc: StockDocument; onDone: () => void }) {
  const { t, qty } = useI18n();
  const [got, setGot] = useState<Record<string, string>>(() => Object.fromEntries((doc.lines ?? []).map((l) => [String(l.id), l.quantity])));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const byItem = new Map<string, number>();
    for (const l of doc.lines ?? []) {
      const q = parseQuantity(got[String(l.id)] ?? '');
      if (q === null || q.startsWith('-')) return setError(new Error(`${l.itemName}: ${t('field.quantity')}`));
      byItem.set(String(l.itemId), (byItem.get(String(l.itemId)) ?? 0) + Math.round(Number(q) * 1000));
    }
    const lines = [...byItem].map(([itemId, milli]) => ({ itemId: Number(itemId), quantity: (milli / 1000).toFixed(3) }));
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/documents/${encodeURIComponent(String(doc.id))}/receive`, { body: { lines } });
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="form wide transfer-receive" onSubmit={submit} onKeyDown={enterMovesNext}>
      <p className="hint">{t('docs.receiveHint')}</p>
      <table className="grid">
        <thead>
          <tr>
            <th>{t('field.item')}</th>
            <th className="num">{t('docs.sent')}</th>
            <th className="num">{t('docs.received')}</th>
          </tr>
        </thead>
        <tbody>
          {(doc.lines ?? []).map((l) => (
            <tr key={String(l.id)}>
              <td>{l.itemName}</td>
              <td className="num">{qty(l.quantity)}</td>
              <td>
                <input
                  name="received"
                  inputMode="decimal"
                  className="num"
                  aria-label={`${t('docs.received')} ${l.itemName}`}
                  value={got[String(l.id)] ?? ''}
                  onChange={(e) => setGot((g) => ({ ...g, [String(l.id)]: e.target.value }))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorBox error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('docs.confirmReceive')}
        </button>
      </div>
    </form>
  );
}
