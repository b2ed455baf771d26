// Keeps the till in step with the store server: pulls the catalogue and cashiers, pushes journal receipts
// one at a time in the order they were made. A receipt is marked sent only when the server answered 2xx;
// the Idempotency-Key (the receipt uuid) makes a resend after a lost answer harmless.
import type { CatalogueCache } from './catalogue';
import type { CashierCache } from './cashiers';
import type { Journal } from './journal';
import { StoreServerError, type StoreServer } from './store-server';

export interface SyncOptions {
  cataloguePeriodMs?: number;
  /** First retry delay after a failure; doubles up to maxBackoffMs. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Most catalogue pages taken in one pull, so a huge catalogue cannot starve the receipts. */
  maxPagesPerPull?: number;
  log?: (msg: string) => void;
}

export class TillSync {
  online = false;
  lastError: string | null = null;
  lastCataloguePull: string | null = null;
  private running = false;
  private pushTimer: NodeJS.Timeout | undefined;
  private pullTimer: NodeJS.Timeout | undefined;
  private pushing: Promise<void> | undefined;
  private pulling: Promise<void> | undefined;
  private backoff: number;
  private readonly opts: Required<SyncOptions>;

  constructor(
    private readonly server: StoreServer,
    private readonly journal: Journal,
    private readonly catalogue: CatalogueCache,
    private readonly cashiers: CashierCache,
    opts: SyncOptions = {},
  ) {
    this.opts = {
      cataloguePeriodMs: opts.cataloguePeriodMs ?? 30_000,
      minBackoffMs: opts.minBackoffMs ?? 1_000,
      maxBackoffMs: opts.maxBackoffMs ?? 60_000,
      maxPagesPerPull: opts.maxPagesPerPull ?? 50,
      log: opts.log ?? (() => {}),
    };
    this.backoff = this.opts.minBackoffMs;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.pullNow();
    this.kick();
  }

  /** Stops the timers and waits for a request in flight, so nothing writes to the journal afterwards. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.pushTimer);
    clearTimeout(this.pullTimer);
    await Promise.allSettled([this.pushing, this.pulling]);
  }

  /** A new receipt is in the journal: try to send now rather than at the next retry. */
  kick(): void {
    if (!this.running) return;
    clearTimeout(this.pushTimer);
    this.pushTimer = undefined;
    if (!this.pushing) this.pushing = this.pushAll().finally(() => (this.pushing = undefined));
  }

  pullNow(): Promise<void> {
    if (!this.pulling)
      this.pulling = this.pull().then((more) => {
        this.pulling = undefined;
        if (this.running) {
          clearTimeout(this.pullTimer);
          // A pull that stopped at maxPagesPerPull goes on at once (after a turn of the event loop for receipts),
          // or a fresh till with a catalogue over 50 pages would lack the rest for a whole period (issue 5).
          this.pullTimer = setTimeout(() => void this.pullNow(), more ? 0 : this.opts.cataloguePeriodMs);
        }
      });
    return this.pulling;
  }

  /** Only the cashiers: what a first login on a fresh till waits for, not the whole catalogue. */
  async pullCashiers(): Promise<void> {
    try {
      await this.fetchCashiers();
      this.succeeded();
    } catch (e) {
      this.failed(e);
    }
  }

  private async fetchCashiers(): Promise<void> {
    const { cashiers } = await this.server.fetchCashiers();
    // An empty answer from a half-configured server must not lock every cashier out of a working till.
    if (cashiers.length > 0 || this.cashiers.count() === 0) this.cashiers.replace(cashiers);
  }

  /** One pull of at most maxPagesPerPull pages; true when it stopped there with more changes waiting. */
  private async pull(): Promise<boolean> {
    try {
      await this.fetchCashiers();
      let more = false;
      for (let page = 0; page < this.opts.maxPagesPerPull; page++) {
        const res = await this.server.fetchCatalogue(this.catalogue.cursor);
        this.catalogue.apply(res.items ?? [], String(res.cursor ?? ''));
        // `complete: false` means the server has more changes than one page.
        more = res.complete === false && (res.items ?? []).length > 0;
        if (!more) break;
      }
      this.lastCataloguePull = new Date().toISOString();
      this.succeeded();
      // The server answers again: send waiting receipts now, not when a long backoff runs out.
      if (this.journal.pendingCount() > 0) this.kick();
      return more;
    } catch (e) {
      this.failed(e);
      return false;
    }
  }

  private async pushAll(): Promise<void> {
    while (this.running) {
      const next = this.journal.nextPending();
      if (!next) return;
      try {
        const res = await this.server.postReceipt(next.payload);
        this.journal.markSent(next.uuid, res?.documentId !== undefined ? String(res.documentId) : undefined);
        this.succeeded();
      } catch (e) {
        if (e instanceof StoreServerError && !e.retryable) {
          // The server will never take this receipt as it is; keep it for a person and send the rest.
          this.journal.markFailed(next.uuid, `${e.status} ${e.code}: ${e.message}`, true);
          this.opts.log(`receipt ${next.payload.number} rejected: ${e.code}`);
          this.online = true;
          continue;
        }
        this.journal.markFailed(next.uuid, e instanceof Error ? e.message : String(e), false);
        this.failed(e);
        if (this.running) this.pushTimer = setTimeout(() => this.kick(), this.backoff);
        this.backoff = Math.min(this.backoff * 2, this.opts.maxBackoffMs);
        return;
      }
    }
  }

  private succeeded(): void {
    this.online = true;
    this.lastError = null;
    this.backoff = this.opts.minBackoffMs;
  }

  private failed(e: unknown): void {
    this.online = false;
    this.lastError = e instanceof Error ? e.message : String(e);
    this.opts.log(`store server: ${this.lastError}`);
  }
}
