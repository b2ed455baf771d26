// PIN login: digits from the keyboard or the on-screen keypad, checked by the bridge against its cashier cache.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { api, TillApiError } from '../api/till-api';
import { useI18n } from '../i18n/i18n-context';

export function LoginScreen({ onLoggedIn, languagePicker, reachable }: { onLoggedIn: () => Promise<void>; languagePicker: ReactNode; reachable: boolean }) {
  const { t, error } = useI18n();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const submit = async () => {
    if (!pin || busy) return;
    setBusy(true);
    try {
      await api('POST', '/login', { pin });
      setPin('');
      setMessage('');
      await onLoggedIn();
    } catch (e) {
      setMessage(error(e instanceof TillApiError ? e.code : 'unknown'));
      setPin('');
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  const press = (d: string) => {
    setPin((p) => (p + d).slice(0, 8));
    input.current?.focus();
  };

  return (
    <main className="login">
      <header className="login-head">
        <h1>{t('app.title')}</h1>
        {languagePicker}
      </header>
      <form
        className="login-box"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>{t('login.title')}</h2>
        <label htmlFor="pin">{t('login.pin')}</label>
        <input
          id="pin"
          ref={input}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          aria-label={t('login.pin')}
        />
        <div className="keypad">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
            <button type="button" key={d} onClick={() => press(d)}>
              {d}
            </button>
          ))}
          <button type="button" onClick={() => setPin('')}>
            {t('login.clear')}
          </button>
          <button type="button" onClick={() => press('0')}>
            0
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('login.submit')}
          </button>
        </div>
        <p className="message" role="alert">
          {message || (reachable ? '' : error('network'))}
        </p>
      </form>
    </main>
  );
}
