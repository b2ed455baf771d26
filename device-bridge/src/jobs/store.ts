// Durable device jobs in the bridge's own SQLite file: every print and fiscal command is written here BEFORE it runs,
// under the caller's idempotency key, so a repeated request or a crash never prints or fiscalises twice.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobError { code: string; params: Record<string, unknown> }

export interface Job {
  id: string;
  key: string;
  /** Command type, e.g. "print.receipt", "fiscal.receipt", "drawer.open". */
  type: string;
  deviceId: string;
  payload: unknown;
  state: JobState;
  attempts: number;
  /** 0..1 */
  progress: number;
  result?: unknown;
  error?: JobError;
  /** Fiscal jobs: the register's last document number read just before the command was sent. */
  fiscalDocBefore?: number;
  createdAt: string;
  updatedAt: string;
}

interface JobRow {
  id: string;
  idem_key: string;
  type: string;
  device_id: string;
  payload: string;
  state: JobState;
  attempts: number;
  progress: number;
  result: string | null;
  error: string | null;
  fiscal_doc_before: number | null;
  created_at: string;
  updated_at: string;
}

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    key: r.idem_key,
    type: r.type,
    deviceId: r.device_id,
    payload: JSON.parse(r.payload),
    state: r.state,
    attempts: r.attempts,
    progress: r.progress,
    ...(r.result !== null ? { result: JSON.parse(r.result) } : {}),
    ...(r.error !== null ? { error: JSON.parse(r.error) as JobError } : {}),
    ...(r.fiscal_doc_before !== null ? { fiscalDocBefore: r.fiscal_doc_before } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface NewJob { key: string; type: string; deviceId: string; payload: unknown }

export class JobStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS jobs (
      id TEXT PRIMARY KEY,
      idem_key TEXT NOT NULL UNIQUE,
      type TEXT NOT NULL,
      device_id TEXT NOT NULL,
      payload TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('queued','running','done','failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      progress REAL NOT NULL DEFAULT 0,
      result TEXT,
      error TEXT,
      fiscal_doc_before INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);`);
  }

  /** Inserts the job unless its key exists; returns the stored job and whether it was created now. */
  enqueue(j: NewJob): { job: Job; created: boolean } {
    const now = new Date().toISOString();
    const info = this.db
      .prepare(
        `INSERT INTO jobs (id, idem_key, type, device_id, payload, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT(idem_key) DO NOTHING`,
      )
      .run(randomUUID(), j.key, j.type, j.deviceId, JSON.stringify(j.payload ?? null), now, now);
    return { job: this.byKey(j.key)!, created: info.changes === 1 };
  }

  get(id: string): Job | undefined {
    const r = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return r && toJob(r);
  }

  byKey(key: string): Job | undefined {
    const r = this.db.prepare('SELECT * FROM jobs WHERE idem_key = ?').get(key) as JobRow | undefined;
    return r && toJob(r);
  }

  inState(state: JobState): Job[] {
    return (this.db.prepare('SELECT * FROM jobs WHERE state = ? ORDER BY created_at').all(state) as JobRow[]).map(toJob);
  }

  recent(limit = 50): Job[] {
    return (this.db.prepare('SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?').all(limit) as JobRow[]).map(toJob);
  }

  /** queued → running, only if still queued (a second runner cannot take the same job). */
  start(id: string): boolean {
    const r = this.db
      .prepare(`UPDATE jobs SET state='running', attempts=attempts+1, progress=0, error=NULL, updated_at=? WHERE id=? AND state='queued'`)
      .run(new Date().toISOString(), id);
    return r.changes === 1;
  }

  progress(id: string, progress: number): void {
    this.db.prepare('UPDATE jobs SET progress=?, updated_at=? WHERE id=?').run(progress, new Date().toISOString(), id);
  }

  /** Records the fiscal register's document number read just before sending; committed before the bytes go out. */
  recordFiscalDocBefore(id: string, docNumber: number): void {
    this.db.prepare('UPDATE jobs SET fiscal_doc_before=?, updated_at=? WHERE id=?').run(docNumber, new Date().toISOString(), id);
  }

  /** The register answered that it did not make the document: a retry must send it again, whatever else it prints. */
  clearFiscalDocBefore(id: string): void {
    this.db.prepare('UPDATE jobs SET fiscal_doc_before=NULL, updated_at=? WHERE id=?').run(new Date().toISOString(), id);
  }

  finish(id: string, result: unknown): void {
    this.db.prepare(`UPDATE jobs SET state='done', progress=1, result=?, error=NULL, updated_at=? WHERE id=?`).run(JSON.stringify(result ?? null), new Date().toISOString(), id);
  }

  fail(id: string, error: JobError): void {
    this.db.prepare(`UPDATE jobs SET state='failed', error=?, updated_at=? WHERE id=?`).run(JSON.stringify(error), new Date().toISOString(), id);
  }

  /** running|failed → queued (reconciliation and retries); keeps fiscal_doc_before so the next run checks it first. */
  requeue(id: string): boolean {
    const r = this.db.prepare(`UPDATE jobs SET state='queued', progress=0, updated_at=? WHERE id=? AND state IN ('running','failed')`).run(new Date().toISOString(), id);
    return r.changes === 1;
  }

  close(): void {
    this.db.close();
  }
}
