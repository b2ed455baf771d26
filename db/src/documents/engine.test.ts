// The document engine on both databases: balances and average costs after a chain of documents, worked by hand.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DATABASE_KINDS, testDatabase } from '../testing';
import { createItem, createMinimalCompany, type MinimalCompany } from '../fixtures/minimal-company';
import {
  annulDocument,
  createAndPost,
  createDocument,
  postDocument,
  stornoDocument,
  SYSTEM_ACTOR,
  getDocument,
} from './engine';
import { openDatabase, type Db } from '../connection';

async function balance(db: Db, itemId: number, warehouseId: number) {
  const b = await db.kysely
    .selectFrom('stock_balances')
    .select(['quantity_milli', 'value_minor'])
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .executeTakeFirst();
  return b ? [Number(b.quantity_milli) / 1000, Number(b.value_minor)] : [0, 0];
}

for (const kind of TEST_DATABASE_KINDS) {
  describe(`document engine on ${kind}`, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let co: MinimalCompany;
    let milk: number;
    let flour: number;

    before(async () => {
      db = await testDatabase(kind);
      co = await createMinimalCompany(db);
      milk = await createItem(db, co.vat.reduced!, { code: 'MILK', name: 'Piens 2 %' });
      flour = await createItem(db, co.vat.standard!, { code: 'FLOUR', name: 'Milti', unit: 'kg' });
    });
    after(async () => db.drop());

    test('receiving, sale, storno and transfer through transit keep balances and average cost', async () => {
      const W1 = co.warehouses.W1!;
      const W2 = co.warehouses.W2!;
      // receive 10 milk at 1.00 net and 5 at 1.30 net → 15 pcs / 16.50
      const r1 = await createDocument(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-02', warehouseId: W1, lines: [{ itemId: milk, quantity: '10', priceMinor: 100 }] });
      assert.equal(r1.status, 'draft');
      assert.equal(r1.number, 'REC-2026-000001');
      // 10 × 1.00 net + 12 % VAT = 11.20 gross total
      assert.equal(r1.totalMinor, 1120);
      await postDocument(db, SYSTEM_ACTOR, r1.id);
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-03', warehouseId: W1, lines: [{ itemId: milk, quantity: '5', priceMinor: 130 }] });
      assert.deepEqual(await balance(db, milk, W1), [15, 1650]);

      // sell 4 → cost 16.50·4/15 = 4.40 → 11 / 12.10
      const sale = await createAndPost(db, SYSTEM_ACTOR, { type: 'sale', date: '2026-11-04', warehouseId: W1, lines: [{ itemId: milk, quantity: '4', priceMinor: 159 }] });
      assert.deepEqual(await balance(db, milk, W1), [11, 1210]);

      // a posted document cannot be posted again; storno takes the sale back exactly → 15 / 16.50
      await assert.rejects(postDocument(db, SYSTEM_ACTOR, sale.document.id), /document.status_forbids/);
      const reversal = await stornoDocument(db, SYSTEM_ACTOR, sale.document.id, '2026-11-05');
      assert.equal(reversal.reversesId, sale.document.id);
      assert.equal(reversal.number, 'SAL-2026-000002');
      assert.equal((await getDocument(db, sale.document.id)).status, 'storno');
      assert.deepEqual(await balance(db, milk, W1), [15, 1650]);

      // transfer 5 to the bakery in two steps: dispatched → in transit (5 / 5.50) → received
      const t = await createDocument(db, SYSTEM_ACTOR, { type: 'transfer', date: '2026-11-06', warehouseId: W1, toWarehouseId: W2, lines: [{ itemId: milk, quantity: '5' }] });
      const dispatched = await postDocument(db, SYSTEM_ACTOR, t.id, 'dispatch');
      assert.equal(dispatched.status, 'in_transit');
      assert.deepEqual(await balance(db, milk, W1), [10, 1100]);
      assert.deepEqual(await balance(db, milk, co.warehouses['W1-TRANSIT']!), [5, 550]);
      const received = await postDocument(db, SYSTEM_ACTOR, t.id);
      assert.equal(received.status, 'posted');
      assert.deepEqual(await balance(db, milk, co.warehouses['W1-TRANSIT']!), [0, 0]);
      assert.deepEqual(await balance(db, milk, W2), [5, 550]);
    });

    test('negative stock is refused where the warehouse forbids it, and nothing is half-posted', async () => {
      const W1 = co.warehouses.W1!;
      const before = await db.kysely.selectFrom('stock_movements').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      await assert.rejects(
        createAndPost(db, SYSTEM_ACTOR, { type: 'write_off', date: '2026-11-07', warehouseId: W1, reason: 'spoilage', lines: [{ itemId: milk, quantity: '1' }, { itemId: flour, quantity: '2.5' }] }),
        /stock.negative/,
      );
      const afterCount = await db.kysely.selectFrom('stock_movements').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
      assert.deepEqual(await balance(db, milk, W1), [10, 1100]);
    });

    test('the lock date forbids posting and reversing on or before it; annul keeps the number', async () => {
      const W1 = co.warehouses.W1!;
      const old = await createDocument(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-10-15', warehouseId: W1, lines: [{ itemId: flour, quantity: '1', priceMinor: 80 }] });
      await db.kysely.updateTable('companies').set({ lock_date: '2026-10-31' }).execute();
      await assert.rejects(postDocument(db, SYSTEM_ACTOR, old.id), /period.locked/);
      const annulled = await annulDocument(db, SYSTEM_ACTOR, old.id);
      assert.equal(annulled.status, 'annulled');
      assert.equal(annulled.number, old.number);
      await db.kysely.updateTable('companies').set({ lock_date: null }).execute();
    });

    test('missing rights are refused with the right named', async () => {
      await assert.rejects(
        createDocument(db, { userId: null, rights: ['sale.post'] }, { type: 'receiving', date: '2026-11-08', warehouseId: co.warehouses.W1!, lines: [{ itemId: milk, quantity: '1' }] }),
        (e: Error & { code?: string; params?: { right?: string } }) => e.code === 'auth.forbidden' && e.params?.right === 'receiving.edit',
      );
    });

    test('the same document posted from two connections at once: one wins, the other is told', async () => {
      const d = await createDocument(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-09', warehouseId: co.warehouses.W1!, lines: [{ itemId: flour, quantity: '3', priceMinor: 90 }] });
      const other = openDatabase(db.url);
      try {
        const results = await Promise.allSettled([postDocument(db, SYSTEM_ACTOR, d.id), postDocument(other, SYSTEM_ACTOR, d.id)]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
        assert.match(String(rejected.reason.code), /document\.(concurrent_change|status_forbids)/);
        const moves = await db.kysely.selectFrom('stock_movements').select((eb) => eb.fn.countAll().as('n')).where('document_id', '=', d.id).executeTakeFirstOrThrow();
        assert.equal(Number(moves.n), 1);
      } finally {
        await other.close();
      }
    });

    test('numbers have no gaps and no duplicates when documents are created concurrently', async () => {
      const other = openDatabase(db.url);
      try {
        const make = (x: Db) => createDocument(x, SYSTEM_ACTOR, { type: 'write_off', date: '2026-11-10', warehouseId: co.warehouses.W1!, lines: [{ itemId: milk, quantity: '1' }] });
        const docs = await Promise.all([...Array(10)].map((_, i) => make(i % 2 ? other : db)));
        const seq = docs.map((d) => Number(d.number.slice(-6))).sort((a, b) => a - b);
        assert.deepEqual(seq, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      } finally {
        await other.close();
      }
    });

    test('a retried till receipt with the same idempotency key is posted once', async () => {
      const input = { type: 'sale' as const, date: '2026-11-11', warehouseId: co.warehouses.W1!, idempotencyKey: 'rcpt-7f3a', lines: [{ itemId: milk, quantity: '1', priceMinor: 159 }] };
      const [a, b] = await Promise.all([createAndPost(db, SYSTEM_ACTOR, input), createAndPost(db, SYSTEM_ACTOR, input)]);
      assert.equal(a.document.id, b.document.id);
      assert.equal([a.duplicate, b.duplicate].filter(Boolean).length, 1);
      const n = await db.kysely.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).where('idempotency_key', '=', 'rcpt-7f3a').executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 1);
    });

    test('the answer to a posted receipt is the document as it is read back later', async () => {
      const W2 = co.warehouses.W2!;
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-12', warehouseId: W2, lines: [{ itemId: milk, quantity: '20', priceMinor: 100 }, { itemId: flour, quantity: '10', priceMinor: 60 }] });
      // three lines, milk twice: 2 × 1.59 = 3.18, 1.5 kg flour × 0.99 = 1.485 → 1.49, 1 × 1.59 → total 6.26
      const { document: sold, duplicate } = await createAndPost(db, SYSTEM_ACTOR, {
        type: 'sale',
        date: '2026-11-12',
        warehouseId: W2,
        idempotencyKey: 'rcpt-view-1',
        lines: [
          { itemId: milk, quantity: '2', priceMinor: 159 },
          { itemId: flour, quantity: '1.5', priceMinor: 99 },
          { itemId: milk, quantity: '1', priceMinor: 159 },
        ],
      });
      assert.equal(duplicate, false);
      assert.equal(sold.status, 'posted');
      assert.equal(sold.version, 1);
      assert.equal(sold.totalMinor, 626);
      assert.ok(sold.postedAt);
      assert.deepEqual(
        sold.lines.map((l) => [l.lineNo, l.itemCode, l.quantity, l.amountMinor, l.vatRate]),
        [
          [1, 'MILK', '2.000', 318, '12'],
          [2, 'FLOUR', '1.500', 149, '21'],
          [3, 'MILK', '1.000', 159, '12'],
        ],
      );
      assert.deepEqual(sold, await getDocument(db, sold.id));
      // the retry answers with the same document
      const again = await createAndPost(db, SYSTEM_ACTOR, { type: 'sale', date: '2026-11-12', warehouseId: W2, idempotencyKey: 'rcpt-view-1', lines: [{ itemId: milk, quantity: '2', priceMinor: 159 }] });
      assert.equal(again.duplicate, true);
      assert.deepEqual(again.document, sold);
    });

    test('a receiving adds to balances: the same item on two lines, onto existing stock, concurrent receivings all counted', async () => {
      const W1 = co.warehouses.W1!;
      const sugar = await createItem(db, co.vat.standard!, { code: 'SUGAR', name: 'Cukurs', unit: 'kg' });
      const salt = await createItem(db, co.vat.standard!, { code: 'SALT', name: 'Sāls', unit: 'kg' });
      const lastCost = async (itemId: number) =>
        (await db.kysely.selectFrom('stock_balances').select('last_unit_cost').where('item_id', '=', itemId).where('warehouse_id', '=', W1).executeTakeFirstOrThrow()).last_unit_cost;
      // 10 kg at 0.80 → 10 / 8.00; sell 4 at average 0.80 → 6 / 4.80
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-13', warehouseId: W1, lines: [{ itemId: sugar, quantity: '10', priceMinor: 80 }] });
      await createAndPost(db, SYSTEM_ACTOR, { type: 'sale', date: '2026-11-13', warehouseId: W1, lines: [{ itemId: sugar, quantity: '4', priceMinor: 129 }] });
      assert.deepEqual(await balance(db, sugar, W1), [6, 480]);
      // sugar twice (3 kg at 1.10 = 3.30, 1.333 kg at 0.95 = 1.26635 → 1.27) and salt new: 0.375 kg at 0.40 = 0.15
      await createAndPost(db, SYSTEM_ACTOR, {
        type: 'receiving',
        date: '2026-11-14',
        warehouseId: W1,
        lines: [
          { itemId: sugar, quantity: '3', priceMinor: 110 },
          { itemId: salt, quantity: '0.375', priceMinor: 40 },
          { itemId: sugar, quantity: '1.333', priceMinor: 95 },
        ],
      });
      assert.deepEqual(await balance(db, sugar, W1), [10.333, 480 + 330 + 127]);
      assert.deepEqual(await balance(db, salt, W1), [0.375, 15]);
      // The last receipt's unit cost: 1.27 for 1.333 kg = 0.952738… a kilo (6 decimals kept), 0.15 for 0.375 kg = 0.40.
      assert.equal(await lastCost(sugar), '95.273818');
      assert.equal(await lastCost(salt), '40');
      // Sell all the sugar: the issue takes the whole value, leaving nothing behind.
      await createAndPost(db, SYSTEM_ACTOR, { type: 'sale', date: '2026-11-14', warehouseId: W1, lines: [{ itemId: sugar, quantity: '10.333', priceMinor: 129 }] });
      assert.deepEqual(await balance(db, sugar, W1), [0, 0]);

      // Ten receivings of 1 kg salt at 0.50 from two connections at once: every one is counted.
      const other = openDatabase(db.url);
      try {
        await Promise.all(
          [...Array(10)].map((_, i) =>
            createAndPost(i % 2 ? other : db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-15', warehouseId: W1, lines: [{ itemId: salt, quantity: '1', priceMinor: 50 }] }),
          ),
        );
      } finally {
        await other.close();
      }
      assert.deepEqual(await balance(db, salt, W1), [10.375, 15 + 500]);
    });
  });
}
