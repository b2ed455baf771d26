// import.xml: the classifier (groups tree) and the catalogue of goods, streamed item by item.

import { DomainError } from '@kasa/domain';
import { CLOSE_ROOT, catalogueId, classifierId, openRoot } from './envelope';
import { partyBody } from './owner';
import { exchangeUnit } from './units';
import { clip, el, escapeAttr, escapeText, type XmlFileWriter } from './xml-writer';
import { decimalText } from './amounts';
import type { CatalogueItem, CommerceMlSource, ItemGroup } from './types';

const BARCODE = /^\d{8,14}$/;

export function baseUnitElement(unit: string): string {
  const u = exchangeUnit(unit);
  return (
    `<БазоваяЕдиница Код="${u.code}" НаименованиеПолное="${escapeAttr(u.fullName)}" ` +
    `МеждународноеСокращение="${u.international}">${escapeText(u.shortName)}</БазоваяЕдиница>`
  );
}

function checkId(id: string, max: number, what: string): string {
  if (!id || Array.from(id).length > max) throw new DomainError('commerceml.id_invalid', { what, id, max }, 400);
  return id;
}

function groupXml(g: ItemGroup, children: Map<string | undefined, ItemGroup[]>, depth: number): string {
  if (depth > 64) throw new DomainError('commerceml.group_cycle', { group: g.id }, 400);
  const kids = children.get(g.id) ?? [];
  return (
    '<Группа>' +
    el('Ид', checkId(g.id, 40, 'group')) +
    el('Наименование', clip(g.name, 3000)) +
    (kids.length ? '<Группы>' + kids.map((k) => groupXml(k, children, depth + 1)).join('') + '</Группы>' : '') +
    '</Группа>'
  );
}

export function itemXml(item: CatalogueItem): string {
  const barcode = item.barcode?.trim();
  return (
    '<Товар>' +
    el('Ид', checkId(item.id, 80, 'item')) +
    (barcode && BARCODE.test(barcode) ? el('Штрихкод', barcode) : '') +
    el('Артикул', clip(item.code, 255)) +
    el('Наименование', clip(item.name, 255)) +
    baseUnitElement(item.unit) +
    (item.groupId ? `<Группы>${el('Ид', checkId(item.groupId, 40, 'group'))}</Группы>` : '') +
    el('Описание', item.description === undefined ? undefined : clip(item.description, 3000)) +
    `<СтавкиНалогов><СтавкаНалога>${el('Наименование', 'НДС')}${el('Ставка', decimalText(item.vatRate, 'vatRate'))}</СтавкаНалога></СтавкиНалогов>` +
    '<ЗначенияРеквизитов>' +
    `<ЗначениеРеквизита>${el('Наименование', 'ВидНоменклатуры')}${el('Значение', 'Товар')}</ЗначениеРеквизита>` +
    `<ЗначениеРеквизита>${el('Наименование', 'ТипНоменклатуры')}${el('Значение', 'Товар')}</ЗначениеРеквизита>` +
    `<ЗначениеРеквизита>${el('Наименование', 'Полное наименование')}${el('Значение', clip(item.name, 1000))}</ЗначениеРеквизита>` +
    '</ЗначенияРеквизитов>' +
    '</Товар>\n'
  );
}

export async function writeImportFile(
  source: CommerceMlSource,
  out: XmlFileWriter,
  generatedAt: string,
): Promise<{ groups: number; items: number }> {
  const company = source.company;
  const owner = `<Владелец>${partyBody(company)}</Владелец>`;
  await out.write(openRoot(generatedAt));

  // Groups are few (hundreds), so the tree is assembled in memory; items are streamed.
  const children = new Map<string | undefined, ItemGroup[]>();
  const known = new Set<string>();
  let groups = 0;
  for await (const g of source.groups()) {
    known.add(g.id);
    groups++;
    const list = children.get(g.parentId) ?? [];
    list.push(g);
    children.set(g.parentId, list);
  }
  // A group whose parent is missing is shown at the top rather than lost.
  const roots: ItemGroup[] = [];
  for (const [parent, list] of children) if (parent === undefined || !known.has(parent)) roots.push(...list);

  await out.write(
    '<Классификатор>' +
      el('Ид', classifierId(company)) +
      el('Наименование', clip(`Классификатор (${company.name})`, 255)) +
      owner +
      (roots.length ? '<Группы>' + roots.map((g) => groupXml(g, children, 0)).join('') + '</Группы>' : '') +
      '</Классификатор>\n',
  );

  // Каталог needs at least one Товар; an empty catalogue leaves it out (the schema allows that).
  const catalogueHead =
    '<Каталог СодержитТолькоИзменения="false">' +
    el('Ид', catalogueId(company)) +
    el('ИдКлассификатора', classifierId(company)) +
    el('Наименование', clip(`Каталог товаров (${company.name})`, 255)) +
    owner +
    '<Товары>\n';
  let items = 0;
  for await (const item of source.items()) {
    const chunk = (items === 0 ? catalogueHead : '') + itemXml(item);
    items++;
    const pending = out.write(chunk);
    if (pending) await pending;
  }
  if (items > 0) await out.write('</Товары></Каталог>\n');
  await out.write(CLOSE_ROOT);
  return { groups, items };
}
