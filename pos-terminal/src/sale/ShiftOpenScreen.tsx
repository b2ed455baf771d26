// No shift is open: the cashier counts the opening float and opens one.
import { useEffect, useState, type ReactNode } from 'react';
import { api, TillApiError, type TillStatus } from '../api/till-api';
import { parseMoneyInput } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { StatusBar } from './StatusBar';

export function ShiftOpenScreen({ status, onChanged, languagePicker }: { status: TillStatus; onChanged: () => Promise<void>; languagePicker: ReactNode }) {
  const { t, error } = useI18n();
  const [float, setFloat] = useState('0');
  const [msg, setMsg] = useState('');
  const lock = async () => {
    await api('POST', '/lock').catch(() => undefined);
    await onChanged();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const open = async () => {
    const floatMinor = parseMoneyInput(float);
    if (floatMinor === null) return setMsg(error('cash.amount_invalid'));
    try {
      await api('POST', '/shift/open', { floatMinor });
      await onChanged();
    } catch (e) {
      setMsg(error(e instanceof TillApiError ? e.code : 'unknown'));
    }
  };
  return (
    <main className="screen">
      <StatusBar status={status} languagePicker={languagePicker} onLock={() => void lock()} onChanged={onChanged} />
      <form
        className="login-box"
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <h2>{t('shift.none')}</h2>
        <label>
          {t('shift.float')}
          <input autoFocus inputMode="decimal" value={float} onChange={(e) => setFloat(e.target.value)} onFocus={(e) => e.target.select()} />
        </label>
        <button type="submit" className="primary">
          {t('shift.open')} <kbd>Enter</kbd>
        </button>
        <p className="message">{msg}</p>
      </form>
    </main>
  );
}
