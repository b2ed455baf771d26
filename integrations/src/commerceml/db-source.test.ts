// The accountant's 1C gets what the shop really holds: the catalogue with each good's own barcode, the price in
// force on the export day (not next month's), stock on our shelves (not in transit) and the posted documents with
// VAT as booked — read from the database on SQLite and PostgreSQL.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { withCheckDigit } from '@kasa/domain';
import { createAndPost, createDocument, createItem, createMinimalCompany, postDocument, stornoDocument, SYSTEM_ACTOR } from '@kasa/db';
import { TEST_DATABASE_KINDS, testDatabase } from '@kasa/db/testing';
import { exportCommerceMl } from './export';
import { commerceMlSourceFromDb } from './db-source';

const run = promisify(execFile);
const XSD = fileURLToPath(new URL('../../schemas/commerceml-2.10.xsd', import.meta.url));

async function xmllint(file: string): Promise<string | null> {
  try {
    await run('xmllint', ['--noout', '--schema', XSD, file]);
    return null;
  } catch (e) {
    return (e as { stderr?: string }).stderr ?? String(e);
  }
}

for (const kind of TEST_DATABASE_KINDS) {
  test(`a small shop on ${kind} exports its catalogue, current prices, shelf stock and booked documents`, { timeout: 120_000 }, async (t) => {
    const db = await testDatabase(kind);
    const dir = await mkdtemp(join(tmpdir(), 'kasa-cml-db-'));
    try {
      const co = await createMinimalCompany(db, { name: 'Veikals & Co SIA' });
      const k = db.kysely;
      await k.updateTable('companies').set({ tax_number: 'LV40003999999' }).execute();
      const milk = await createItem(db, co.vat.standard!, { code: 'MILK', name: 'Piens "Rīga" 2,5%' });
      const apples = await createItem(db, co.vat['super-reduced']!, { code: 'APPLE', name: 'Āboli', unit: 'kg', weighted: true });
      const dairy = await k.insertInto('item_groups').values({ code: 'DAIRY', name: 'Piena produkti', parent_id: null }).returning('id').executeTakeFirstOrThrow();
      await k.updateTable('items').set({ group_id: dairy.id }).where('id', '=', milk).execute();
      const milkCode = withCheckDigit('475000000001');
      // The six-pack's code sorts first but is not the good's own barcode.
      await k.insertInto('barcodes').values([
        { code: withCheckDigit('100000000001'), item_id: milk, pack_quantity: '6' },
        { code: milkCode, item_id: milk, pack_quantity: '1' },
      ]).execute();

      const retail = await k.insertInto('price_groups').values({ code: 'RETAIL', name: 'Mazumtirdzniecība', currency: 'EUR', tax_included: 1, is_default: 1 }).returning('id').executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      await k.insertInto('prices').values([
        { price_group_id: retail.id, item_id: milk, price_minor: 115, valid_from: '2026-01-01', created_at: now },
        { price_group_id: retail.id, item_id: milk, price_minor: 121, valid_from: '2026-06-01', created_at: now },
        // next month's price is not offered yet
        { price_group_id: retail.id, item_id: milk, price_minor: 133, valid_from: '2026-12-01', created_at: now },
        { price_group_id: retail.id, item_id: apples, price_minor: 210, valid_from: '2026-01-01', created_at: now },
      ]).execute();
      const supplier = await k.insertInto('partners').values({ code: 'S1', name: 'SIA "Dārzs"', tax_number: 'LV40003012345', bank_account: null, kind: 'supplier', price_group_id: null }).returning('id').executeTakeFirstOrThrow();

      const [w1, w2] = [co.warehouses.W1!, co.warehouses.W2!];
      // Receiving without VAT: milk 10 × 0.50 = 5.00 + 21 % 1.05; apples 12.5 kg × 1.00 = 12.50 + 5 % 0.625 → 0.63.
      // Total 5.00 + 1.05 + 12.50 + 0.63 = 19.18, VAT 1.68.
      await createAndPost(db, SYSTEM_ACTOR, {
        type: 'receiving', date: '2026-11-02', warehouseId: w1, partnerId: Number(supplier.id),
        lines: [{ itemId: milk, quantity: '10', priceMinor: 50 }, { itemId: apples, quantity: '12.500', priceMinor: 100 }],
      });
      // Sale with VAT inside: milk 2 × 1.21 = 2.42 (VAT 2.42 × 21/121 = 0.42), apples 1.5 kg × 2.10 = 3.15 (VAT 3.15 × 5/105 = 0.15).
      await createAndPost(db, SYSTEM_ACTOR, {
        type: 'sale', date: '2026-11-03', warehouseId: w1,
        lines: [{ itemId: milk, quantity: '2', priceMinor: 121 }, { itemId: apples, quantity: '1.500', priceMinor: 210 }],
      });
      // 3 milk sent to the second shop are still on the road: not on anyone's shelf.
      const transfer = await createDocument(db, SYSTEM_ACTOR, { type: 'transfer', date: '2026-11-04', warehouseId: w1, toWarehouseId: w2, lines: [{ itemId: milk, quantity: '3' }] });
      await postDocument(db, SYSTEM_ACTOR, transfer.id, 'dispatch');
      // A mistaken sale and its storno: both go to 1C, they cancel out there.
      const wrong = await createAndPost(db, SYSTEM_ACTOR, { type: 'sale', date: '2026-11-05', warehouseId: w1, lines: [{ itemId: apples, quantity: '1', priceMinor: 210 }] });
      await stornoDocument(db, SYSTEM_ACTOR, wrong.document.id, '2026-11-05');
      // Outside the period.
      await createAndPost(db, SYSTEM_ACTOR, { type: 'sale', date: '2026-12-01', warehouseId: w1, lines: [{ itemId: milk, quantity: '1', priceMinor: 133 }] });

      const source = await commerceMlSourceFromDb(db, { asOf: '2026-11-23' });
      const result = await exportCommerceMl(source, dir, { from: '2026-11-01', to: '2026-11-30', generatedAt: new Date(2026, 10, 23, 10, 0, 0) });
      // receiving, sale, wrong sale, its storno; the transfer in transit is not booked yet
      assert.deepEqual(result.counts, { groups: 1, items: 2, offers: 2, offersWithoutPrice: 0, documents: 4 });

      const catalogue = await readFile(join(dir, 'import.xml'), 'utf8');
      assert.ok(catalogue.includes(`<Товар><Ид>item-${milk}</Ид><Штрихкод>${milkCode}</Штрихкод><Артикул>MILK</Артикул><Наименование>Piens "Rīga" 2,5%</Наименование>`));
      assert.ok(catalogue.includes(`<Группы><Ид>group-${Number(dairy.id)}</Ид></Группы>`));
      assert.ok(catalogue.includes('<Наименование>Veikals &amp; Co SIA</Наименование>'));

      const offers = await readFile(join(dir, 'offers.xml'), 'utf8');
      const milkOffer = offers.split('<Предложение>').find((o) => o.startsWith(`<Ид>item-${milk}<`))!;
      assert.ok(milkOffer.includes('<ИдТипаЦены>price-RETAIL</ИдТипаЦены><ЦенаЗаЕдиницу>1.21</ЦенаЗаЕдиницу>'), milkOffer);
      // stock is today's balance: 10 received − 2 sold − 3 in transit − 1 sold in December = 4
      assert.ok(milkOffer.includes('<Количество>4</Количество>'), milkOffer);
      const appleOffer = offers.split('<Предложение>').find((o) => o.startsWith(`<Ид>item-${apples}<`))!;
      // 12.5 − 1.5 − 1 + 1 (storno) = 11
      assert.ok(appleOffer.includes('<ЦенаЗаЕдиницу>2.10</ЦенаЗаЕдиницу>') && appleOffer.includes('<Количество>11</Количество>'), appleOffer);

      const docs = await readFile(join(dir, 'documents.xml'), 'utf8');
      assert.ok(docs.includes('<Роль>Покупатель</Роль><Валюта>EUR</Валюта><Курс>1</Курс><Сумма>19.18</Сумма>'));
      assert.ok(docs.includes('<УчтеноВСумме>false</УчтеноВСумме><Сумма>1.68</Сумма></Налог></Налоги>'));
      assert.ok(docs.includes('<ИНН>LV40003012345</ИНН>') || docs.includes('<Комментарий>VAT LV40003012345</Комментарий>'));
      // the sale: 2.42 + 3.15 = 5.57, VAT 0.42 + 0.15 = 0.57
      assert.ok(docs.includes('<Роль>Продавец</Роль><Валюта>EUR</Валюта><Курс>1</Курс><Сумма>5.57</Сумма>'));
      assert.ok(docs.includes('<УчтеноВСумме>true</УчтеноВСумме><Сумма>0.57</Сумма></Налог></Налоги>'));
      // the storno carries the goods back: −1 kg, −2.10
      assert.ok(docs.includes('<Количество>-1</Количество><Сумма>-2.10</Сумма>'));
      assert.ok(!docs.includes('2026-12-01'));

      if (!existsSync(XSD)) return t.diagnostic('schema missing: XSD validation skipped');
      for (const f of result.files) {
        const err = await xmllint(f);
        assert.equal(err, null, `${f}: ${err?.slice(0, 2000)}`);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
}
