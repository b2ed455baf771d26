// The demo shop a new user opens: goods with valid barcodes and prices, stock on the shelves from posted deliveries,
// staff who can log in with the rights their job needs; and a database that already has a company is left alone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidGtin } from '@kasa/domain';
import { TEST_DATABASE_KINDS, testDatabase } from '@kasa/db/testing';
import { loginWithPassword, loginWithPin } from '../auth/users';
import { createDemoIfEmpty, wholesaleMinor } from './seed';
import { latvianIban, validIban } from './people';

test('IBAN check digits and wholesale prices, worked by hand', () => {
  // The register's own example account: LV80 BANK 0000 4351 9500 1.
  assert.equal(latvianIban('BANK', '0000435195001'), 'LV80BANK0000435195001');
  assert.ok(validIban('LV80BANK0000435195001'));
  // 1.21 with 21 % VAT is 1.00 net; wholesale is 85 % of that.
  assert.equal(wholesaleMinor(121, '21'), 85);
  // 2.10 with 5 % VAT is 2.00 net → 1.70.
  assert.equal(wholesaleMinor(210, '5'), 170);
});

for (const kind of TEST_DATABASE_KINDS) {
  test(`demo shop on ${kind}: created once, goods, stock, staff`, { timeout: 120_000 }, async () => {
    const db = await testDatabase(kind);
    try {
      assert.equal(await createDemoIfEmpty(db), true);
      assert.equal(await createDemoIfEmpty(db), false, 'a second run leaves the company alone');
      const k = db.kysely;

      const companies = await k.selectFrom('companies').selectAll().execute();
      assert.equal(companies.length, 1);
      assert.equal(companies[0]!.name, 'Kasa Demo SIA');
      assert.equal(companies[0]!.currency, 'EUR');
      const whs = await k.selectFrom('warehouses').select(['code', 'is_transit', 'negative_stock']).orderBy('code').execute();
      assert.deepEqual(
        whs.map((w) => `${w.code}:${w.is_transit}:${w.negative_stock}`),
        ['BAKERY:0:forbid', 'BAKERY-TRANSIT:1:allow', 'STORE:0:forbid', 'STORE-TRANSIT:1:allow'],
      );

      const items = await k.selectFrom('items').select(['id', 'change_seq', 'weighted', 'unit', 'marked', 'produced']).orderBy('change_seq').execute();
      assert.ok(items.length >= 550, `${items.length} items`);
      assert.deepEqual(items.map((i) => Number(i.change_seq)), items.map((_, n) => n + 1), 'change_seq runs 1..n');
      assert.ok(items.filter((i) => i.weighted).every((i) => i.unit === 'kg'));
      assert.ok(items.some((i) => i.marked) && items.some((i) => i.produced));

      const barcodes = await k.selectFrom('barcodes').selectAll().execute();
      assert.ok(barcodes.every((b) => b.code.length === 13 && isValidGtin(b.code)), 'every barcode is an EAN-13 with its check digit');
      assert.ok(new Set(barcodes.map((b) => Number(b.item_id))).size === items.length, 'every good has a barcode');
      assert.ok(barcodes.some((b) => b.pack_quantity === '6'));

      const retail = await k
        .selectFrom('prices')
        .innerJoin('price_groups', 'price_groups.id', 'prices.price_group_id')
        .select(['prices.price_minor', 'prices.valid_from'])
        .where('price_groups.code', '=', 'RETAIL')
        .execute();
      assert.equal(retail.length, items.length);
      assert.ok(retail.every((p) => Number.isInteger(Number(p.price_minor)) && Number(p.price_minor) > 0 && p.valid_from === '2026-01-01'));

      const balances = await k.selectFrom('stock_balances').select(['quantity_milli', 'value_minor']).execute();
      assert.ok(balances.every((b) => Number(b.quantity_milli) >= 0), 'no negative stock');
      const stocked = balances.filter((b) => Number(b.quantity_milli) > 0 && Number(b.value_minor) > 0).length;
      assert.ok(stocked >= 500, `${stocked} goods in stock with a cost`);

      const docs = await k.selectFrom('documents').select(['type', 'status', 'date']).execute();
      const count = (type: string) => docs.filter((d) => d.type === type && d.status === 'posted').length;
      assert.ok(count('receiving') >= 10 && count('sale') >= 5 && count('transfer') >= 1 && count('write_off') >= 1);
      assert.ok(docs.every((d) => d.date.startsWith('2026-')));

      const partners = await k.selectFrom('partners').selectAll().execute();
      assert.ok(partners.some((p) => p.kind === 'supplier') && partners.some((p) => p.kind === 'customer'));
      assert.ok(partners.every((p) => p.bank_account !== null && validIban(p.bank_account)));

      const admin = await loginWithPassword(db, 'admin', 'admin');
      assert.deepEqual(admin.rights, ['*']);
      const anna = await loginWithPin(db, '1111');
      assert.equal(anna.group, 'cashier');
      assert.ok(anna.rights.includes('till.sell') && !anna.rights.includes('till.refund'));
      const janis = await loginWithPin(db, '2222');
      assert.ok(['till.refund', 'till.senior', 'till.discount:100', 'sale_return.post'].every((r) => janis.rights.includes(r)));
      const keeper = await loginWithPassword(db, 'storekeeper', 'storekeeper');
      assert.ok(keeper.rights.includes('terminal.use') && keeper.rights.includes('receiving.post') && !keeper.rights.includes('sale.post'));
      // The accountant runs the exchange with her 1C and books bank statements, but posts no stock documents.
      const accountant = await loginWithPassword(db, 'accountant', 'accountant');
      assert.ok(['exchange.*', 'bank.*'].every((r) => accountant.rights.includes(r)) && !accountant.rights.includes('receiving.post'));
    } finally {
      await db.drop();
    }
  });
}
