// Cash put into or taken out of the drawer during the shift, with a reason.
import { useState } from 'react';
import { api, TillApiError } from '../api/till-api';
import { parseMoneyInput } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { Dialog } from './Dialog';

export function CashDialog({ onDone, onClose }: { onDone: () => void; onClose: () => void }) {
  const { t, error } = useI18n();
  const [kind, setKind] = useState<'in' | 'out'>('in');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState('');
  const submit = async () => {
    const amountMinor = parseMoneyInput(amount);
    if (!amountMinor) return setMsg(error('cash.amount_invalid'));
    try {
      await api('POST', '/cash', { kind, amountMinor, reason });
      onDone();
    } catch (e) {
      setMsg(error(e instanceof TillApiError ? e.code : 'unknown'));
    }
  };
  return (
    <Dialog title={t('cash.title')} onClose={onClose} onSubmit={() => void submit()}>
      <div className="segmented">
        <button type="button" className={kind === 'in' ? 'on' : ''} onClick={() => setKind('in')}>
          {t('cash.in')} <kbd>+</kbd>
        </button>
        <button type="button" className={kind === 'out' ? 'on' : ''} onClick={() => setKind('out')}>
          {t('cash.out')} <kbd>-</kbd>
        </button>
      </div>
      <label>
        {t('cash.amount')}
        <input
          autoFocus
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === '+' || e.key === '-') {
              e.preventDefault();
              setKind(e.key === '+' ? 'in' : 'out');
            }
          }}
        />
      </label>
      <label>
        {t('cash.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <p className="message">{msg}</p>
    </Dialog>
  );
}
