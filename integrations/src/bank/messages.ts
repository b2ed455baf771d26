// People-facing texts for the bank statement error codes, for the edge's i18n (en, lv, ru, cs, hu).
// {line}, {value}, {key} are the DomainError params.

export type Locale = 'en' | 'lv' | 'ru' | 'cs' | 'hu';

export const BANK_MESSAGES: Record<string, Record<Locale, string>> = {
  'bank.header_missing': {
    en: 'This is not a bank statement file (it must start with 1CClientBankExchange).',
    lv: 'Šis nav bankas izraksta fails (tam jāsākas ar 1CClientBankExchange).',
    ru: 'Это не файл выписки банка (он должен начинаться с 1CClientBankExchange).',
    cs: 'Toto není soubor bankovního výpisu (musí začínat 1CClientBankExchange).',
    hu: 'Ez nem bankszámlakivonat-fájl (1CClientBankExchange sorral kell kezdődnie).',
  },
  'bank.encoding_unknown': {
    en: 'Unknown file encoding "{value}"; save the statement with Windows or DOS encoding.',
    lv: 'Nezināms faila kodējums "{value}"; saglabājiet izrakstu ar Windows vai DOS kodējumu.',
    ru: 'Неизвестная кодировка файла «{value}»; сохраните выписку в кодировке Windows или DOS.',
    cs: 'Neznámé kódování souboru „{value}“; uložte výpis v kódování Windows nebo DOS.',
    hu: 'Ismeretlen fájlkódolás: „{value}”; mentse a kivonatot Windows vagy DOS kódolással.',
  },
  'bank.version_unsupported': {
    en: 'Line {line}: format version {value} is not supported (1.01–1.03).',
    lv: '{line}. rinda: formāta versija {value} netiek atbalstīta (1.01–1.03).',
    ru: 'Строка {line}: версия формата {value} не поддерживается (1.01–1.03).',
    cs: 'Řádek {line}: verze formátu {value} není podporována (1.01–1.03).',
    hu: '{line}. sor: a(z) {value} formátumverzió nem támogatott (1.01–1.03).',
  },
  'bank.section_unclosed': {
    en: 'The section opened on line {line} is not closed.',
    lv: '{line}. rindā atvērtā sadaļa nav aizvērta.',
    ru: 'Секция, начатая в строке {line}, не закрыта.',
    cs: 'Sekce otevřená na řádku {line} není uzavřena.',
    hu: 'A(z) {line}. sorban nyitott szakasz nincs lezárva.',
  },
  'bank.section_end_unexpected': {
    en: 'Line {line}: {key} without its section.',
    lv: '{line}. rinda: {key} bez atbilstošas sadaļas.',
    ru: 'Строка {line}: {key} без начала секции.',
    cs: 'Řádek {line}: {key} bez začátku sekce.',
    hu: '{line}. sor: {key} a szakasz kezdete nélkül.',
  },
  'bank.end_missing': {
    en: 'The file ends without КонецФайла; it may have been cut off.',
    lv: 'Fails beidzas bez КонецФайла; iespējams, tas ir nepilnīgs.',
    ru: 'Файл заканчивается без КонецФайла; возможно, он обрезан.',
    cs: 'Soubor končí bez КонецФайла; možná je neúplný.',
    hu: 'A fájl КонецФайла nélkül ér véget; lehet, hogy csonka.',
  },
  'bank.content_after_end': {
    en: 'Line {line}: text after the end of the file.',
    lv: '{line}. rinda: teksts pēc faila beigām.',
    ru: 'Строка {line}: текст после конца файла.',
    cs: 'Řádek {line}: text za koncem souboru.',
    hu: '{line}. sor: szöveg a fájl vége után.',
  },
  'bank.line_invalid': {
    en: 'Line {line} is not a Key=Value line.',
    lv: '{line}. rinda nav formā Atslēga=Vērtība.',
    ru: 'Строка {line} не в формате Ключ=Значение.',
    cs: 'Řádek {line} není ve tvaru Klíč=Hodnota.',
    hu: 'A(z) {line}. sor nem Kulcs=Érték alakú.',
  },
  'bank.document_kind_missing': {
    en: 'Line {line}: the document section has no document kind.',
    lv: '{line}. rinda: dokumenta sadaļai nav norādīts dokumenta veids.',
    ru: 'Строка {line}: у секции документа не указан вид документа.',
    cs: 'Řádek {line}: sekce dokladu nemá druh dokladu.',
    hu: '{line}. sor: a bizonylatszakasznak nincs bizonylattípusa.',
  },
  'bank.field_missing': {
    en: 'The section on line {line} has no {key}.',
    lv: '{line}. rindas sadaļai trūkst {key}.',
    ru: 'В секции в строке {line} нет поля {key}.',
    cs: 'Sekci na řádku {line} chybí {key}.',
    hu: 'A(z) {line}. sori szakaszból hiányzik: {key}.',
  },
  'bank.amount_invalid': {
    en: 'Line {line}: "{value}" is not an amount (digits, a dot, at most two decimals).',
    lv: '{line}. rinda: "{value}" nav summa (cipari, punkts, ne vairāk kā divas zīmes aiz punkta).',
    ru: 'Строка {line}: «{value}» — не сумма (цифры, точка, не более двух знаков после точки).',
    cs: 'Řádek {line}: „{value}“ není částka (číslice, tečka, nejvýše dvě desetinná místa).',
    hu: '{line}. sor: „{value}” nem összeg (számjegyek, pont, legfeljebb két tizedesjegy).',
  },
  'bank.date_invalid': {
    en: 'Line {line}: "{value}" is not a date (dd.mm.yyyy).',
    lv: '{line}. rinda: "{value}" nav datums (dd.mm.gggg).',
    ru: 'Строка {line}: «{value}» — не дата (дд.мм.гггг).',
    cs: 'Řádek {line}: „{value}“ není datum (dd.mm.rrrr).',
    hu: '{line}. sor: „{value}” nem dátum (nn.hh.éééé).',
  },
  'bank.rule_empty': {
    en: 'A budget item rule needs at least one condition.',
    lv: 'Budžeta posteņa noteikumam vajag vismaz vienu nosacījumu.',
    ru: 'Правилу статьи ДДС нужно хотя бы одно условие.',
    cs: 'Pravidlo rozpočtové položky potřebuje alespoň jednu podmínku.',
    hu: 'A költségvetési tétel szabályához legalább egy feltétel kell.',
  },
  'bank.rule_pattern_invalid': {
    en: 'The purpose pattern "{pattern}" is not a valid regular expression.',
    lv: 'Maksājuma mērķa šablons "{pattern}" nav derīga regulārā izteiksme.',
    ru: 'Шаблон назначения платежа «{pattern}» — неверное регулярное выражение.',
    cs: 'Vzor účelu platby „{pattern}“ není platný regulární výraz.',
    hu: 'A(z) „{pattern}” közleményminta nem érvényes reguláris kifejezés.',
  },
};
