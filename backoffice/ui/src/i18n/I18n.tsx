// The language of the screen: a React context with t(), Intl formatters and a switcher remembered per user.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { isLanguage, languageNames, languages, translate, type Language, type MessageKey } from './dictionary';
import { formatDate, formatMoney, formatNumber, formatQuantity } from './format';
import { setApiLanguage } from '../api/client';

const lastKey = 'kasa.language';
const userKey = (username: string) => `kasa.language.${username}`;

function storedLanguage(username?: string): Language | null {
  try {
    const v = localStorage.getItem(username ? userKey(username) : lastKey);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  const nav = typeof navigator !== 'undefined' ? navigator.language.slice(0, 2) : 'en';
  return isLanguage(nav) ? nav : 'en';
}

export interface I18n {
  lang: Language;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  money: (minor: number | null | undefined, currency: string) => string;
  qty: (q: string | null | undefined) => string;
  num: (n: number) => string;
  date: (iso: string | null | undefined) => string;
  /** Switch language; with a username the choice is remembered for that user. */
  setLanguage: (lang: Language, username?: string) => void;
  /** After login: the user's remembered choice, else the language stored on the server for them. */
  adoptUser: (username: string, serverLanguage?: string) => void;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Language>(() => {
    const l = initialLanguage();
    setApiLanguage(l);
    return l;
  });
  const apply = useCallback((l: Language, username?: string) => {
    setApiLanguage(l);
    setLang(l);
    document.documentElement.lang = l;
    try {
      localStorage.setItem(lastKey, l);
      if (username) localStorage.setItem(userKey(username), l);
    } catch {
      // storage full or disabled: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      t: (key, params) => translate(lang, key, params),
      money: (minor, currency) => formatMoney(minor, currency, lang),
      qty: (q) => formatQuantity(q, lang),
      num: (n) => formatNumber(n, lang),
      date: (iso) => formatDate(iso, lang),
      setLanguage: apply,
      adoptUser: (username, serverLanguage) => {
        const l = storedLanguage(username) ?? (isLanguage(serverLanguage) ? serverLanguage : lang);
        apply(l, username);
      },
    }),
    [lang, apply],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export function LanguageSwitcher({ username }: { username?: string }) {
  const { lang, t, setLanguage } = useI18n();
  return (
    <label className="lang">
      <span className="sr">{t('common.language')}</span>
      <select
        aria-label={t('common.language')}
        value={lang}
        onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value, username)}
      >
        {languages.map((l) => (
          <option key={l} value={l}>
            {languageNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
