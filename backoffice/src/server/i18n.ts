// Translates error codes for the caller's language through i18next (one instance for the server).

import i18next from 'i18next';
import { PRODUCTION_MESSAGES } from '@kasa/domain';
import { BANK_SERVER_MESSAGES, EXCHANGE_SERVER_MESSAGES, SHOP_MESSAGES } from '@kasa/integrations';
import { LANGUAGES, MESSAGES, type Language } from './messages';

// The server's own texts win; each part brings the texts of its own error codes.
const ALL = { ...PRODUCTION_MESSAGES, ...SHOP_MESSAGES, ...BANK_SERVER_MESSAGES, ...EXCHANGE_SERVER_MESSAGES, ...MESSAGES };

const resources = Object.fromEntries(
  LANGUAGES.map((lng) => [lng, { translation: Object.fromEntries(Object.entries(ALL).map(([k, v]) => [k.replace(/\./g, '~'), v[lng]])) }]),
);

const i18n = i18next.createInstance();
void i18n.init({ resources, fallbackLng: 'en', interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false, keySeparator: false, nsSeparator: false });

export function translate(code: string, params: Record<string, unknown>, lng: Language): string {
  const key = code.replace(/\./g, '~');
  if (i18n.exists(key, { lng })) return i18n.t(key, { lng, ...params });
  return i18n.t('generic', { lng, code, ...params });
}
