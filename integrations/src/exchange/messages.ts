// People-facing texts for the exchange's codes (errors and log notes), en, lv, ru, cs, hu. {name} is a parameter.

import type { Locale } from '../bank/messages';

export const EXCHANGE_MESSAGES: Record<string, Record<Locale, string>> = {
  'exchange.busy': {
    en: 'An exchange is running already; wait for it to finish.',
    lv: 'Apmaiņa jau notiek; pagaidiet, līdz tā beidzas.',
    ru: 'Обмен уже идёт; дождитесь его окончания.',
    cs: 'Výměna už běží; počkejte, až skončí.',
    hu: 'Már fut egy adatcsere; várja meg a végét.',
  },
  'exchange.run_not_found': {
    en: 'Exchange run {id} does not exist.',
    lv: 'Apmaiņas palaišana {id} neeksistē.',
    ru: 'Сеанс обмена {id} не найден.',
    cs: 'Běh výměny {id} neexistuje.',
    hu: 'A(z) {id} adatcsere-futás nem létezik.',
  },
  'exchange.settings_invalid': {
    en: 'Exchange setting "{field}" is not valid (folders are absolute paths, the interval 1–10080 minutes, the time HH:MM, the key at least 12 characters).',
    lv: 'Apmaiņas iestatījums "{field}" nav derīgs (mapes ir absolūti ceļi, intervāls 1–10080 minūtes, laiks HH:MM, atslēga vismaz 12 rakstzīmes).',
    ru: 'Настройка обмена «{field}» неверна (папки — полные пути, интервал 1–10080 минут, время ЧЧ:ММ, ключ не короче 12 символов).',
    cs: 'Nastavení výměny „{field}“ není platné (složky jsou absolutní cesty, interval 1–10080 minut, čas HH:MM, klíč aspoň 12 znaků).',
    hu: 'A(z) „{field}” adatcsere-beállítás érvénytelen (a mappák abszolút útvonalak, az időköz 1–10080 perc, az idő ÓÓ:PP, a kulcs legalább 12 karakter).',
  },
  'exchange.http_mode': {
    en: 'The exchange is set to HTTP: 1C starts it from its side.',
    lv: 'Apmaiņa ir iestatīta uz HTTP: to sāk 1C no savas puses.',
    ru: 'Обмен настроен по HTTP: его запускает 1С со своей стороны.',
    cs: 'Výměna je nastavena na HTTP: spouští ji 1C ze své strany.',
    hu: 'Az adatcsere HTTP-re van állítva: az 1C indítja a saját oldaláról.',
  },
  'exchange.interrupted': {
    en: 'The server stopped while this exchange was running.',
    lv: 'Serveris apstājās, kamēr notika šī apmaiņa.',
    ru: 'Сервер остановился во время этого обмена.',
    cs: 'Server se zastavil během této výměny.',
    hu: 'A szerver leállt az adatcsere közben.',
  },
  'exchange.failed': {
    en: 'The exchange failed: {detail}',
    lv: 'Apmaiņa neizdevās: {detail}',
    ru: 'Обмен не удался: {detail}',
    cs: 'Výměna selhala: {detail}',
    hu: 'Az adatcsere nem sikerült: {detail}',
  },
  'exchange.payments_rejected': {
    en: '{rejected} payments could not be read (lines {lines}).',
    lv: '{rejected} maksājumus nevarēja nolasīt (rindas {lines}).',
    ru: 'Не прочитано платежей: {rejected} (строки {lines}).',
    cs: 'Plateb, které nešlo přečíst: {rejected} (řádky {lines}).',
    hu: '{rejected} fizetés nem olvasható ({lines}. sor).',
  },
  'exchange.files_rejected': {
    en: '{count} files from the inbox were rejected and moved to rejected/.',
    lv: '{count} faili no ienākošo mapes tika noraidīti un pārvietoti uz rejected/.',
    ru: 'Файлов из входящей папки отклонено и перенесено в rejected/: {count}.',
    cs: 'Souborů ze vstupní složky odmítnuto a přesunuto do rejected/: {count}.',
    hu: '{count} fájlt elutasítottunk a beérkező mappából, és áthelyeztük a rejected/ mappába.',
  },
  'exchange.filename_invalid': {
    en: 'File name "{filename}" is not valid.',
    lv: 'Faila nosaukums "{filename}" nav derīgs.',
    ru: 'Недопустимое имя файла «{filename}».',
    cs: 'Název souboru „{filename}“ není platný.',
    hu: 'A(z) „{filename}” fájlnév érvénytelen.',
  },
  'exchange.file_too_large': {
    en: 'A part of a file may be at most {limit} bytes.',
    lv: 'Faila daļa drīkst būt ne vairāk kā {limit} baiti.',
    ru: 'Часть файла не может быть больше {limit} байт.',
    cs: 'Část souboru smí mít nejvýše {limit} bajtů.',
    hu: 'Egy fájlrész legfeljebb {limit} bájt lehet.',
  },
  'exchange.file_missing': {
    en: 'File {filename} was not sent before mode=import.',
    lv: 'Fails {filename} netika nosūtīts pirms mode=import.',
    ru: 'Файл {filename} не был передан до mode=import.',
    cs: 'Soubor {filename} nebyl odeslán před mode=import.',
    hu: 'A(z) {filename} fájl nem érkezett meg a mode=import előtt.',
  },
  'exchange.mode_unknown': {
    en: 'Unknown exchange request type={type}, mode={mode}.',
    lv: 'Nezināms apmaiņas pieprasījums type={type}, mode={mode}.',
    ru: 'Неизвестный запрос обмена type={type}, mode={mode}.',
    cs: 'Neznámý požadavek výměny type={type}, mode={mode}.',
    hu: 'Ismeretlen adatcsere-kérés: type={type}, mode={mode}.',
  },
  'exchange.auth_failed': {
    en: 'Sign-in for the exchange failed: a back-office user with the exchange right, or the exchange key, is needed.',
    lv: 'Pieteikšanās apmaiņai neizdevās: vajag back-office lietotāju ar apmaiņas tiesībām vai apmaiņas atslēgu.',
    ru: 'Вход для обмена не удался: нужен пользователь бэк-офиса с правом обмена или ключ обмена.',
    cs: 'Přihlášení k výměně selhalo: je potřeba uživatel back office s právem výměny nebo klíč výměny.',
    hu: 'Az adatcsere-bejelentkezés nem sikerült: adatcsere-joggal rendelkező back-office felhasználó vagy az adatcsere-kulcs kell.',
  },
};

/** The same texts with i18next placeholders ({{name}}), for the store server's translator. */
export const EXCHANGE_SERVER_MESSAGES: Record<string, Record<Locale, string>> = Object.fromEntries(
  Object.entries(EXCHANGE_MESSAGES).map(([code, texts]) => [code, Object.fromEntries(Object.entries(texts).map(([l, t]) => [l, t.replace(/\{(\w+)\}/g, '{{$1}}')])) as Record<Locale, string>]),
);
