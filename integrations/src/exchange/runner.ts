// The store server's exchange scheduler: checks once in a while whether a run is due (from the log, so a restart
// keeps the rhythm), starts at most one run at a time, and lets "run now" start one by hand.

import { DomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';
import { runFolderExchange } from './folder-run';
import { failInterruptedRuns, lastRunStart, startRun, type RunTrigger } from './log';
import { nextRunAt } from './schedule';
import { readExchangeSettings } from './settings';

export interface SchedulerOptions {
  /** How often to look at the clock; a minute by default. */
  tickMs?: number;
  now?: () => Date;
}

export class ExchangeScheduler {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private starting = false;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Marks runs a crashed server left open as failed, then ticks. */
  async start(): Promise<void> {
    await failInterruptedRuns(this.db);
    this.timer = setInterval(() => void this.tick().catch(() => undefined), this.opts.tickMs ?? 60_000);
    this.timer.unref();
    await this.tick().catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle();
  }

  /** Resolves when the run in progress (if any) is over. */
  idle(): Promise<void> {
    return this.current ?? Promise.resolve();
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Starts a scheduled run when one is due; returns its id, or null. */
  async tick(): Promise<number | null> {
    if (this.current) return null;
    const settings = await readExchangeSettings(this.db);
    // In HTTP mode 1C runs the exchange on its own schedule.
    if (!settings.enabled || settings.mode !== 'folder') return null;
    const now = this.now();
    if (nextRunAt(settings.schedule, await lastRunStart(this.db), now) > now) return null;
    return this.runNow('schedule').catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'exchange.busy') return null;
      throw e;
    });
  }

  /** Starts a folder run in the background and returns its id; refused while another run is going. */
  async runNow(trigger: RunTrigger = 'manual'): Promise<number> {
    // Two clicks at once: the second sees `starting` before either has written its run.
    if (this.current || this.starting) throw new DomainError('exchange.busy', {}, 409);
    this.starting = true;
    try {
      const settings = await readExchangeSettings(this.db);
      if (settings.mode !== 'folder') throw new DomainError('exchange.http_mode', {}, 409);
      if (!settings.exportDir) throw new DomainError('exchange.settings_invalid', { field: 'exportDir' }, 400);
      const id = await startRun(this.db, { trigger, mode: 'folder' });
      this.current = runFolderExchange(this.db, id, settings, this.now()).finally(() => {
        this.current = null;
      });
      return id;
    } finally {
      this.starting = false;
    }
  }
}
