// documents.xml: goods movements as CommerceML Документ elements, one per posted document.
// The schema's ХозОперация list has no transfer, write-off or production, so those go as
// "Прочие" with the real kind in ЗначенияРеквизитов ("Вид документа").

import { DomainError } from '@kasa/domain';
import { CLOSE_ROOT, openRoot } from './envelope';
import { partyBody, type PartyInfo } from './owner';
import { baseUnitElement } from './import-file';
import { exchangeUnit } from './units';
import { decimalText, minorToAmount } from './amounts';
import { clip, el, type XmlFileWriter } from './xml-writer';
import type { CommerceMlSource, MovementDocument, MovementKind, MovementLine } from './types';

type Role = 'Продавец' | 'Покупатель';

/** How each of our movement kinds reads in CommerceML: operation, our role, the partner's role, 1C's document name. */
export const MOVEMENT_OPERATIONS: Record<MovementKind, { operation: string; ourRole: Role; partnerRole: Role; title: string }> = {
  receipt: { operation: 'Отпуск товара', ourRole: 'Покупатель', partnerRole: 'Продавец', title: 'Поступление товаров' },
  sale: { operation: 'Отпуск товара', ourRole: 'Продавец', partnerRole: 'Покупатель', title: 'Реализация товаров' },
  'customer-return': { operation: 'Возврат товара', ourRole: 'Продавец', partnerRole: 'Покупатель', title: 'Возврат товаров от покупателя' },
  'supplier-return': { operation: 'Возврат товара', ourRole: 'Покупатель', partnerRole: 'Продавец', title: 'Возврат товаров поставщику' },
  transfer: { operation: 'Прочие', ourRole: 'Продавец', partnerRole: 'Покупатель', title: 'Перемещение товаров' },
  'write-off': { operation: 'Прочие', ourRole: 'Продавец', partnerRole: 'Покупатель', title: 'Списание товаров' },
  production: { operation: 'Прочие', ourRole: 'Продавец', partnerRole: 'Покупатель', title: 'Сборка (производство) товаров' },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}$/;

function warehouse(id: string | undefined, name: string | undefined): string {
  if (!id) return '';
  return `<Склад>${el('Ид', clip(id, 40))}${el('Наименование', name === undefined ? undefined : clip(name, 255))}</Склад>`;
}

function party(p: PartyInfo, role: Role, store = ''): string {
  return `<Контрагент>${partyBody(p)}${el('Роль', role)}${store}</Контрагент>`;
}

function lineXml(line: MovementLine, doc: MovementDocument): string {
  const u = exchangeUnit(line.unit);
  const tax =
    line.vatRate !== undefined && line.vatMinor !== undefined
      ? '<Налоги><Налог>' +
        el('Наименование', 'НДС') +
        el('УчтеноВСумме', String(doc.taxIncluded)) +
        el('Сумма', minorToAmount(line.vatMinor)) +
        el('Ставка', decimalText(line.vatRate, 'vatRate')) +
        '</Налог></Налоги>'
      : '';
  return (
    '<Товар>' +
    el('Ид', clip(line.itemId, 80)) +
    el('Артикул', line.itemCode === undefined ? undefined : clip(line.itemCode, 255)) +
    el('Наименование', clip(line.itemName, 255)) +
    baseUnitElement(line.unit) +
    el('ЦенаЗаЕдиницу', minorToAmount(line.unitPriceMinor)) +
    el('Количество', decimalText(line.quantity, 'quantity')) +
    el('Сумма', minorToAmount(line.sumMinor)) +
    el('Единица', u.code) +
    el('Коэффициент', '1') +
    tax +
    '</Товар>'
  );
}

export function documentXml(doc: MovementDocument, company: PartyInfo): string {
  const op = MOVEMENT_OPERATIONS[doc.kind];
  if (!op) throw new DomainError('commerceml.movement_kind_unknown', { kind: doc.kind, document: doc.id }, 400);
  if (!DATE.test(doc.date)) throw new DomainError('commerceml.date_invalid', { document: doc.id, date: doc.date }, 400);
  if (doc.time !== undefined && !TIME.test(doc.time)) throw new DomainError('commerceml.time_invalid', { document: doc.id, time: doc.time }, 400);
  if (Array.from(doc.id).length > 40) throw new DomainError('commerceml.id_invalid', { what: 'document', id: doc.id, max: 40 }, 400);

  const ourStore = warehouse(doc.warehouseId, doc.warehouseName);
  const parties =
    party(company, op.ourRole, ourStore) +
    (doc.partner
      ? party(doc.partner, op.partnerRole)
      : doc.kind === 'transfer'
        ? party(company, op.partnerRole, warehouse(doc.toWarehouseId, doc.toWarehouseName))
        : '');

  let vatMinor = 0;
  let hasVat = false;
  for (const l of doc.lines) {
    if (l.vatMinor !== undefined) {
      vatMinor += l.vatMinor;
      hasVat = true;
    }
  }
  const docTax = hasVat
    ? `<Налоги><Налог>${el('Наименование', 'НДС')}${el('УчтеноВСумме', String(doc.taxIncluded))}${el('Сумма', minorToAmount(vatMinor))}</Налог></Налоги>`
    : '';
  const stores = ourStore + (doc.kind === 'transfer' ? warehouse(doc.toWarehouseId, doc.toWarehouseName) : '');

  return (
    '<Документ>' +
    el('Ид', doc.id) +
    el('Номер', clip(doc.number, 255)) +
    el('Дата', doc.date) +
    el('ХозОперация', op.operation) +
    el('Роль', op.ourRole) +
    el('Валюта', doc.currency) +
    el('Курс', decimalText(doc.rate ?? '1', 'rate')) +
    el('Сумма', minorToAmount(doc.totalMinor)) +
    `<Контрагенты>${parties}</Контрагенты>` +
    el('Время', doc.time) +
    el('Комментарий', doc.comment === undefined ? undefined : clip(doc.comment, 3000)) +
    docTax +
    (stores ? `<Склады>${stores}</Склады>` : '') +
    (doc.lines.length ? `<Товары>${doc.lines.map((l) => lineXml(l, doc)).join('')}</Товары>` : '') +
    '<ЗначенияРеквизитов>' +
    `<ЗначениеРеквизита>${el('Наименование', 'Вид документа')}${el('Значение', op.title)}</ЗначениеРеквизита>` +
    `<ЗначениеРеквизита>${el('Наименование', 'Kasa вид движения')}${el('Значение', doc.kind)}</ЗначениеРеквизита>` +
    '</ЗначенияРеквизитов>' +
    '</Документ>\n'
  );
}

export async function writeDocumentsFile(
  source: CommerceMlSource,
  out: XmlFileWriter,
  generatedAt: string,
  range: { from: string; to: string },
): Promise<{ documents: number }> {
  await out.write(openRoot(generatedAt));
  let documents = 0;
  for await (const doc of source.movements(range.from, range.to)) {
    documents++;
    const pending = out.write(documentXml(doc, source.company));
    if (pending) await pending;
  }
  await out.write(CLOSE_ROOT);
  return { documents };
}
