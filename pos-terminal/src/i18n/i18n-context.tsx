// The current cashier's language for every component, with translate and money formatting bound to it.
import { createContext, useContext } from 'react';
import { isMessageKey, translate, type Language, type MessageKey, type Params } from './dictionary';
import { formatDateTime, formatMoney, formatQuantity } from './format';

export interface I18n {
  lang: Language;
  currency: string;
  t(key: MessageKey, params?: Params): string;
  money(minor: number): string;
  qty(quantity: string, weighted: boolean): string;
  date(iso: string): string;
  /** An error code from the bridge, in words. */
  error(code: string, params?: Params): string;
}

export function makeI18n(lang: Language, currency: string): I18n {
  return {
    lang,
    currency,
    t: (key, params) => translate(lang, key, params),
    money: (minor) => formatMoney(minor, currency, lang),
    qty: (q, w) => formatQuantity(q, w, lang),
    date: (iso) => formatDateTime(iso, lang),
    error: (code, params) => {
      const key = `error.${code}`;
      return isMessageKey(key) ? translate(lang, key, params) : translate(lang, 'error.unknown', { code });
    },
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en', 'EUR'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
