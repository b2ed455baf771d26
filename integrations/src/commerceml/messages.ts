// People-facing texts for the CommerceML export error codes, for the edge's i18n (en, lv, ru, cs, hu).

export const COMMERCEML_MESSAGES: Record<string, Record<'en' | 'lv' | 'ru' | 'cs' | 'hu', string>> = {
  'commerceml.period_invalid': {
    en: 'The export period {from} – {to} is not valid.',
    lv: 'Eksporta periods {from} – {to} nav derīgs.',
    ru: 'Неверный период выгрузки {from} – {to}.',
    cs: 'Období exportu {from} – {to} není platné.',
    hu: 'A(z) {from} – {to} exportálási időszak érvénytelen.',
  },
  'commerceml.date_invalid': {
    en: 'Document {document} has an invalid date "{date}".',
    lv: 'Dokumentam {document} ir nederīgs datums "{date}".',
    ru: 'У документа {document} неверная дата «{date}».',
    cs: 'Doklad {document} má neplatné datum „{date}“.',
    hu: 'A(z) {document} bizonylat dátuma érvénytelen: „{date}”.',
  },
  'commerceml.time_invalid': {
    en: 'Document {document} has an invalid time "{time}".',
    lv: 'Dokumentam {document} ir nederīgs laiks "{time}".',
    ru: 'У документа {document} неверное время «{time}».',
    cs: 'Doklad {document} má neplatný čas „{time}“.',
    hu: 'A(z) {document} bizonylat időpontja érvénytelen: „{time}”.',
  },
  'commerceml.id_invalid': {
    en: 'The {what} id "{id}" is empty or longer than {max} characters.',
    lv: '{what} identifikators "{id}" ir tukšs vai garāks par {max} rakstzīmēm.',
    ru: 'Идентификатор ({what}) «{id}» пуст или длиннее {max} символов.',
    cs: 'Identifikátor ({what}) „{id}“ je prázdný nebo delší než {max} znaků.',
    hu: 'A(z) „{id}” azonosító ({what}) üres vagy hosszabb {max} karakternél.',
  },
  'commerceml.decimal_invalid': {
    en: '"{value}" is not a number ({field}).',
    lv: '"{value}" nav skaitlis ({field}).',
    ru: '«{value}» — не число ({field}).',
    cs: '„{value}“ není číslo ({field}).',
    hu: '„{value}” nem szám ({field}).',
  },
  'commerceml.amount_invalid': {
    en: 'The amount {minor} is not a whole number of minor units.',
    lv: 'Summa {minor} nav vesels centu skaits.',
    ru: 'Сумма {minor} — не целое число копеек.',
    cs: 'Částka {minor} není celé číslo v haléřích.',
    hu: 'A(z) {minor} összeg nem egész számú fillér.',
  },
  'commerceml.group_cycle': {
    en: 'Item groups form a loop at group {group}.',
    lv: 'Preču grupas veido cilpu pie grupas {group}.',
    ru: 'Группы товаров зациклены на группе {group}.',
    cs: 'Skupiny zboží tvoří smyčku u skupiny {group}.',
    hu: 'Az árucsoportok körbe hivatkoznak a(z) {group} csoportnál.',
  },
  'commerceml.movement_kind_unknown': {
    en: 'Document {document} has an unknown movement kind "{kind}".',
    lv: 'Dokumentam {document} ir nezināms kustības veids "{kind}".',
    ru: 'У документа {document} неизвестный вид движения «{kind}».',
    cs: 'Doklad {document} má neznámý druh pohybu „{kind}“.',
    hu: 'A(z) {document} bizonylat mozgástípusa ismeretlen: „{kind}”.',
  },
};
