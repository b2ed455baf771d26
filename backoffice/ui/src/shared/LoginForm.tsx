// Username + password sign-in, shared by the back office and the terminal.
import { useState, type FormEvent } from 'react';
import { useSession } from '../session/Session';
import { LanguageSwitcher, useI18n } from '../i18n/I18n';
import { ErrorBox } from './ErrorBox';
import { enterMovesNext } from '../forms/keyboard';

export function LoginForm({ title }: { title: string }) {
  const { t } = useI18n();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form onSubmit={submit} onKeyDown={enterMovesNext} className="card">
        <h1>{title}</h1>
        <h2>{t('login.title')}</h2>
        <label>
          {t('login.username')}
          <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy || !username}>
          {t('login.submit')}
        </button>
        <LanguageSwitcher />
      </form>
    </main>
  );
}
