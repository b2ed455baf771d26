// offers.xml: price types and, per item, its prices and stock (ПакетПредложений), streamed.

import { CLOSE_ROOT, catalogueId, classifierId, offersPackageId, openRoot } from './envelope';
import { partyBody } from './owner';
import { baseUnitElement } from './import-file';
import { exchangeUnit } from './units';
import { decimalText, minorToAmount } from './amounts';
import { clip, el, type XmlFileWriter } from './xml-writer';
import type { CatalogueOffer, CommerceMlSource, PriceType } from './types';

function priceTypeXml(t: PriceType): string {
  return (
    '<ТипЦены>' +
    el('Ид', clip(t.id, 40)) +
    el('Наименование', clip(t.name, 255)) +
    el('Валюта', t.currency) +
    `<Налог>${el('Наименование', 'НДС')}${el('УчтеноВСумме', String(t.taxIncluded))}</Налог>` +
    '</ТипЦены>'
  );
}

export function offerXml(offer: CatalogueOffer, unit: string): string {
  const u = exchangeUnit(unit);
  const prices = offer.prices
    .map((p) => {
      const amount = minorToAmount(p.unitPriceMinor);
      return (
        '<Цена>' +
        el('Представление', clip(`${amount} ${p.currency} за ${u.shortName}`, 255)) +
        el('ИдТипаЦены', clip(p.priceTypeId, 40)) +
        el('ЦенаЗаЕдиницу', amount) +
        el('Валюта', p.currency) +
        el('Единица', u.code) +
        el('Коэффициент', '1') +
        '</Цена>'
      );
    })
    .join('');
  return (
    '<Предложение>' +
    el('Ид', clip(offer.itemId, 80)) +
    el('Наименование', clip(offer.name, 255)) +
    baseUnitElement(unit) +
    `<Цены>${prices}</Цены>` +
    (offer.stock !== undefined ? el('Количество', decimalText(offer.stock, 'stock')) : '') +
    '</Предложение>\n'
  );
}

export async function writeOffersFile(
  source: CommerceMlSource,
  out: XmlFileWriter,
  generatedAt: string,
): Promise<{ offers: number; skippedWithoutPrice: number }> {
  const company = source.company;
  await out.write(openRoot(generatedAt));
  const priceTypes = await source.priceTypes();
  // ПакетПредложений needs ТипыЦен and at least one Предложение, so it opens with the first priced offer.
  const head =
    '<ПакетПредложений СодержитТолькоИзменения="false">' +
    el('Ид', offersPackageId(company)) +
    el('Наименование', clip(`Пакет предложений (${company.name})`, 255)) +
    el('ИдКаталога', catalogueId(company)) +
    el('ИдКлассификатора', classifierId(company)) +
    `<Владелец>${partyBody(company)}</Владелец>` +
    `<ТипыЦен>${priceTypes.map(priceTypeXml).join('')}</ТипыЦен>\n` +
    '<Предложения>\n';
  let offers = 0;
  let skippedWithoutPrice = 0;
  for await (const offer of source.offers()) {
    // Цены needs at least one Цена, and ТипыЦен at least one ТипЦены.
    if (offer.prices.length === 0 || priceTypes.length === 0) {
      skippedWithoutPrice++;
      continue;
    }
    const chunk = (offers === 0 ? head : '') + offerXml(offer, offer.unit ?? 'pcs');
    offers++;
    const pending = out.write(chunk);
    if (pending) await pending;
  }
  if (offers > 0) await out.write('</Предложения></ПакетПредложений>\n');
  await out.write(CLOSE_ROOT);
  return { offers, skippedWithoutPrice };
}
