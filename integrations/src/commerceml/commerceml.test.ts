// A shop exports its catalogue, prices and goods movements for the accountant's 1C; all three
// files must pass the published CommerceML 2.10 schema, names with & < > " and diacritics intact.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DomainError } from '@kasa/domain';
import { exportCommerceMl } from './export';
import { minorToAmount } from './amounts';
import { escapeText } from './xml-writer';
import { syntheticCommerceMlSource } from './synthetic-source';
import type { CatalogueItem, CatalogueOffer, CommerceMlSource, MovementDocument, PriceType } from './types';

const run = promisify(execFile);
const XSD = fileURLToPath(new URL('../../schemas/commerceml-2.10.xsd', import.meta.url));

async function xmllintAvailable(): Promise<boolean> {
  try {
    await run('xmllint', ['--version']);
    return true;
  } catch {
    return false;
  }
}

async function validate(file: string): Promise<void> {
  try {
    await run('xmllint', ['--noout', '--schema', XSD, file]);
  } catch (e) {
    const err = e as { stderr?: string };
    assert.fail(`${file} does not validate:\n${(err.stderr ?? String(e)).slice(0, 3000)}`);
  }
}

const NAMES = [
  'Piens "Rīga" 2,5% & krējums',
  'Rupjmaize <Lāči>',
  'Žluťoučký kůň — pečivo',
  "Chléb 'Šumava' > 500 g",
  'Колбаса «Докторская» & сыр',
  'Сметана <20%>',
];

async function* list<T>(rows: T[]): AsyncIterable<T> {
  for (const r of rows) yield r;
}

function shopSource(itemCount: number): CommerceMlSource {
  const priceTypes: PriceType[] = [
    { id: 'retail', name: 'Mazumtirdzniecība', currency: 'EUR', taxIncluded: true },
    { id: 'wholesale', name: 'Vairumtirdzniecība', currency: 'EUR', taxIncluded: false },
  ];
  const item = (i: number): CatalogueItem => ({
    id: `item-${i}`,
    code: `A-${String(i).padStart(4, '0')}`,
    name: `${NAMES[i % NAMES.length]} #${i}`,
    unit: i % 3 === 0 ? 'kg' : 'pcs',
    barcode: i % 2 === 0 ? String(4750000000000 + i) : undefined,
    groupId: i % 4 === 0 ? 'g-dairy' : 'g-bread',
    vatRate: i % 5 === 0 ? '12' : '21',
    description: i === 1 ? 'Glabāt < +6 °C & sausā vietā' : undefined,
  });
  const offer = (i: number): CatalogueOffer => ({
    itemId: `item-${i}`,
    name: `${NAMES[i % NAMES.length]} #${i}`,
    unit: i % 3 === 0 ? 'kg' : 'pcs',
    prices: [
      { priceTypeId: 'retail', priceTypeName: 'Mazumtirdzniecība', currency: 'EUR', unitPriceMinor: 100 + i, taxIncluded: true },
      { priceTypeId: 'wholesale', priceTypeName: 'Vairumtirdzniecība', currency: 'EUR', unitPriceMinor: 80 + i, taxIncluded: false },
    ],
    stock: i % 3 === 0 ? '12.345' : String(i),
  });
  const movements: MovementDocument[] = [
    {
      id: 'doc-sale-1', kind: 'sale', number: 'RE-0001', date: '2026-11-02', time: '14:05:00', currency: 'EUR',
      partner: { id: 'p-1', name: 'SIA "Bērziņš & Co"', taxNumber: 'LV40003123456' }, warehouseId: 'wh-1', warehouseName: 'Veikals <Centrs>',
      taxIncluded: true, totalMinor: 1815,
      // 1.500 kg × 4.21 = 6.315 → 6.32, VAT 21% inside: 6.32 × 21/121 = 1.097 → 1.10
      // 7 pcs × 1.69 = 11.83, VAT inside: 11.83 × 21/121 = 2.053 → 2.05; total 6.32 + 11.83 = 18.15
      lines: [
        { itemId: 'item-3', itemCode: 'A-0003', itemName: 'Колбаса «Докторская» & сыр #3', unit: 'kg', quantity: '1.500', unitPriceMinor: 421, sumMinor: 632, vatRate: '21', vatMinor: 110 },
        { itemId: 'item-4', itemCode: 'A-0004', itemName: 'Rupjmaize <Lāči> #4', unit: 'pcs', quantity: '7', unitPriceMinor: 169, sumMinor: 1183, vatRate: '21', vatMinor: 205 },
      ],
    },
    {
      id: 'doc-rcpt-1', kind: 'receipt', number: 'PP-17', date: '2026-11-01', currency: 'CZK', rate: '0.04',
      partner: { id: 'p-2', name: 'Mlékárna Kunín a.s.', taxNumber: 'CZ12345678' }, taxIncluded: false, totalMinor: 250000,
      lines: [{ itemId: 'item-0', itemName: 'Piens #0', unit: 'kg', quantity: '100', unitPriceMinor: 2500, sumMinor: 250000, vatRate: '12', vatMinor: 30000 }],
    },
    {
      id: 'doc-ret-1', kind: 'customer-return', number: 'AT-1', date: '2026-11-03', currency: 'RUB',
      partner: { id: 'p-3', name: 'ООО "Ромашка"', taxNumber: '7701234567' }, taxIncluded: true, totalMinor: -500,
      lines: [{ itemId: 'item-5', itemName: 'Сметана <20%> #5', unit: 'pcs', quantity: '-1', unitPriceMinor: 500, sumMinor: -500, vatRate: '20', vatMinor: -83 }],
    },
    {
      id: 'doc-tr-1', kind: 'transfer', number: 'PR-5', date: '2026-11-04', currency: 'EUR', warehouseId: 'wh-1', warehouseName: 'Centrs',
      toWarehouseId: 'wh-2', toWarehouseName: 'Noliktava', taxIncluded: false, totalMinor: 0,
      lines: [{ itemId: 'item-6', itemName: 'Piens #6', unit: 'pcs', quantity: '10', unitPriceMinor: 0, sumMinor: 0 }],
    },
    {
      id: 'doc-wo-1', kind: 'write-off', number: 'NR-2', date: '2026-11-05', currency: 'EUR', warehouseId: 'wh-1', taxIncluded: false, totalMinor: 338,
      comment: 'Beidzies derīguma termiņš', lines: [{ itemId: 'item-4', itemName: 'Rupjmaize #4', unit: 'pcs', quantity: '2', unitPriceMinor: 169, sumMinor: 338 }],
    },
    {
      id: 'doc-pr-1', kind: 'production', number: 'RZ-1', date: '2026-11-06', currency: 'EUR', warehouseId: 'wh-1', taxIncluded: false, totalMinor: 0,
      lines: [
        { itemId: 'item-9', itemName: 'Cūkas puse #9', unit: 'kg', quantity: '-20.000', unitPriceMinor: 300, sumMinor: -6000 },
        { itemId: 'item-12', itemName: 'Karbonāde #12', unit: 'kg', quantity: '8.250', unitPriceMinor: 727, sumMinor: 6000 },
      ],
    },
  ];
  return {
    company: { id: 'c-1', name: 'SIA "Kasa & Veikals"', taxNumber: 'LV40003999999' },
    priceTypes: async () => priceTypes,
    groups: () => list([{ id: 'g-food', name: 'Pārtika' }, { id: 'g-dairy', name: 'Piena produkti & <siers>', parentId: 'g-food' }, { id: 'g-bread', name: 'Maize', parentId: 'g-food' }]),
    items: async function* () {
      for (let i = 0; i < itemCount; i++) yield item(i);
    },
    offers: async function* () {
      for (let i = 0; i < itemCount; i++) yield offer(i);
    },
    movements: (from, to) => list(movements.filter((m) => m.date >= from && m.date <= to)),
  };
}

test('amounts in minor units are written exactly', () => {
  assert.equal(minorToAmount(12345), '123.45');
  assert.equal(minorToAmount(5), '0.05');
  assert.equal(minorToAmount(-500), '-5.00');
  assert.equal(minorToAmount(0), '0.00');
  assert.equal(escapeText('A & B <c> "d"'), 'A &amp; B &lt;c&gt; "d"');
});

test('150 items, two price types and a week of movements export as schema-valid CommerceML', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kasa-cml-'));
  try {
    const result = await exportCommerceMl(shopSource(150), dir, { from: '2026-11-01', to: '2026-11-05', generatedAt: new Date(2026, 10, 23, 9, 30, 0) });
    assert.deepEqual(result.counts, { groups: 3, items: 150, offers: 150, offersWithoutPrice: 0, documents: 5 });
    assert.deepEqual(result.files.map((f) => f.slice(dir.length + 1)), ['import.xml', 'offers.xml', 'documents.xml']);

    const catalogue = await readFile(join(dir, 'import.xml'), 'utf8');
    assert.match(catalogue, /ВерсияСхемы="2.10" ДатаФормирования="2026-11-23T09:30:00"/);
    assert.ok(catalogue.includes('<Наименование>Piens "Rīga" 2,5% &amp; krējums #0</Наименование>'));
    assert.ok(catalogue.includes('<Наименование>Колбаса «Докторская» &amp; сыр #4</Наименование>'));
    assert.ok(catalogue.includes('<Штрихкод>4750000000002</Штрихкод>'));
    assert.ok(catalogue.includes('<БазоваяЕдиница Код="166" НаименованиеПолное="Килограмм" МеждународноеСокращение="KGM">кг</БазоваяЕдиница>'));
    // the Latvian VAT number (13 characters) does not fit ИНН, so it travels in the comment
    assert.ok(catalogue.includes('<Комментарий>VAT LV40003999999</Комментарий>'));

    const offers = await readFile(join(dir, 'offers.xml'), 'utf8');
    // item 7: retail 100 + 7 = 107 cents, wholesale 80 + 7 = 87 cents
    assert.ok(offers.includes('<Цена><Представление>1.07 EUR за шт</Представление><ИдТипаЦены>retail</ИдТипаЦены><ЦенаЗаЕдиницу>1.07</ЦенаЗаЕдиницу>'));
    assert.ok(offers.includes('<ИдТипаЦены>wholesale</ИдТипаЦены><ЦенаЗаЕдиницу>0.87</ЦенаЗаЕдиницу>'));
    assert.ok(offers.includes('<Количество>12.345</Количество>'));

    const docs = await readFile(join(dir, 'documents.xml'), 'utf8');
    assert.ok(docs.includes('<ХозОперация>Отпуск товара</ХозОперация><Роль>Продавец</Роль><Валюта>EUR</Валюта><Курс>1</Курс><Сумма>18.15</Сумма>'));
    // VAT of the sale: 1.10 + 2.05 = 3.15
    assert.ok(docs.includes('<Налоги><Налог><Наименование>НДС</Наименование><УчтеноВСумме>true</УчтеноВСумме><Сумма>3.15</Сумма></Налог></Налоги>'));
    assert.ok(docs.includes('<ХозОперация>Возврат товара</ХозОперация>'));
    assert.ok(docs.includes('<Значение>Перемещение товаров</Значение>'));
    assert.ok(!docs.includes('RZ-1'), 'the production on 6 November is outside the period');
    assert.ok(docs.includes('<ИНН>7701234567</ИНН>'));

    if (!existsSync(XSD)) {
      t.diagnostic(`schema file missing at ${XSD}: XSD validation skipped`);
      return;
    }
    if (!(await xmllintAvailable())) {
      t.diagnostic('xmllint missing (apt-get install libxml2-utils): XSD validation skipped');
      return;
    }
    for (const f of result.files) await validate(f);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an empty shop still writes schema-valid files', { timeout: 30_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kasa-cml-'));
  try {
    const source: CommerceMlSource = { ...shopSource(0), groups: () => list([]), priceTypes: async () => [] };
    const result = await exportCommerceMl(source, dir, { from: '2026-12-01', to: '2026-12-31' });
    assert.deepEqual(result.counts, { groups: 0, items: 0, offers: 0, offersWithoutPrice: 0, documents: 0 });
    if (!existsSync(XSD) || !(await xmllintAvailable())) {
      t.diagnostic('schema or xmllint missing: XSD validation skipped');
      return;
    }
    for (const f of result.files) await validate(f);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a movement with a broken date is refused with a clear code', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kasa-cml-'));
  try {
    const base = shopSource(1);
    const source: CommerceMlSource = {
      ...base,
      movements: () => list([{ id: 'd', kind: 'sale', number: '1', date: '02.11.2026', currency: 'EUR', taxIncluded: true, totalMinor: 0, lines: [] }]),
    };
    await assert.rejects(exportCommerceMl(source, dir, { from: '2026-11-01', to: '2026-11-30' }), (e: unknown) => e instanceof DomainError && e.code === 'commerceml.date_invalid');
    await assert.rejects(exportCommerceMl(base, dir, { from: '2026-11-30', to: '2026-11-01' }), (e: unknown) => e instanceof DomainError && e.code === 'commerceml.period_invalid');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a generated shop of 3000 items and 50 documents exports schema-valid files', { timeout: 60_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'kasa-cml-'));
  try {
    const result = await exportCommerceMl(syntheticCommerceMlSource(3000, 50), dir, { from: '2026-11-01', to: '2026-11-30' });
    assert.deepEqual(result.counts, { groups: 21, items: 3000, offers: 3000, offersWithoutPrice: 0, documents: 50 });
    if (!existsSync(XSD) || !(await xmllintAvailable())) {
      t.diagnostic('schema or xmllint missing: XSD validation skipped');
      return;
    }
    for (const f of result.files) await validate(f);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
