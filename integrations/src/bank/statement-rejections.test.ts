// Issue 8: a statement with a few broken payments books the good ones in one go and lists each broken one with its
// line, key and reason; the same file again books nothing and lists the same rejections; a file with a broken
// envelope books nothing at all. On SQLite and PostgreSQL.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createMinimalCompany } from '@kasa/db';
import { testDatabase, TEST_DATABASE_KINDS } from '@kasa/db/testing';
import { DomainError } from '@kasa/domain';
import { NOVEMBER_STATEMENT, STATEMENT_WITH_BROKEN_PAYMENTS, statementBytes } from './fixtures';
import { importBankStatement, listBankOperations, listBankStatements } from './statement-store';

for (const kind of TEST_DATABASE_KINDS) {
  describe(`issue 8: statement rejections on ${kind}`, { timeout: 120_000 }, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    const count = async (table: 'bank_operations' | 'bank_statements') =>
      Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    before(async () => {
      db = await testDatabase(kind);
      await createMinimalCompany(db);
    });
    after(async () => {
      await db.drop();
    });

    test('a cut-off file and a UTF-8 file book nothing and name the line', async () => {
      const cut = STATEMENT_WITH_BROKEN_PAYMENTS.slice(0, STATEMENT_WITH_BROKEN_PAYMENTS.indexOf('СекцияДокумент=Банковский ордер'));
      await assert.rejects(importBankStatement(db, statementBytes(cut, 'win1251')), (e: unknown) => e instanceof DomainError && e.code === 'bank.end_missing');
      await assert.rejects(importBankStatement(db, Buffer.from(NOVEMBER_STATEMENT, 'utf8')), (e: unknown) => e instanceof DomainError && e.code === 'bank.encoding_unknown');
      assert.equal(await count('bank_operations'), 0);
      assert.equal(await count('bank_statements'), 0);
    });

    test('two good payments are booked, five broken ones listed with line and key', async () => {
      const s = await importBankStatement(db, statementBytes(STATEMENT_WITH_BROKEN_PAYMENTS, 'win1251'), { fileName: 'kl_to_1c.txt' });
      assert.deepEqual([s.documents, s.imported, s.duplicates, s.rejected], [7, 2, 0, 5]);
      // 700.00 in from the customer, the 3.50 fee out
      assert.deepEqual([s.inMinor, s.outMinor], [70_000, 350]);
      assert.deepEqual(
        s.rejections.map((r) => [r.line, r.key, r.code]),
        [
          [19, 'Номер', 'bank.field_missing'],
          [27, 'Дата', 'bank.date_invalid'],
          [34, 'Сумма', 'bank.amount_invalid'],
          [37, 'СекцияДокумент', 'bank.document_kind_unknown'],
          [42, 'КонецДокумента', 'bank.section_unclosed'],
        ],
      );
      const { operations } = await listBankOperations(db);
      assert.deepEqual(operations.map((o) => [o.docNumber, o.amountMinor, o.direction]), [['41', 70_000, 'in'], ['7', 350, 'out']]);
      const [listed] = await listBankStatements(db);
      assert.deepEqual([listed!.documents, listed!.imported, listed!.duplicates, listed!.rejected], [7, 2, 0, 5]);
    });

    test('the same file again books nothing, counts the duplicates and reports the same rejections', async () => {
      const again = await importBankStatement(db, statementBytes(STATEMENT_WITH_BROKEN_PAYMENTS, 'win1251'), { fileName: 'kl_to_1c.txt' });
      assert.equal(again.sameFile, true);
      assert.deepEqual([again.documents, again.imported, again.duplicates, again.rejected], [7, 0, 2, 5]);
      assert.deepEqual(again.rejections.map((r) => r.line), [19, 27, 34, 37, 42]);
      // the bank fixes the comma amount and sends the file again: only that payment is new
      const fixed = STATEMENT_WITH_BROKEN_PAYMENTS.replace('Сумма=1 500,00', 'Сумма=1500.00');
      const third = await importBankStatement(db, statementBytes(fixed, 'win1251'), { fileName: 'kl_to_1c (2).txt' });
      assert.deepEqual([third.sameFile, third.imported, third.duplicates, third.rejected, third.outMinor], [false, 1, 2, 4, 150_000]);
      assert.equal(await count('bank_operations'), 3);
    });
  });
}
