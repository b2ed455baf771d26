// Cashier-facing texts for the payment terminal error keys, in the shop languages; the bridge's i18n merges these.
export type Language = 'en' | 'lv' | 'ru' | 'cs' | 'hu';

export const paymentMessages: Record<Language, Record<string, string>> = {
  en: {
    'payment.no_answer': 'The card terminal did not answer — check on its screen whether the payment went through before trying again',
    'payment.unknown_currency': 'The card terminal answered in an unknown currency ({code})',
    'payment.declined': 'The card payment was declined',
  },
  lv: {
    'payment.no_answer': 'Karšu terminālis neatbildēja — pirms atkārtošanas pārbaudiet tā ekrānā, vai maksājums notika',
    'payment.unknown_currency': 'Karšu terminālis atbildēja nezināmā valūtā ({code})',
    'payment.declined': 'Karšu maksājums noraidīts',
  },
  ru: {
    'payment.no_answer': 'Платёжный терминал не ответил — перед повтором проверьте на его экране, прошла ли оплата',
    'payment.unknown_currency': 'Терминал ответил в неизвестной валюте ({code})',
    'payment.declined': 'Оплата картой отклонена',
  },
  cs: {
    'payment.no_answer': 'Platební terminál neodpověděl — před opakováním ověřte na jeho displeji, zda platba proběhla',
    'payment.unknown_currency': 'Platební terminál odpověděl v neznámé měně ({code})',
    'payment.declined': 'Platba kartou byla zamítnuta',
  },
  hu: {
    'payment.no_answer': 'A kártyaterminál nem válaszolt — újrapróbálás előtt nézze meg a kijelzőjén, sikerült-e a fizetés',
    'payment.unknown_currency': 'A kártyaterminál ismeretlen pénznemben válaszolt ({code})',
    'payment.declined': 'A kártyás fizetést elutasították',
  },
};
