// One folder exchange: write import.xml, offers.xml and documents.xml for the period since the last successful
// run into the export folder (the streaming CommerceML export), then book every bank statement (*.txt) dropped
// in the inbox and move it to processed/ or rejected/. Progress is rows written plus files read, of the total.

import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DomainError, isDomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';
import { commerceMlSourceFromDb } from '../commerceml/db-source';
import { exportCommerceMl } from '../commerceml/export';
import type { CommerceMlSource } from '../commerceml/types';
import { importBankStatement } from '../bank/statement-store';
import { addRunEntry, finishRun, lastSuccessfulRun, setRunPeriod, setRunProgress } from './log';
import { localDate } from './schedule';
import type { ExchangeSettings } from './settings';

/** A DomainError (or anything else) as the log keeps it: code and params, translated when shown. */
export function errorJson(e: unknown): string {
  if (isDomainError(e)) return JSON.stringify({ code: e.code, params: e.params });
  return JSON.stringify({ code: 'exchange.failed', params: { detail: String((e as Error)?.message ?? e).split('\n')[0] } });
}

/** Writes progress to the log at most every 1 % (and at least every 250 rows) so the bar moves without a write per row. */
export class ProgressReporter {
  done = 0;
  private written = -1;
  private pending: Promise<void> = Promise.resolve();
  constructor(
    private readonly db: Db,
    private readonly runId: number,
    public total: number,
  ) {}
  step(n = 1): void {
    this.done = Math.min(this.total, this.done + n);
    const every = Math.max(1, Math.min(250, Math.floor(this.total / 100)));
    if (this.done - this.written >= every || this.done === this.total) this.flush();
  }
  flush(): void {
    this.written = this.done;
    const [done, total] = [this.done, this.total];
    this.pending = this.pending.then(() => setRunProgress(this.db, this.runId, done, total)).catch(() => undefined);
  }
  settled(): Promise<void> {
    return this.pending;
  }
}

async function* counted<T>(rows: AsyncIterable<T>, progress: ProgressReporter): AsyncIterable<T> {
  for await (const row of rows) {
    yield row;
    progress.step();
  }
}

/** The source with every group, item, offer and movement reported as a row done. */
function countingSource(source: CommerceMlSource, progress: ProgressReporter): CommerceMlSource {
  return {
    company: source.company,
    priceTypes: () => source.priceTypes(),
    groups: () => counted(source.groups(), progress),
    items: () => counted(source.items(), progress),
    offers: () => counted(source.offers(), progress),
    movements: (from, to) => counted(source.movements(from, to), progress),
  };
}

/** Rows the export will write, counted up front for the bar (groups + items twice + documents of the period). */
async function exportRowEstimate(db: Db, from: string, to: string): Promise<number> {
  const n = async (q: Promise<{ n: unknown } | undefined>) => Number((await q)?.n ?? 0);
  const groups = await n(db.kysely.selectFrom('item_groups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst());
  const items = await n(db.kysely.selectFrom('items').where('active', '=', 1).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst());
  const docs = await n(db.kysely.selectFrom('documents').where('date', '>=', from).where('date', '<=', to).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst());
  return groups + 2 * items + docs;
}

/** The period a run exports: from the last successful run's end (or the first date set, or the 1st of the month) to today. */
export async function nextExportPeriod(db: Db, settings: ExchangeSettings, mode: 'folder' | 'http', now = new Date()): Promise<{ from: string; to: string }> {
  const to = localDate(now);
  const last = await lastSuccessfulRun(db, mode);
  let from = last?.periodTo ?? (settings.firstFrom || `${to.slice(0, 8)}01`);
  if (from > to) from = to;
  return { from, to };
}

async function inboxFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return [];
    throw e;
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    if (!/\.txt$/i.test(name)) continue;
    if ((await stat(join(dir, name))).isFile()) files.push(name);
  }
  return files;
}

/** Moves a file into a subfolder, adding the run id when a file of that name is already there. */
async function moveInto(dir: string, sub: string, name: string, runId: number): Promise<void> {
  const target = join(dir, sub);
  await mkdir(target, { recursive: true });
  const existing = new Set(await readdir(target));
  const dest = existing.has(name) ? name.replace(/(\.[^.]*)?$/, (ext) => `.${runId}${ext}`) : name;
  await rename(join(dir, name), join(target, dest));
}

/** Runs a started folder exchange to its end; the run row says how it went (it never throws). */
export async function runFolderExchange(db: Db, runId: number, settings: ExchangeSettings, now = new Date()): Promise<void> {
  try {
    if (!settings.exportDir) throw new DomainError('exchange.settings_invalid', { field: 'exportDir' }, 400);
    const { from, to } = await nextExportPeriod(db, settings, 'folder', now);
    await setRunPeriod(db, runId, from, to);
    const inbox = settings.inboxDir ? await inboxFiles(settings.inboxDir) : [];
    const progress = new ProgressReporter(db, runId, (await exportRowEstimate(db, from, to)) + inbox.length);
    progress.flush();

    const result = await exportCommerceMl(countingSource(await commerceMlSourceFromDb(db), progress), settings.exportDir, { from, to, generatedAt: now });
    const c = result.counts;
    await addRunEntry(db, runId, { direction: 'sent', fileName: 'import.xml', status: 'ok', counts: { groups: c.groups, goods: c.items } });
    await addRunEntry(db, runId, { direction: 'sent', fileName: 'offers.xml', status: 'ok', counts: { offers: c.offers, withoutPrice: c.offersWithoutPrice } });
    await addRunEntry(db, runId, { direction: 'sent', fileName: 'documents.xml', status: 'ok', counts: { documents: c.documents } });

    let failed = 0;
    for (const name of inbox) {
      const path = join(settings.inboxDir, name);
      try {
        const s = await importBankStatement(db, await readFile(path), { fileName: basename(name) });
        await addRunEntry(db, runId, {
          direction: 'received',
          fileName: name,
          status: 'ok',
          counts: { documents: s.documents, imported: s.imported, duplicates: s.duplicates, rejected: s.rejected },
          error: s.rejected ? JSON.stringify({ code: 'exchange.payments_rejected', params: { rejected: s.rejected, lines: s.rejections.map((r) => r.line).join(', ') } }) : null,
        });
        await moveInto(settings.inboxDir, 'processed', name, runId);
      } catch (e) {
        // A broken file is set aside with its reason; the other files still go in.
        failed++;
        await addRunEntry(db, runId, { direction: 'received', fileName: name, status: 'rejected', counts: {}, error: errorJson(e) });
        await moveInto(settings.inboxDir, 'rejected', name, runId).catch(() => undefined);
      }
      progress.step();
    }
    await progress.settled();
    await finishRun(db, runId, 'ok', failed ? JSON.stringify({ code: 'exchange.files_rejected', params: { count: failed } }) : null);
  } catch (e) {
    await finishRun(db, runId, 'failed', errorJson(e));
  }
}
