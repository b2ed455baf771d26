// A return against a receipt of this till, found by its number (typed, or its barcode scanned); no more than was sold
// can come back. Money goes back the way the cashier picks: cash, or to the card through the terminal. A cashier
// without the refund right needs a senior cashier's PIN.
import { useEffect, useState } from 'react';
import { api, newUuid, TillApiError, type JournalReceipt } from '../api/till-api';
import { parseQuantityInput } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { Dialog } from './Dialog';

export function ReturnDialog({ onDone, onClose, onNoReceipt, initialNumber, needsApproval, needsCancelApproval }: {
  onDone: (r: JournalReceipt) => void;
  onClose: () => void;
  /** The customer has no receipt: the sale screen takes the goods back (with the approver's PIN when needed). */
  onNoReceipt: (approverPin: string) => Promise<void>;
  initialNumber?: string;
  needsApproval?: boolean;
  /** The cashier may not cancel a paid receipt alone (till.cancel_paid). */
  needsCancelApproval?: boolean;
}) {
  const { t, error, money, qty } = useI18n();
  const [number, setNumber] = useState(initialNumber ?? '');
  // One uuid for this return: a retry after a failure reuses it, so the card refund is never made twice.
  const [uuid] = useState(newUuid);
  const [approverPin, setApproverPin] = useState('');
  const [found, setFound] = useState<{ receipt: JournalReceipt; returned: Record<string, string> } | null>(null);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [msg, setMsg] = useState('');
  const [busy, setBusy] = useState(false);

  const find = async (which = number) => {
    setMsg('');
    try {
      const r = await api<{ receipt: JournalReceipt; returned: Record<string, string> }>('GET', `/receipts/by-number/${encodeURIComponent(which.trim())}`);
      setFound(r);
      setQuantities({});
    } catch (e) {
      setFound(null);
      setMsg(error(e instanceof TillApiError ? e.code : 'unknown'));
    }
  };

  useEffect(() => {
    if (initialNumber) void find(initialNumber);
    // Only once, for the receipt scanned on the sale screen.
  }, []);

  const refund = async (method: 'cash' | 'card') => {
    if (!found || busy) return;
    const lines = found.receipt.lines
      .map((l) => ({ itemId: l.itemId, quantity: parseQuantityInput(quantities[l.lineNo] ?? '') }))
      .filter((l): l is { itemId: string; quantity: string } => l.quantity !== null);
    if (lines.length === 0) return setMsg(error('receipt.empty'));
    setBusy(true);
    try {
      // Card refunds go back in full to the card; otherwise the bridge pays out cash.
      const preview = lines.reduce((a, l) => {
        const ol = found.receipt.lines.find((x) => x.itemId === l.itemId)!;
        return a + Math.round((ol.grossMinor * Number(l.quantity)) / Number(ol.quantity));
      }, 0);
      const approval = needsApproval ? { approverPin } : {};
      let paymentKey: string | undefined;
      if (method === 'card') {
        try {
          paymentKey = (await api<{ payment: { paymentKey: string } }>('POST', '/payment', { kind: 'refund', key: `refund:${uuid}`, amountMinor: preview, ...approval })).payment.paymentKey;
        } catch (e) {
          // Without an integrated terminal the cashier refunds on the stand-alone one.
          if (!(e instanceof TillApiError && e.code === 'payment.no_terminal')) throw e;
        }
      }
      const res = await api<{ receipt: JournalReceipt }>('POST', '/receipts', {
        uuid,
        type: 'return',
        originalNumber: found.receipt.number,
        lines,
        payments: method === 'card' ? [{ method: 'card', amountMinor: preview, ...(paymentKey ? { paymentKey } : {}) }] : [],
        ...approval,
      });
      onDone(res.receipt);
    } catch (e) {
      setMsg(error(e instanceof TillApiError ? e.code : 'unknown', e instanceof TillApiError ? e.params : {}));
    } finally {
      setBusy(false);
    }
  };

  // The whole sale undone: card payments are voided on the terminal by the bridge, the rest is paid out in cash.
  const cancelWhole = async () => {
    if (!found || busy) return;
    setBusy(true);
    try {
      const res = await api<{ receipt: JournalReceipt }>('POST', `/receipts/by-number/${encodeURIComponent(found.receipt.number)}/cancel`, { uuid, ...(needsCancelApproval ? { approverPin } : {}) });
      onDone(res.receipt);
    } catch (e) {
      setMsg(error(e instanceof TillApiError ? e.code : 'unknown', e instanceof TillApiError ? e.params : {}));
    } finally {
      setBusy(false);
    }
  };

  return (
    // Enter refunds the way the receipt was paid: to the card when no cash was taken, otherwise in cash.
    <Dialog title={t('return.title')} onClose={onClose} onSubmit={() => (found ? void refund(found.receipt.payments.every((p) => p.method === 'card') ? 'card' : 'cash') : void find())} wide>
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
      {!found && (
        <button type="button" onClick={() => void onNoReceipt(approverPin).catch((e: unknown) => setMsg(error(e instanceof TillApiError ? e.code : 'unknown', e instanceof TillApiError ? e.params : {})))}>
          {t('return.noReceipt')}
        </button>
      )}
      {(needsApproval || needsCancelApproval) && (
        <label>
          {t('approve.title')} — {t('approve.pin')}
          <input id="approver-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={approverPin} onChange={(e) => setApproverPin(e.target.value.replace(/\D/g, ''))} />
        </label>
      )}
      {found && (
        <div className="dialog-buttons">
          <button type="button" disabled={busy} onClick={() => void refund('cash')}>
            {t('return.toCash')}
          </button>
          <button type="button" disabled={busy} onClick={() => void refund('card')}>
            {t('return.toCard')}
          </button>
          {Object.keys(found.returned).length === 0 && (
            <button type="button" disabled={busy} onClick={() => void cancelWhole()}>
              {t('return.cancelWhole')}
            </button>
          )}
        </div>
      )}
      <p className="message">{msg}</p>
    </Dialog>
  );
}
