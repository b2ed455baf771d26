// The demo shop's exchange with the accountant's 1C: every good in import.xml, a price for each good we sell in
// offers.xml, the year's documents — all valid against the CommerceML 2.10 schema, on SQLite and PostgreSQL.
// Its 597 goods span two pages of the source's keyset paging (500 rows a page).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TEST_DATABASE_KINDS, testDatabase } from '@kasa/db/testing';
import { commerceMlSourceFromDb, exportCommerceMl } from '@kasa/integrations';
import { createDemo } from './seed';

const run = promisify(execFile);
const XSD = fileURLToPath(new URL('../../../integrations/schemas/commerceml-2.10.xsd', import.meta.url));

for (const kind of TEST_DATABASE_KINDS) {
  test(`the demo shop on ${kind} exports schema-valid CommerceML`, { timeout: 120_000 }, async () => {
    const db = await testDatabase(kind);
    const dir = await mkdtemp(join(tmpdir(), 'kasa-demo-cml-'));
    try {
      const demo = await createDemo(db);
      const result = await exportCommerceMl(await commerceMlSourceFromDb(db), dir, { from: '2026-01-01', to: '2026-12-31' });
      assert.equal(result.counts.items, demo.items.length);
      assert.equal(result.counts.offers + result.counts.offersWithoutPrice, demo.items.length);
      // 21 receivings + 3 June deliveries, 10 monthly takings + 1 wholesale sale, 1 transfer, 1 write-off (the second transfer is in transit)
      assert.ok(result.counts.documents >= 30, `${result.counts.documents} documents`);

      const catalogue = await readFile(join(dir, 'import.xml'), 'utf8');
      const goods = catalogue.match(/<Товар><Ид>item-\d+<\/Ид>(<Штрихкод>\d{13}<\/Штрихкод>)?<Артикул>[^<]+<\/Артикул><Наименование>[^<]+<\/Наименование>/g) ?? [];
      assert.equal(goods.length, demo.items.length);
      assert.ok(catalogue.includes('<Наименование>Rupjmaize "Lāči"</Наименование>'));

      const offers = await readFile(join(dir, 'offers.xml'), 'utf8');
      const priced = (offers.match(/<Предложение>/g) ?? []).length;
      assert.ok(priced >= demo.items.length * 0.9, `${priced} of ${demo.items.length} goods have a price`);
      assert.ok((offers.match(/<ЦенаЗаЕдиницу>\d+\.\d{2}<\/ЦенаЗаЕдиницу>/g) ?? []).length >= priced);

      for (const f of result.files) {
        try {
          await run('xmllint', ['--noout', '--schema', XSD, f]);
        } catch (e) {
          assert.fail(`${f} does not validate: ${((e as { stderr?: string }).stderr ?? String(e)).slice(0, 2000)}`);
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
      await db.drop();
    }
  });
}
