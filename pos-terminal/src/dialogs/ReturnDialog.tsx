// A return against a receipt of this till, found by its number; no more than was sold can come back.
import { useState } from 'react';
import { api, newUuid, TillApiError, type JournalReceipt } from '../api/till-api';
import { parseQuantityInput } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { Dialog } from './Dialog';

export function ReturnDialog({ onDone, onClose }: { onDone: (r: JournalReceipt) => void; onClose: () => void }) {
  const { t, error, money, qty } = useI18n();
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<{ receipt: JournalReceipt; returned: Record<string, string> } | null>(null);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [msg, setMsg] = useState('');
  const [busy, setBusy] = useState(false);

  const find = async () => {
    setMsg('');
    try {
      const r = await api<{ receipt: JournalReceipt; returned: Record<string, string> }>('GET', `/receipts/by-number/${encodeURIComponent(number.trim())}`);
      setFound(r);
      setQuantities({});
    } catch (e) {
      setFound(null);
      setMsg(error(e instanceof TillApiError ? e.code : 'unknown'));
    }
  };

  const refund = async (method: 'cash' | 'card') => {
    if (!found || busy) return;
    const lines = found.receipt.lines
      .map((l) => ({ itemId: l.itemId, quantity: parseQuantityInput(quantities[l.lineNo] ?? '') }))
      .filter((l): l is { itemId: string; quantity: string } => l.quantity !== null);
    if (lines.length === 0) return setMsg(error('receipt.empty'));
    setBusy(true);
    try {
      const uuid = newUuid();
      // Card refunds go back in full to the card; otherwise the bridge pays out cash.
      const preview = lines.reduce((a, l) => {
        const ol = found.receipt.lines.find((x) => x.itemId === l.itemId)!;
        return a + Math.round((ol.grossMinor * Number(l.quantity)) / Number(ol.quantity));
      }, 0);
      const res = await api<{ receipt: JournalReceipt }>('POST', '/receipts', {
        uuid,
        type: 'return',
        originalNumber: found.receipt.number,
        lines,
        payments: method === 'card' ? [{ method: 'card', amountMinor: preview }] : [],
      });
      onDone(res.receipt);
    } catch (e) {
      setMsg(error(e instanceof TillApiError ? e.code : 'unknown', e instanceof TillApiError ? e.params : {}));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('return.title')} onClose={onClose} onSubmit={() => (found ? void refund('cash') : void find())} wide>
      <label>
        {t('return.number')}
        <input autoFocus value={number} onChange={(e) => setNumber(e.target.value)} placeholder="T01-000001" />
      </label>
      <button type="button" onClick={() => void find()}>
        {t('return.find')}
      </button>
      {found && (
        <table className="lines">
          <thead>
            <tr>
              <th>{t('col.item')}</th>
              <th>{t('return.sold')}</th>
              <th>{t('return.returned')}</th>
              <th>{t('col.amount')}</th>
              <th>{t('return.qty')}</th>
            </tr>
          </thead>
          <tbody>
            {found.receipt.lines.map((l) => (
              <tr key={l.lineNo}>
                <td>{l.itemName}</td>
                <td>{qty(l.quantity, !l.quantity.endsWith('.000'))}</td>
                <td>{qty(found.returned[l.itemId] ?? '0', false)}</td>
                <td>{money(l.grossMinor)}</td>
                <td>
                  <input inputMode="decimal" value={quantities[l.lineNo] ?? ''} onChange={(e) => setQuantities({ ...quantities, [l.lineNo]: e.target.value })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {found && (
        <div className="dialog-buttons">
          <button type="button" disabled={busy} onClick={() => void refund('cash')}>
            {t('return.toCash')}
          </button>
          <button type="button" disabled={busy} onClick={() => void refund('card')}>
            {t('return.toCard')}
          </button>
        </div>
      )}
      <p className="message">{msg}</p>
    </Dialog>
  );
}
