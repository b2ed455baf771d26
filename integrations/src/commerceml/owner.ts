// A Контрагент element (Владелец, document parties): the schema wants ОфициальноеНаименование,
// and ИНН only as 10–12 characters — longer EU VAT numbers go into Комментарий instead.

import { clip, el } from './xml-writer';

export interface PartyInfo {
  id: string;
  name: string;
  taxNumber?: string;
}

export function partyBody(party: PartyInfo): string {
  const name = clip(party.name, 255);
  const tax = party.taxNumber?.trim();
  const innFits = tax !== undefined && Array.from(tax).length >= 10 && Array.from(tax).length <= 12;
  return (
    el('Ид', clip(party.id, 40)) +
    el('Наименование', name) +
    el('ОфициальноеНаименование', name) +
    (innFits ? el('ИНН', tax) : '') +
    (tax && !innFits ? el('Комментарий', `VAT ${tax}`) : '')
  );
}
