// Error messages the bridge shows to cashiers, in the shop languages; the code is stable, the text is chosen here.
export const LANGUAGES = ['en', 'lv', 'ru', 'cs', 'hu'] as const;
export type Language = (typeof LANGUAGES)[number];

type Messages = Record<string, string>;

const en: Messages = {
  'auth.token': 'Bridge token missing or wrong',
  'auth.origin': 'Requests from {origin} are not allowed',
  'request.invalid': 'Malformed request: {cause}',
  'config.invalid': 'Configuration is invalid: {field} {reason}',
  'device.unknown': 'No device {device} is configured',
  'device.none': 'No {kind} device is configured',
  'device.unsupported': '{device} cannot do this ({kind})',
  'device.io': '{device}: communication error ({cause})',
  'device.timeout': '{device} did not answer in time',
  'device.offline': '{device} is not connected ({cause})',
  'job.notFound': 'Job {id} not found',
  'job.interrupted': '{device}: the bridge stopped while printing; check the paper and retry if nothing came out',
  'job.unknown-outcome': '{device}: cannot tell whether the document was made ({cause}); retry checks again before sending',
  'emulator.none': 'No {kind} emulator is running',
  'internal': 'Internal error: {cause}',
};
const lv: Messages = {
  'auth.token': 'Tilta atslēga trūkst vai ir nepareiza',
  'auth.origin': 'Pieprasījumi no {origin} nav atļauti',
  'request.invalid': 'Nepareizs pieprasījums: {cause}',
  'config.invalid': 'Konfigurācija nav derīga: {field} {reason}',
  'device.unknown': 'Ierīce {device} nav konfigurēta',
  'device.none': 'Nav konfigurēta neviena {kind} ierīce',
  'device.unsupported': '{device} to nevar izdarīt ({kind})',
  'device.io': '{device}: sakaru kļūda ({cause})',
  'device.timeout': '{device} laikā neatbildēja',
  'device.offline': '{device} nav pievienota ({cause})',
  'job.notFound': 'Uzdevums {id} nav atrasts',
  'job.interrupted': '{device}: tilts apstājās drukāšanas laikā; pārbaudiet papīru un atkārtojiet, ja nekas netika izdrukāts',
  'job.unknown-outcome': '{device}: nevar noteikt, vai dokuments izveidots ({cause}); atkārtojot vispirms tiks pārbaudīts',
  'emulator.none': 'Nedarbojas neviens {kind} emulators',
  'internal': 'Iekšēja kļūda: {cause}',
};
const ru: Messages = {
  'auth.token': 'Токен моста отсутствует или неверен',
  'auth.origin': 'Запросы с {origin} не разрешены',
  'request.invalid': 'Неверный запрос: {cause}',
  'config.invalid': 'Неверная конфигурация: {field} {reason}',
  'device.unknown': 'Устройство {device} не настроено',
  'device.none': 'Не настроено ни одного устройства типа {kind}',
  'device.unsupported': '{device} не умеет это делать ({kind})',
  'device.io': '{device}: ошибка связи ({cause})',
  'device.timeout': '{device} не ответило вовремя',
  'device.offline': '{device} не подключено ({cause})',
  'job.notFound': 'Задание {id} не найдено',
  'job.interrupted': '{device}: мост остановился во время печати; проверьте бумагу и повторите, если ничего не напечаталось',
  'job.unknown-outcome': '{device}: неизвестно, создан ли документ ({cause}); повтор сначала проверит это',
  'emulator.none': 'Эмулятор {kind} не запущен',
  'internal': 'Внутренняя ошибка: {cause}',
};
const cs: Messages = {
  'auth.token': 'Token můstku chybí nebo je nesprávný',
  'auth.origin': 'Požadavky z {origin} nejsou povoleny',
  'request.invalid': 'Chybný požadavek: {cause}',
  'config.invalid': 'Neplatná konfigurace: {field} {reason}',
  'device.unknown': 'Zařízení {device} není nastaveno',
  'device.none': 'Není nastaveno žádné zařízení typu {kind}',
  'device.unsupported': '{device} toto neumí ({kind})',
  'device.io': '{device}: chyba komunikace ({cause})',
  'device.timeout': '{device} neodpovědělo včas',
  'device.offline': '{device} není připojeno ({cause})',
  'job.notFound': 'Úloha {id} nenalezena',
  'job.interrupted': '{device}: můstek se zastavil během tisku; zkontrolujte papír a opakujte, pokud se nic nevytisklo',
  'job.unknown-outcome': '{device}: nelze zjistit, zda doklad vznikl ({cause}); opakování to nejprve ověří',
  'emulator.none': 'Emulátor {kind} neběží',
  'internal': 'Vnitřní chyba: {cause}',
};
const hu: Messages = {
  'auth.token': 'A híd tokenje hiányzik vagy hibás',
  'auth.origin': 'A(z) {origin} felől érkező kérések nem engedélyezettek',
  'request.invalid': 'Hibás kérés: {cause}',
  'config.invalid': 'Érvénytelen beállítás: {field} {reason}',
  'device.unknown': 'A(z) {device} eszköz nincs beállítva',
  'device.none': 'Nincs beállított {kind} eszköz',
  'device.unsupported': '{device} erre nem képes ({kind})',
  'device.io': '{device}: kommunikációs hiba ({cause})',
  'device.timeout': '{device} nem válaszolt időben',
  'device.offline': '{device} nincs csatlakoztatva ({cause})',
  'job.notFound': 'A(z) {id} feladat nem található',
  'job.interrupted': '{device}: a híd nyomtatás közben leállt; ellenőrizze a papírt, és ismételje meg, ha semmi sem jött ki',
  'job.unknown-outcome': '{device}: nem tudni, elkészült-e a bizonylat ({cause}); az ismétlés előbb ellenőrzi',
  'emulator.none': 'Nem fut {kind} emulátor',
  'internal': 'Belső hiba: {cause}',
};

const catalogs: Record<Language, Messages> = { en, lv, ru, cs, hu };

/** Picks the best supported language from an Accept-Language header ("lv-LV,lv;q=0.9,en;q=0.8"). */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
      return { lang: (tag ?? '').toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const r of ranked) if ((LANGUAGES as readonly string[]).includes(r.lang)) return r.lang as Language;
  return 'en';
}

/** Message for an error code with its params filled in; unknown codes fall back to the code itself plus the cause. */
export function translate(lang: Language, code: string, params: Record<string, unknown> = {}): string {
  const template = catalogs[lang][code] ?? en[code] ?? (params.cause !== undefined ? `${code}: {cause}` : code);
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}
