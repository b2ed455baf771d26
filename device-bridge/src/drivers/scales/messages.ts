// Cashier-facing texts for the scale error keys, in the shop languages; the bridge's i18n merges these tables.
export type Language = 'en' | 'lv' | 'ru' | 'cs' | 'hu';

export const scaleMessages: Record<Language, Record<string, string>> = {
  en: {
    'scale.invalid_weight': 'Not a weight: {kg}',
    'scale.command_unsupported': 'This scale cannot do {command} from the till',
    'scale.command_failed': 'The scale refused {command} (code {code})',
    'scale.disconnected': 'The scale does not answer — check its cable and power',
  },
  lv: {
    'scale.invalid_weight': 'Tas nav svars: {kg}',
    'scale.command_unsupported': 'Šie svari no kases nevar izpildīt {command}',
    'scale.command_failed': 'Svari atteica {command} (kods {code})',
    'scale.disconnected': 'Svari neatbild — pārbaudiet kabeli un barošanu',
  },
  ru: {
    'scale.invalid_weight': 'Это не вес: {kg}',
    'scale.command_unsupported': 'Эти весы не умеют выполнять {command} по команде кассы',
    'scale.command_failed': 'Весы отказались выполнить {command} (код {code})',
    'scale.disconnected': 'Весы не отвечают — проверьте кабель и питание',
  },
  cs: {
    'scale.invalid_weight': 'Toto není hmotnost: {kg}',
    'scale.command_unsupported': 'Tato váha neumí {command} z pokladny',
    'scale.command_failed': 'Váha odmítla {command} (kód {code})',
    'scale.disconnected': 'Váha neodpovídá — zkontrolujte kabel a napájení',
  },
  hu: {
    'scale.invalid_weight': 'Nem súlyérték: {kg}',
    'scale.command_unsupported': 'Ez a mérleg a kasszáról nem tudja ezt: {command}',
    'scale.command_failed': 'A mérleg elutasította: {command} (kód: {code})',
    'scale.disconnected': 'A mérleg nem válaszol — ellenőrizze a kábelt és a tápellátást',
  },
};
