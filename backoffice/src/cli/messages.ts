// Texts of the `kasa` command line's own errors, in en, lv, ru, cs, hu; other codes come from the server's,
// the CommerceML and the bank message catalogues. The language is KASA_LANGUAGE or LANG (lv_LV.UTF-8 → lv), else English.

import { LANGUAGES, MESSAGES, type Language } from '../server/messages';

type Texts = Record<Language, string>;

export const CLI_MESSAGES: Record<string, Texts> = {
  'cli.command_unknown': {
    en: 'Unknown command "{command}". Run "kasa --help" for the list of commands.',
    lv: 'Nezināma komanda "{command}". Komandu sarakstu rāda "kasa --help".',
    ru: 'Неизвестная команда «{command}». Список команд: «kasa --help».',
    cs: 'Neznámý příkaz „{command}“. Seznam příkazů ukáže „kasa --help“.',
    hu: 'Ismeretlen parancs: „{command}”. A parancsok listája: „kasa --help”.',
  },
  'cli.arguments': {
    en: 'kasa {command}: {detail}. Usage: kasa {usage}',
    lv: 'kasa {command}: {detail}. Lietojums: kasa {usage}',
    ru: 'kasa {command}: {detail}. Использование: kasa {usage}',
    cs: 'kasa {command}: {detail}. Použití: kasa {usage}',
    hu: 'kasa {command}: {detail}. Használat: kasa {usage}',
  },
  'cli.option_missing': {
    en: 'kasa {command}: option --{option} is required. Usage: kasa {usage}',
    lv: 'kasa {command}: nepieciešams parametrs --{option}. Lietojums: kasa {usage}',
    ru: 'kasa {command}: нужен параметр --{option}. Использование: kasa {usage}',
    cs: 'kasa {command}: chybí volba --{option}. Použití: kasa {usage}',
    hu: 'kasa {command}: a --{option} kapcsoló kötelező. Használat: kasa {usage}',
  },
  'cli.not_migrated': {
    en: 'The database {location} has no current schema: run "kasa migrate" first.',
    lv: 'Datubāzei {location} nav aktuālas shēmas: vispirms palaidiet "kasa migrate".',
    ru: 'В базе {location} нет актуальной схемы: сначала выполните «kasa migrate».',
    cs: 'Databáze {location} nemá aktuální schéma: nejprve spusťte „kasa migrate“.',
    hu: 'A(z) {location} adatbázis sémája nem naprakész: előbb futtassa a „kasa migrate” parancsot.',
  },
  'cli.demo_company_exists': {
    en: 'The database {location} already has a company ("{name}"); demo data is only created in an empty database.',
    lv: 'Datubāzē {location} jau ir uzņēmums ("{name}"); demo datus veido tikai tukšā datubāzē.',
    ru: 'В базе {location} уже есть организация («{name}»); демо-данные создаются только в пустой базе.',
    cs: 'Databáze {location} už obsahuje firmu („{name}“); ukázková data se vytvářejí jen v prázdné databázi.',
    hu: 'A(z) {location} adatbázisban már van cég („{name}”); bemutató adat csak üres adatbázisba kerül.',
  },
  'cli.user_secret_missing': {
    en: 'Give --password (back office) or --pin (till), or the user cannot log in.',
    lv: 'Norādiet --password (birojam) vai --pin (kasei), citādi lietotājs nevarēs pieteikties.',
    ru: 'Укажите --password (бэк-офис) или --pin (касса), иначе пользователь не сможет войти.',
    cs: 'Zadejte --password (kancelář) nebo --pin (pokladna), jinak se uživatel nepřihlásí.',
    hu: 'Adja meg a --password (háttériroda) vagy a --pin (pénztár) kapcsolót, különben a felhasználó nem tud belépni.',
  },
  'cli.backup_postgresql': {
    en: 'The database is PostgreSQL: back it up with pg_dump (and restore with pg_restore); kasa backup/restore copy SQLite databases.',
    lv: 'Datubāze ir PostgreSQL: rezerves kopiju veido ar pg_dump (atjauno ar pg_restore); kasa backup/restore kopē SQLite datubāzes.',
    ru: 'База — PostgreSQL: резервную копию делает pg_dump (восстановление — pg_restore); kasa backup/restore копируют базы SQLite.',
    cs: 'Databáze je PostgreSQL: zálohujte ji pomocí pg_dump (obnovte pg_restore); kasa backup/restore kopírují databáze SQLite.',
    hu: 'Az adatbázis PostgreSQL: mentse pg_dump-pal (visszaállítás pg_restore-ral); a kasa backup/restore SQLite adatbázist másol.',
  },
  'cli.file_exists': {
    en: '{file} already exists; give a new file name.',
    lv: '{file} jau eksistē; norādiet jaunu faila nosaukumu.',
    ru: '{file} уже существует; укажите новое имя файла.',
    cs: '{file} už existuje; zadejte nový název souboru.',
    hu: 'A(z) {file} már létezik; adjon meg új fájlnevet.',
  },
  'cli.file_missing': {
    en: 'File {file} does not exist.',
    lv: 'Fails {file} neeksistē.',
    ru: 'Файл {file} не существует.',
    cs: 'Soubor {file} neexistuje.',
    hu: 'A(z) {file} fájl nem létezik.',
  },
  'cli.restore_not_kasa': {
    en: '{file} is not a Kasa database ({reason}); nothing was restored.',
    lv: '{file} nav Kasa datubāze ({reason}); nekas netika atjaunots.',
    ru: '{file} не является базой Kasa ({reason}); ничего не восстановлено.',
    cs: '{file} není databáze Kasa ({reason}); nic nebylo obnoveno.',
    hu: 'A(z) {file} nem Kasa adatbázis ({reason}); semmi sem lett visszaállítva.',
  },
  'cli.restore_newer': {
    en: '{file} comes from a newer Kasa (migrations {migrations}); update Kasa before restoring it.',
    lv: '{file} ir no jaunākas Kasa versijas (migrācijas {migrations}); pirms atjaunošanas atjauniniet Kasa.',
    ru: '{file} создан более новой версией Kasa (миграции {migrations}); обновите Kasa перед восстановлением.',
    cs: '{file} pochází z novější verze Kasa (migrace {migrations}); před obnovou Kasa aktualizujte.',
    hu: 'A(z) {file} újabb Kasa verzióból származik ({migrations} migrációk); visszaállítás előtt frissítse a Kasát.',
  },
  'cli.database_in_use': {
    en: 'The database {location} is open in another process (pid {pids}); stop the store server first.',
    lv: 'Datubāze {location} ir atvērta citā procesā (pid {pids}); vispirms apturiet veikala serveri.',
    ru: 'База {location} открыта другим процессом (pid {pids}); сначала остановите сервер магазина.',
    cs: 'Databázi {location} má otevřenou jiný proces (pid {pids}); nejprve zastavte server prodejny.',
    hu: 'A(z) {location} adatbázist egy másik folyamat használja (pid {pids}); előbb állítsa le a bolti szervert.',
  },
};

export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const wanted = (env.KASA_LANGUAGE ?? env.LC_ALL ?? env.LANG ?? 'en').slice(0, 2).toLowerCase();
  return (LANGUAGES as readonly string[]).includes(wanted) ? (wanted as Language) : 'en';
}

/** One line for a person: the code's text with its parameters, or the code itself when no text exists. */
export async function errorText(code: string, params: Record<string, unknown>, lng: Language): Promise<string> {
  // The exchange catalogues load only when an exchange error needs them: every command starts faster.
  const exchange = async (): Promise<Texts | undefined> => {
    const { BANK_MESSAGES, COMMERCEML_MESSAGES } = await import('@kasa/integrations');
    return (COMMERCEML_MESSAGES as Record<string, Texts>)[code] ?? (BANK_MESSAGES as Record<string, Texts>)[code];
  };
  const texts = CLI_MESSAGES[code] ?? MESSAGES[code] ?? (/^(commerceml|bank)\./.test(code) ? await exchange() : undefined);
  if (!texts) return `${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`;
  // Server texts use {{name}} (i18next), the others {name}.
  return texts[lng].replace(/\{\{?(\w+)\}?\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
}
