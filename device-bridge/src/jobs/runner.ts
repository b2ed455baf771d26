// Runs durable jobs one at a time per device, emits their progress, and reconciles jobs a crash left `running`.
// Fiscal jobs record the register's last document number before sending; after a crash that number decides
// whether the document was made (done) or not (queued again) — a fiscal command is never resent blindly.
import { EventEmitter } from 'node:events';
import { isDomainError } from '@kasa/domain';
import { JobStore, type Job, type JobError, type NewJob } from './store';

export interface JobContext {
  job: Job;
  progress(p: number): void;
}

export interface JobHandler {
  run(job: Job, ctx: JobContext): Promise<unknown>;
  /** Present for commands that make a numbered fiscal document: reads the register's last document number. */
  lastDocumentNumber?(deviceId: string): Promise<number>;
}

/** Looks up the handler for a job type and device; undefined → the job fails with `device.unknown`. */
export type HandlerLookup = (type: string, deviceId: string) => JobHandler | undefined;

/**
 * Errors after which nobody knows whether the register made the document (no answer, a broken link, the port
 * gone): the next attempt asks the register first. Any other error is the register's own answer that it did not.
 */
export function outcomeUnknown(code: string): boolean {
  return code.startsWith('device.') || code === 'fiscal.no_answer' || code === 'fiscal.link_error' || code === 'job.unknown-outcome';
}

export function toJobError(e: unknown): JobError {
  if (isDomainError(e)) return { code: e.code, params: e.params as Record<string, unknown> };
  return { code: 'device.io', params: { cause: e instanceof Error ? e.message : String(e) } };
}

export class JobRunner extends EventEmitter {
  private readonly chains = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    readonly store: JobStore,
    private readonly handlers: HandlerLookup,
  ) {
    super();
  }

  /** Writes the job (or finds it by key) and schedules it if new. Same key → same job, never a second run. */
  submit(j: NewJob): { job: Job; created: boolean } {
    const r = this.store.enqueue(j);
    if (r.created) {
      this.emit('job', r.job);
      this.schedule(r.job);
    }
    return r;
  }

  /** Retries a failed job by id or key; other states are returned unchanged. */
  retry(idOrKey: string): Job | undefined {
    const job = this.store.get(idOrKey) ?? this.store.byKey(idOrKey);
    if (!job) return undefined;
    if (job.state !== 'failed') return job;
    this.store.requeue(job.id);
    const queued = this.store.get(job.id)!;
    this.emit('job', queued);
    this.schedule(queued);
    return queued;
  }

  /** Resolves with the job once it is done or failed, or as it is after timeoutMs. */
  waitFor(id: string, timeoutMs: number): Promise<Job> {
    const now = this.store.get(id);
    if (!now || now.state === 'done' || now.state === 'failed') return Promise.resolve(now as Job);
    return new Promise((resolve) => {
      const onJob = (j: Job) => {
        if (j.id === id && (j.state === 'done' || j.state === 'failed')) finish(j);
      };
      const timer = setTimeout(() => finish(this.store.get(id)!), timeoutMs);
      const finish = (j: Job) => {
        clearTimeout(timer);
        this.off('job', onJob);
        resolve(j);
      };
      this.on('job', onJob);
    });
  }

  /** On start: settle jobs a crash left running, then run everything queued. */
  async recover(): Promise<void> {
    for (const job of this.store.inState('running')) {
      const handler = this.handlers(job.type, job.deviceId);
      if (handler?.lastDocumentNumber) {
        if (job.fiscalDocBefore === undefined) {
          // Crashed before the number was recorded, so before anything was sent.
          this.store.requeue(job.id);
          continue;
        }
        try {
          const now = await handler.lastDocumentNumber(job.deviceId);
          if (now > job.fiscalDocBefore) this.store.finish(job.id, { documentNumber: now, reconciled: true });
          else this.store.requeue(job.id);
        } catch (e) {
          this.store.fail(job.id, { code: 'job.unknown-outcome', params: { cause: toJobError(e).params.cause ?? toJobError(e).code } });
        }
      } else {
        // A print may or may not have come out; report it instead of printing twice. Retry by key reprints.
        this.store.fail(job.id, { code: 'job.interrupted', params: {} });
      }
      this.emit('job', this.store.get(job.id)!);
    }
    for (const job of this.store.inState('queued')) this.schedule(job);
  }

  private schedule(job: Job): void {
    const prev = this.chains.get(job.deviceId) ?? Promise.resolve();
    const next = prev.then(() => this.execute(job.id)).catch(() => {});
    this.chains.set(job.deviceId, next);
  }

  private async execute(id: string): Promise<void> {
    if (this.closed || !this.store.start(id)) return;
    let job = this.store.get(id)!;
    this.emit('job', job);
    const handler = this.handlers(job.type, job.deviceId);
    try {
      if (!handler) throw Object.assign(new Error('no handler'), { code: 'device.unknown' });
      if (handler.lastDocumentNumber) {
        const before = await handler.lastDocumentNumber(job.deviceId);
        if (job.fiscalDocBefore !== undefined && before > job.fiscalDocBefore) {
          // An earlier attempt did make the document (it timed out or the bridge died after sending).
          this.store.finish(id, { documentNumber: before, reconciled: true });
          this.emit('job', this.store.get(id)!);
          return;
        }
        this.store.recordFiscalDocBefore(id, before);
        job = this.store.get(id)!;
      }
      const result = await handler.run(job, {
        job,
        progress: (p) => {
          this.store.progress(id, p);
          this.emit('job', this.store.get(id)!);
        },
      });
      this.store.finish(id, result);
    } catch (e) {
      const err = (e as { code?: string }).code === 'device.unknown' ? { code: 'device.unknown', params: { device: job.deviceId } } : toJobError(e);
      // A register that answered with an error made no document: without this, a retry after another document
      // (an open shift) would take that newer number for this job's receipt and never print it.
      if (handler?.lastDocumentNumber && !outcomeUnknown(err.code)) this.store.clearFiscalDocBefore(id);
      this.store.fail(id, err);
    }
    if (!this.closed) this.emit('job', this.store.get(id)!);
  }

  /** Waits for running jobs to settle (up to timeoutMs) and stops scheduling. */
  async close(timeoutMs = 3000): Promise<void> {
    const all = Promise.all([...this.chains.values()]);
    await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    this.closed = true;
  }
}
