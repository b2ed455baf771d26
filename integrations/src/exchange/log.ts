// The exchange log: one row per run (period, progress, outcome) and one per file sent or received. Only one run
// goes at a time: starting one while another is 'running' is refused.

import { DomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';
import type { ExchangeMode } from './settings';

export type RunTrigger = 'schedule' | 'manual' | 'http';
/** 'unconfirmed': documents sent over HTTP, waiting for 1C's mode=success. */
export type RunStatus = 'running' | 'ok' | 'failed' | 'unconfirmed';
export type EntryDirection = 'sent' | 'received';
export type EntryStatus = 'ok' | 'rejected' | 'failed';

export interface ExchangeEntry {
  id: number;
  direction: EntryDirection;
  fileName: string;
  status: EntryStatus;
  counts: Record<string, number>;
  error: string | null;
  at: string;
}

export interface ExchangeRun {
  id: number;
  trigger: RunTrigger;
  mode: ExchangeMode;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  progressDone: number;
  progressTotal: number;
  /** 0–100, whole percent; 100 once the run is over. */
  percent: number;
  error: string | null;
  entries: ExchangeEntry[];
}

type RunRow = {
  id: number;
  trigger: string;
  mode: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  period_from: string | null;
  period_to: string | null;
  progress_done: number;
  progress_total: number;
  error: string | null;
};

function toRun(r: RunRow, entries: ExchangeEntry[]): ExchangeRun {
  const done = Number(r.progress_done);
  const total = Number(r.progress_total);
  const over = r.status !== 'running';
  return {
    id: Number(r.id),
    trigger: r.trigger as RunTrigger,
    mode: r.mode as ExchangeMode,
    status: r.status as RunStatus,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    progressDone: done,
    progressTotal: total,
    percent: over ? 100 : total > 0 ? Math.min(99, Math.floor((done * 100) / total)) : 0,
    error: r.error,
    entries,
  };
}

export async function startRun(db: Db, run: { trigger: RunTrigger; mode: ExchangeMode; periodFrom?: string; periodTo?: string }): Promise<number> {
  return db.kysely.transaction().execute(async (trx) => {
    const busy = await trx.selectFrom('exchange_runs').select('id').where('status', '=', 'running').executeTakeFirst();
    if (busy) throw new DomainError('exchange.busy', { id: Number(busy.id) }, 409);
    const row = await trx
      .insertInto('exchange_runs')
      .values({
        trigger: run.trigger,
        mode: run.mode,
        status: 'running',
        started_at: new Date().toISOString(),
        finished_at: null,
        period_from: run.periodFrom ?? null,
        period_to: run.periodTo ?? null,
        progress_done: 0,
        progress_total: 0,
        error: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  });
}

export async function setRunPeriod(db: Db, id: number, from: string, to: string): Promise<void> {
  await db.kysely.updateTable('exchange_runs').set({ period_from: from, period_to: to }).where('id', '=', id).execute();
}

export async function setRunProgress(db: Db, id: number, done: number, total: number): Promise<void> {
  await db.kysely.updateTable('exchange_runs').set({ progress_done: done, progress_total: total }).where('id', '=', id).execute();
}

export async function addRunEntry(
  db: Db,
  runId: number,
  e: { direction: EntryDirection; fileName: string; status: EntryStatus; counts: Record<string, number>; error?: string | null },
): Promise<void> {
  await db.kysely
    .insertInto('exchange_entries')
    .values({ run_id: runId, direction: e.direction, file_name: e.fileName, status: e.status, counts: JSON.stringify(e.counts), error: e.error ?? null, at: new Date().toISOString() })
    .execute();
}

export async function finishRun(db: Db, id: number, status: Exclude<RunStatus, 'running'>, error: string | null = null): Promise<void> {
  await db.kysely
    .updateTable('exchange_runs')
    .set((eb) => ({ status, error, finished_at: new Date().toISOString(), progress_done: eb.ref('progress_total') }))
    .where('id', '=', id)
    .execute();
}

async function entriesOf(db: Db, runIds: number[]): Promise<Map<number, ExchangeEntry[]>> {
  const out = new Map<number, ExchangeEntry[]>();
  if (!runIds.length) return out;
  const rows = await db.kysely.selectFrom('exchange_entries').selectAll().where('run_id', 'in', runIds).orderBy('id').execute();
  for (const r of rows) {
    const list = out.get(Number(r.run_id)) ?? [];
    list.push({ id: Number(r.id), direction: r.direction as EntryDirection, fileName: r.file_name, status: r.status as EntryStatus, counts: JSON.parse(r.counts) as Record<string, number>, error: r.error, at: r.at });
    out.set(Number(r.run_id), list);
  }
  return out;
}

export async function getRun(db: Db, id: number): Promise<ExchangeRun> {
  const r = await db.kysely.selectFrom('exchange_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new DomainError('exchange.run_not_found', { id }, 404);
  return toRun(r, (await entriesOf(db, [id])).get(id) ?? []);
}

export async function listRuns(db: Db, opts: { limit?: number } = {}): Promise<ExchangeRun[]> {
  const rows = await db.kysely.selectFrom('exchange_runs').selectAll().orderBy('id', 'desc').limit(opts.limit ?? 50).execute();
  const entries = await entriesOf(db, rows.map((r) => Number(r.id)));
  return rows.map((r) => toRun(r, entries.get(Number(r.id)) ?? []));
}

/** The last run of a mode that ended well: its period's end is where the next export starts. */
export async function lastSuccessfulRun(db: Db, mode: ExchangeMode): Promise<{ id: number; periodTo: string | null; startedAt: string } | null> {
  const r = await db.kysely
    .selectFrom('exchange_runs')
    .select(['id', 'period_to', 'started_at'])
    .where('mode', '=', mode)
    .where('status', '=', 'ok')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r ? { id: Number(r.id), periodTo: r.period_to, startedAt: r.started_at } : null;
}

/** The last scheduled or manual run's start, whatever its outcome: the scheduler counts the interval from it. */
export async function lastRunStart(db: Db): Promise<Date | null> {
  const r = await db.kysely.selectFrom('exchange_runs').select('started_at').where('trigger', '!=', 'http').orderBy('id', 'desc').executeTakeFirst();
  return r ? new Date(r.started_at) : null;
}

/** Runs a crashed server left 'running' would block every later run: they are marked failed when the server starts. */
export async function failInterruptedRuns(db: Db): Promise<number> {
  const r = await db.kysely
    .updateTable('exchange_runs')
    .set({ status: 'failed', error: JSON.stringify({ code: 'exchange.interrupted', params: {} }), finished_at: new Date().toISOString() })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
