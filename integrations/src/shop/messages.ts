// People-facing texts for the order API's error codes in en, lv, ru, cs, hu, with the store server's
// {{param}} placeholders; the server merges them into its translations (codes it already has are not repeated here).

export type ShopLocale = 'en' | 'lv' | 'ru' | 'cs' | 'hu';

export const SHOP_MESSAGES: Record<string, Record<ShopLocale, string>> = {
  'auth.api_key_invalid': {
    en: 'The API key is missing, unknown or revoked (send Authorization: Bearer <key>).',
    lv: 'API atslēga nav norādīta, nav zināma vai ir atsaukta (sūtiet Authorization: Bearer <atslēga>).',
    ru: 'API-ключ не указан, неизвестен или отозван (передайте Authorization: Bearer <ключ>).',
    cs: 'Klíč API chybí, je neznámý nebo zrušený (pošlete Authorization: Bearer <klíč>).',
    hu: 'Az API-kulcs hiányzik, ismeretlen vagy visszavonták (küldje: Authorization: Bearer <kulcs>).',
  },
  'auth.scope_missing': {
    en: 'This API key may not do that: it lacks the scope {{scope}}.',
    lv: 'Šai API atslēgai tas nav atļauts: tai trūkst tiesību {{scope}}.',
    ru: 'Этому API-ключу это не разрешено: нет права {{scope}}.',
    cs: 'Tento klíč API to nesmí: chybí mu oprávnění {{scope}}.',
    hu: 'Ez az API-kulcs ezt nem teheti meg: hiányzik a(z) {{scope}} jogosultság.',
  },
  rate_limited: {
    en: 'Too many requests with this API key; try again in {{seconds}} s.',
    lv: 'Pārāk daudz pieprasījumu ar šo API atslēgu; mēģiniet vēlreiz pēc {{seconds}} s.',
    ru: 'Слишком много запросов с этим API-ключом; повторите через {{seconds}} с.',
    cs: 'Příliš mnoho požadavků s tímto klíčem API; zkuste to znovu za {{seconds}} s.',
    hu: 'Túl sok kérés ezzel az API-kulccsal; próbálja újra {{seconds}} mp múlva.',
  },
  'idempotency.conflict': {
    en: 'The Idempotency-Key {{key}} was already used for a different request.',
    lv: 'Idempotency-Key {{key}} jau ir izmantota citam pieprasījumam.',
    ru: 'Idempotency-Key {{key}} уже использован для другого запроса.',
    cs: 'Idempotency-Key {{key}} už byl použit pro jiný požadavek.',
    hu: 'A(z) {{key}} Idempotency-Key már egy másik kéréshez lett felhasználva.',
  },
  'stock.insufficient': {
    en: 'Not enough {{item}} in stock: {{available}} available, {{requested}} requested.',
    lv: 'Nepietiek preces {{item}}: pieejams {{available}}, pieprasīts {{requested}}.',
    ru: 'Недостаточно товара {{item}}: доступно {{available}}, запрошено {{requested}}.',
    cs: 'Zboží {{item}} není dost: k dispozici {{available}}, požadováno {{requested}}.',
    hu: 'Nincs elég {{item}} készleten: {{available}} elérhető, {{requested}} kért.',
  },
  'order.transition': {
    en: 'An order in status {{from}} cannot become {{to}}.',
    lv: 'Pasūtījums statusā {{from}} nevar kļūt {{to}}.',
    ru: 'Заказ в статусе {{from}} нельзя перевести в {{to}}.',
    cs: 'Objednávku ve stavu {{from}} nelze změnit na {{to}}.',
    hu: 'A(z) {{from}} állapotú rendelés nem válhat {{to}} állapotúvá.',
  },
  'order.not_found': {
    en: 'Order {{id}} was not found.',
    lv: 'Pasūtījums {{id}} nav atrasts.',
    ru: 'Заказ {{id}} не найден.',
    cs: 'Objednávka {{id}} nebyla nalezena.',
    hu: 'A(z) {{id}} rendelés nem található.',
  },
  'order.item_duplicate': {
    en: 'Item {{item}} appears twice in the order; send one line per item.',
    lv: 'Prece {{item}} pasūtījumā ir divreiz; sūtiet vienu rindu katrai precei.',
    ru: 'Товар {{item}} указан в заказе дважды; одна строка на товар.',
    cs: 'Zboží {{item}} je v objednávce dvakrát; pošlete jeden řádek na zboží.',
    hu: 'A(z) {{item}} cikk kétszer szerepel a rendelésben; cikkenként egy sort küldjön.',
  },
  'order.line_unknown': {
    en: 'Item {{item}} is not in this order.',
    lv: 'Prece {{item}} nav šajā pasūtījumā.',
    ru: 'Товара {{item}} нет в этом заказе.',
    cs: 'Zboží {{item}} v této objednávce není.',
    hu: 'A(z) {{item}} cikk nem szerepel ebben a rendelésben.',
  },
  'order.pick_exceeds': {
    en: 'Picked {{picked}} of {{item}}, but only {{ordered}} was ordered.',
    lv: 'Salasīts {{picked}} preces {{item}}, bet pasūtīts tikai {{ordered}}.',
    ru: 'Собрано {{picked}} товара {{item}}, а заказано только {{ordered}}.',
    cs: 'Vychystáno {{picked}} zboží {{item}}, ale objednáno jen {{ordered}}.',
    hu: '{{picked}} lett összeszedve a(z) {{item}} cikkből, de csak {{ordered}} volt rendelve.',
  },
  'order.substitution_not_agreed': {
    en: 'The customer has not agreed to substitutes; {{item}} cannot be replaced.',
    lv: 'Klients nav piekritis aizstājējiem; preci {{item}} nevar aizstāt.',
    ru: 'Покупатель не согласился на замены; товар {{item}} заменить нельзя.',
    cs: 'Zákazník nesouhlasil s náhradami; zboží {{item}} nelze nahradit.',
    hu: 'A vevő nem járult hozzá a helyettesítéshez; a(z) {{item}} nem cserélhető.',
  },
  'order.substitute_same_item': {
    en: 'Item {{item}} cannot substitute for itself.',
    lv: 'Prece {{item}} nevar aizstāt pati sevi.',
    ru: 'Товар {{item}} не может заменять сам себя.',
    cs: 'Zboží {{item}} nemůže nahradit samo sebe.',
    hu: 'A(z) {{item}} cikk nem helyettesítheti önmagát.',
  },
  'order.not_picking': {
    en: 'Order {{id}} is {{status}}; goods are picked only while it is reserved or picking.',
    lv: 'Pasūtījums {{id}} ir {{status}}; preces salasa tikai, kamēr tas ir rezervēts vai tiek salasīts.',
    ru: 'Заказ {{id}} в статусе {{status}}; собирать можно только зарезервированный или собираемый заказ.',
    cs: 'Objednávka {{id}} je {{status}}; vychystávat lze jen rezervovanou nebo vychystávanou objednávku.',
    hu: 'A(z) {{id}} rendelés állapota {{status}}; csak foglalt vagy összeszedés alatti rendelés szedhető.',
  },
  'order.pick_incomplete': {
    en: 'Item {{item}} has not been picked yet (send its quantity, 0 if none was found).',
    lv: 'Prece {{item}} vēl nav salasīta (norādiet daudzumu, 0, ja tās nav).',
    ru: 'Товар {{item}} ещё не собран (укажите количество, 0 если его нет).',
    cs: 'Zboží {{item}} ještě není vychystáno (pošlete množství, 0 pokud chybí).',
    hu: 'A(z) {{item}} cikk még nincs összeszedve (adja meg a mennyiséget, 0-t, ha nincs).',
  },
  'order.concurrent_change': {
    en: 'Order {{id}} was changed at the same time by someone else; reload it and try again.',
    lv: 'Pasūtījumu {{id}} vienlaikus mainīja kāds cits; ielādējiet to no jauna un mēģiniet vēlreiz.',
    ru: 'Заказ {{id}} одновременно изменил кто-то другой; обновите его и повторите.',
    cs: 'Objednávku {{id}} současně změnil někdo jiný; načtěte ji znovu a zkuste to znovu.',
    hu: 'A(z) {{id}} rendelést egyidejűleg más módosította; töltse be újra, és próbálja ismét.',
  },
  'warehouse.unknown': {
    en: 'Warehouse {{warehouse}} does not exist.',
    lv: 'Noliktava {{warehouse}} neeksistē.',
    ru: 'Склада {{warehouse}} не существует.',
    cs: 'Sklad {{warehouse}} neexistuje.',
    hu: 'A(z) {{warehouse}} raktár nem létezik.',
  },
  'price.missing': {
    en: 'Item {{item}} has no price and cannot be sold online.',
    lv: 'Precei {{item}} nav cenas, to nevar pārdot tiešsaistē.',
    ru: 'У товара {{item}} нет цены, его нельзя продать онлайн.',
    cs: 'Zboží {{item}} nemá cenu a nelze je prodat online.',
    hu: 'A(z) {{item}} cikknek nincs ára, online nem értékesíthető.',
  },
  'cursor.invalid': {
    en: 'The cursor {{cursor}} is not one this API returned.',
    lv: 'Kursors {{cursor}} nav šīs API atgriezts.',
    ru: 'Курсор {{cursor}} не был выдан этим API.',
    cs: 'Kurzor {{cursor}} nevrátilo toto API.',
    hu: 'A(z) {{cursor}} kurzort nem ez az API adta vissza.',
  },
  'webhook.url_invalid': {
    en: 'The webhook URL {{url}} is not a valid http(s) address.',
    lv: 'Webhook URL {{url}} nav derīga http(s) adrese.',
    ru: 'URL вебхука {{url}} не является корректным адресом http(s).',
    cs: 'URL webhooku {{url}} není platná adresa http(s).',
    hu: 'A(z) {{url}} webhook URL nem érvényes http(s) cím.',
  },
  'webhook.not_found': {
    en: 'Webhook {{id}} was not found.',
    lv: 'Webhook {{id}} nav atrasts.',
    ru: 'Вебхук {{id}} не найден.',
    cs: 'Webhook {{id}} nebyl nalezen.',
    hu: 'A(z) {{id}} webhook nem található.',
  },
  'api_key.scope_unknown': {
    en: 'Unknown scope {{scope}} (catalogue:read, stock:read, orders:write).',
    lv: 'Nezināmas tiesības {{scope}} (catalogue:read, stock:read, orders:write).',
    ru: 'Неизвестное право {{scope}} (catalogue:read, stock:read, orders:write).',
    cs: 'Neznámé oprávnění {{scope}} (catalogue:read, stock:read, orders:write).',
    hu: 'Ismeretlen jogosultság: {{scope}} (catalogue:read, stock:read, orders:write).',
  },
  'api_key.scopes_empty': {
    en: 'An API key needs at least one scope.',
    lv: 'API atslēgai vajag vismaz vienas tiesības.',
    ru: 'API-ключу нужно хотя бы одно право.',
    cs: 'Klíč API potřebuje alespoň jedno oprávnění.',
    hu: 'Az API-kulcsnak legalább egy jogosultság kell.',
  },
  'api_key.name_required': {
    en: "Give the API key a name (e.g. the shop's site).",
    lv: 'Norādiet API atslēgas nosaukumu (piem., veikala vietni).',
    ru: 'Укажите имя API-ключа (например, сайт магазина).',
    cs: 'Pojmenujte klíč API (např. web obchodu).',
    hu: 'Adjon nevet az API-kulcsnak (pl. a webáruház neve).',
  },
  'api_key.not_found': {
    en: 'API key {{id}} was not found.',
    lv: 'API atslēga {{id}} nav atrasta.',
    ru: 'API-ключ {{id}} не найден.',
    cs: 'Klíč API {{id}} nebyl nalezen.',
    hu: 'A(z) {{id}} API-kulcs nem található.',
  },
};

const LOCALES: readonly ShopLocale[] = ['en', 'lv', 'ru', 'cs', 'hu'];

/** For the few answers the API writes itself (the 429): the caller's language from Accept-Language. */
export function translateShopError(
  code: string,
  params: Record<string, unknown>,
  acceptLanguage: string | undefined,
): string {
  const tag = (acceptLanguage ?? '')
    .split(',')
    .map((p) => p.split(';')[0]?.trim().slice(0, 2).toLowerCase())
    .find((t): t is ShopLocale => (LOCALES as readonly string[]).includes(t ?? ''));
  const text = SHOP_MESSAGES[code]?.[tag ?? 'en'] ?? code;
  return text.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(params[k] ?? ''));
}
