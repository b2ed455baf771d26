// The till's screens: PIN login, shift opening, the sale screen. Status is polled so the online marker
// and the count of receipts waiting to be sent stay current.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, TillApiError, type TillStatus } from './api/till-api';
import { asLanguage, LANGUAGES, DICTIONARIES, type Language } from './i18n/dictionary';
import { I18nContext, makeI18n } from './i18n/i18n-context';
import { LoginScreen } from './login/LoginScreen';
import { ShiftOpenScreen } from './sale/ShiftOpenScreen';
import { SaleScreen } from './sale/SaleScreen';
import { barcodeIndex } from './sale/barcode-index';

const LANGUAGE_KEY = 'kasa.till.language';

export function App() {
  const [status, setStatus] = useState<TillStatus | null>(null);
  const [reachable, setReachable] = useState(true);
  const [loginLanguage, setLoginLanguage] = useState<Language>(() => asLanguage(localStorage.getItem(LANGUAGE_KEY)));

  const refresh = useCallback(async () => {
    try {
      const s = await api<TillStatus>('GET', '/status');
      setStatus(s);
      setReachable(true);
      barcodeIndex.follow(s.catalogueVersion);
    } catch (e) {
      if (e instanceof TillApiError) setReachable(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), 5000);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const lang = status?.cashier ? asLanguage(status.cashier.language) : loginLanguage;
  const i18n = useMemo(() => makeI18n(lang, status?.currency ?? 'EUR'), [lang, status?.currency]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = i18n.t('app.title');
  }, [lang, i18n]);

  const chooseLanguage = async (l: Language) => {
    if (status?.cashier) {
      await api('POST', '/language', { language: l }).catch(() => undefined);
      await refresh();
    } else {
      localStorage.setItem(LANGUAGE_KEY, l);
      setLoginLanguage(l);
    }
  };

  const languagePicker = (
    <label className="language">
      <span>{i18n.t('common.language')}</span>
      <select value={lang} onChange={(e) => void chooseLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {DICTIONARIES[l]['language.name']}
          </option>
        ))}
      </select>
    </label>
  );

  let screen;
  if (!status?.cashier) screen = <LoginScreen onLoggedIn={refresh} languagePicker={languagePicker} reachable={reachable} />;
  else if (!status.shift) screen = <ShiftOpenScreen status={status} onChanged={refresh} languagePicker={languagePicker} />;
  else screen = <SaleScreen status={status} onChanged={refresh} languagePicker={languagePicker} />;
  return <I18nContext.Provider value={i18n}>{screen}</I18nContext.Provider>;
}
