// The scheduled folder exchange on SQLite and PostgreSQL: a run writes import.xml, offers.xml and documents.xml that
// pass the CommerceML 2.10 schema, books the bank statement dropped in the inbox and moves it to processed/, moves a
// cut-off one to rejected/ with its reason, and logs it all; a second run while one is going is refused; a
// scheduler started after a "restart" reads the last run from the log and waits for the interval.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createAndPost, createItem, createMinimalCompany, SYSTEM_ACTOR } from '@kasa/db';
import { TEST_DATABASE_KINDS, testDatabase } from '@kasa/db/testing';
import { DomainError } from '@kasa/domain';
import { NOVEMBER_STATEMENT, statementBytes } from '../bank/fixtures';
import { ExchangeScheduler } from './runner';
import { getRun, listRuns } from './log';
import { readExchangeSettings, writeExchangeSettings } from './settings';

const run = promisify(execFile);
const XSD = fileURLToPath(new URL('../../schemas/commerceml-2.10.xsd', import.meta.url));

for (const kind of TEST_DATABASE_KINDS) {
  describe(`scheduled folder exchange on ${kind}`, { timeout: 120_000 }, () => {
    let db: Awaited<ReturnType<typeof testDatabase>>;
    let dir: string;
    let exportDir: string;
    let inboxDir: string;

    before(async () => {
      db = await testDatabase(kind);
      dir = await mkdtemp(join(tmpdir(), 'kasa-exchange-'));
      exportDir = join(dir, 'to-1c');
      inboxDir = join(dir, 'from-bank');
      const co = await createMinimalCompany(db);
      const milk = await createItem(db, co.vat.standard!, { code: 'MILK', name: 'Piens 2,5%' });
      const bread = await createItem(db, co.vat.standard!, { code: 'BREAD', name: 'Maize' });
      const w1 = co.warehouses.W1!;
      await createAndPost(db, SYSTEM_ACTOR, { type: 'receiving', date: '2026-11-02', warehouseId: w1, lines: [{ itemId: milk, quantity: '10', priceMinor: 50 }, { itemId: bread, quantity: '5', priceMinor: 80 }] });
      await createAndPost(db, SYSTEM_ACTOR, { type: 'sale', date: '2026-11-03', warehouseId: w1, pricesIncludeTax: true, lines: [{ itemId: milk, quantity: '2', priceMinor: 121 }] });
      // before the first period: not sent
      await createAndPost(db, SYSTEM_ACTOR, { type: 'sale', date: '2026-10-20', warehouseId: w1, pricesIncludeTax: true, lines: [{ itemId: bread, quantity: '1', priceMinor: 150 }] });
    });
    after(async () => {
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    });

    test('settings: folders must be absolute paths; the key is kept as a hash', async () => {
      const base = { enabled: true, schedule: { kind: 'interval' as const, everyMinutes: 60, dailyAt: '02:00' }, mode: 'folder' as const, exportDir, inboxDir, firstFrom: '2026-11-01' };
      await assert.rejects(writeExchangeSettings(db, { ...base, exportDir: 'to-1c' }), (e: unknown) => e instanceof DomainError && e.code === 'exchange.settings_invalid' && e.params.field === 'exportDir');
      const saved = await writeExchangeSettings(db, { ...base, httpKey: 'secret-key-for-1c' });
      assert.equal(saved.httpKeyHash.length, 64);
      assert.doesNotMatch(JSON.stringify(await readExchangeSettings(db)), /secret-key-for-1c/);
    });

    test('run now: three XSD-valid files, the statement booked and moved, the cut-off one rejected, the log complete', async () => {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(inboxDir, { recursive: true });
      await writeFile(join(inboxDir, 'kl_to_1c.txt'), statementBytes(NOVEMBER_STATEMENT, 'win1251'));
      await writeFile(join(inboxDir, 'cut.txt'), statementBytes(NOVEMBER_STATEMENT.slice(0, 600), 'win1251'));
      await writeFile(join(inboxDir, 'readme.doc'), 'not a statement');

      const scheduler = new ExchangeScheduler(db, { now: () => new Date('2026-11-10T12:00:00') });
      const id = await scheduler.runNow('manual');
      // one at a time
      await assert.rejects(scheduler.runNow('manual'), (e: unknown) => e instanceof DomainError && e.code === 'exchange.busy');
      await scheduler.idle();

      const r = await getRun(db, id);
      assert.deepEqual([r.status, r.trigger, r.mode, r.periodFrom, r.periodTo, r.percent], ['ok', 'manual', 'folder', '2026-11-01', '2026-11-10', 100]);
      assert.equal(r.progressDone, r.progressTotal);
      // 0 groups + 2 goods × 2 passes + 2 documents of the period + 2 inbox files
      assert.equal(r.progressTotal, 8);
      assert.deepEqual(
        r.entries.map((e) => [e.direction, e.fileName, e.status, e.counts]),
        [
          ['sent', 'import.xml', 'ok', { groups: 0, goods: 2 }],
          ['sent', 'offers.xml', 'ok', { offers: 0, withoutPrice: 2 }],
          ['sent', 'documents.xml', 'ok', { documents: 2 }],
          ['received', 'cut.txt', 'rejected', {}],
          ['received', 'kl_to_1c.txt', 'ok', { documents: 4, imported: 4, duplicates: 0, rejected: 0 }],
        ],
      );
      assert.equal(JSON.parse(r.entries[3]!.error!).code, 'bank.end_missing');
      assert.equal(JSON.parse(r.error!).code, 'exchange.files_rejected');

      assert.deepEqual((await readdir(exportDir)).sort(), ['documents.xml', 'import.xml', 'offers.xml']);
      assert.match(await readFile(join(exportDir, 'documents.xml'), 'utf8'), /2026-11-03/);
      assert.doesNotMatch(await readFile(join(exportDir, 'documents.xml'), 'utf8'), /2026-10-20/);
      if (existsSync(XSD)) {
        for (const f of ['import.xml', 'offers.xml', 'documents.xml']) await run('xmllint', ['--noout', '--schema', XSD, join(exportDir, f)]);
      }
      assert.deepEqual((await readdir(inboxDir)).sort(), ['processed', 'readme.doc', 'rejected']);
      assert.deepEqual(await readdir(join(inboxDir, 'processed')), ['kl_to_1c.txt']);
      assert.deepEqual(await readdir(join(inboxDir, 'rejected')), ['cut.txt']);
      const ops = await db.kysely.selectFrom('bank_operations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(ops.n), 4);
    });

    test('after a restart the scheduler waits for the interval counted from the logged run, then the next period starts where the last ended', async () => {
      const started = new Date((await listRuns(db))[0]!.startedAt);
      const soon = new ExchangeScheduler(db, { now: () => new Date(started.getTime() + 30 * 60_000) });
      assert.equal(await soon.tick(), null);
      // the same statement dropped again books nothing new and still moves on
      await writeFile(join(inboxDir, 'kl_to_1c.txt'), statementBytes(NOVEMBER_STATEMENT, 'win1251'));
      // the interval is counted from the logged start; an hour and a minute later it is due
      const due = new ExchangeScheduler(db, { now: () => new Date(started.getTime() + 61 * 60_000) });
      const id = await due.tick();
      assert.ok(id);
      await due.idle();
      const r = await getRun(db, id);
      assert.equal(r.trigger, 'schedule');
      assert.equal(r.periodFrom, '2026-11-10');
      assert.deepEqual(r.entries.filter((e) => e.direction === 'received').map((e) => [e.fileName, e.counts.imported, e.counts.duplicates]), [['kl_to_1c.txt', 0, 4]]);
      assert.deepEqual((await readdir(join(inboxDir, 'processed'))).sort(), [`kl_to_1c.${id}.txt`, 'kl_to_1c.txt'].sort());
    });
    test('a run a crashed server left "running" is marked interrupted when the scheduler starts, so it blocks nothing', async () => {
      const startedAt = new Date();
      const left = await db.kysely
        .insertInto('exchange_runs')
        .values({ trigger: 'schedule', mode: 'folder', status: 'running', started_at: startedAt.toISOString(), finished_at: null, period_from: null, period_to: null, progress_done: 3, progress_total: 10, error: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      // while it looks running, nobody may start another
      await assert.rejects(new ExchangeScheduler(db).runNow('manual'), (e: unknown) => e instanceof DomainError && e.code === 'exchange.busy');
      const restarted = new ExchangeScheduler(db, { tickMs: 3_600_000, now: () => new Date(startedAt.getTime() + 60_000) });
      await restarted.start();
      await restarted.stop();
      const r = await getRun(db, Number(left.id));
      assert.deepEqual([r.status, JSON.parse(r.error!).code, r.percent], ['failed', 'exchange.interrupted', 100]);
      // a minute after that start the 60-minute interval is not up: the restart started nothing
      assert.equal((await listRuns(db))[0]!.id, Number(left.id));
    });
  });
}
