// Error messages the bridge shows to cashiers, in the shop languages; the code is stable, the text is chosen here.
// The drivers' own error keys (fiscal register, scales, payment terminal) come from their folders' tables.
import { fiscalMessages } from '../drivers/fiscal/messages';
import { scaleMessages } from '../drivers/scales/messages';
import { paymentMessages } from '../drivers/payment/messages';

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
  'fiscal.tax_group_unknown': 'The fiscal register has no tax group for VAT {rate} %: add it to taxGroups in the bridge config',
  'fiscal.tax_rate_invalid': 'VAT rate {rate} is not a number',
  'payment.amount_mismatch': 'The card terminal approved {approvedMinor} instead of {amountMinor}',
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
  'fiscal.tax_group_unknown': 'Fiskālajai ierīcei nav nodokļu grupas PVN {rate} %: pievienojiet to taxGroups tilta konfigurācijā',
  'fiscal.tax_rate_invalid': 'PVN likme {rate} nav skaitlis',
  'payment.amount_mismatch': 'Karšu terminālis apstiprināja {approvedMinor}, nevis {amountMinor}',
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
  'fiscal.tax_group_unknown': 'В кассе нет налоговой группы для НДС {rate} %: добавьте её в taxGroups в конфигурации моста',
  'fiscal.tax_rate_invalid': 'Ставка НДС {rate} не является числом',
  'payment.amount_mismatch': 'Терминал одобрил {approvedMinor} вместо {amountMinor}',
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
  'fiscal.tax_group_unknown': 'Fiskální pokladna nemá daňovou skupinu pro DPH {rate} %: doplňte ji do taxGroups v konfiguraci můstku',
  'fiscal.tax_rate_invalid': 'Sazba DPH {rate} není číslo',
  'payment.amount_mismatch': 'Platební terminál schválil {approvedMinor} místo {amountMinor}',
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
  'fiscal.tax_group_unknown': 'A pénztárgépben nincs adócsoport a(z) {rate} %-os ÁFA-hoz: vegye fel a híd beállításainak taxGroups részébe',
  'fiscal.tax_rate_invalid': 'A(z) {rate} ÁFA-kulcs nem szám',
  'payment.amount_mismatch': 'A kártyaterminál {approvedMinor} összeget hagyott jóvá {amountMinor} helyett',
  'internal': 'Belső hiba: {cause}',
};

const own: Record<Language, Messages> = { en, lv, ru, cs, hu };
const catalogs = Object.fromEntries(
  LANGUAGES.map((l) => [l, { ...fiscalMessages[l], ...scaleMessages[l], ...paymentMessages[l], ...own[l] }]),
) as Record<Language, Messages>;
const english = catalogs.en;

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
  const template = catalogs[lang][code] ?? english[code] ?? (params.cause !== undefined ? `${code}: {cause}` : code);
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}
