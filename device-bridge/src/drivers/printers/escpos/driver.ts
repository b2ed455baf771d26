// ESC/POS printer driver: prints receipts and raw commands over any transport and reads real-time status
// with a timeout, so the job runner can tell "paper out" from "printer unplugged".

import { DomainError } from '@kasa/domain';
import type { Transport } from '../../../transports/transport';
import { drawerKick, statusRequest, cut } from './encoder';
import { layoutReceipt, type Receipt, type ReceiptLayoutOptions } from './layout';
import type { StatusKind } from './protocol';
import { decodeStatus, isStatusByte, type PrinterStatus } from './status';

export interface EscPosPrinterOptions {
  layout: ReceiptLayoutOptions;
  /** How long to wait for each DLE EOT answer. */
  statusTimeoutMs?: number;
}

export class EscPosPrinter {
  private readonly transport: Transport;
  private readonly opts: EscPosPrinterOptions;
  private waiting: ((b: number) => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(transport: Transport, opts: EscPosPrinterOptions) {
    this.transport = transport;
    this.opts = opts;
  }

  async open(): Promise<void> {
    await this.transport.open();
    this.unsubscribe = this.transport.onData((chunk) => {
      for (const b of chunk) {
        // Only bytes shaped like a status answer count; ASB or noise bytes are dropped.
        if (this.waiting && isStatusByte(b)) {
          const w = this.waiting;
          this.waiting = null;
          w(b);
        }
      }
    });
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.transport.close();
  }

  /** Commands run one at a time so a status answer is never mistaken for another's. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  printReceipt(r: Receipt): Promise<void> {
    return this.write(layoutReceipt(r, this.opts.layout));
  }

  write(bytes: Uint8Array): Promise<void> {
    return this.serial(() => this.transport.write(bytes));
  }

  openDrawer(pin: 2 | 5 = 2): Promise<void> {
    return this.write(drawerKick(pin));
  }

  cut(kind: 'full' | 'partial' = 'partial'): Promise<void> {
    return this.write(cut(kind, 48));
  }

  /** Asks DLE EOT 1, 2 and 4; throws printer.no_answer when the printer stays silent. */
  status(): Promise<PrinterStatus> {
    return this.serial(async () => {
      const answers: Partial<Record<StatusKind, number>> = {};
      for (const kind of ['printer', 'offline', 'paper'] as const) answers[kind] = await this.ask(kind);
      return decodeStatus(answers);
    });
  }

  /** Throws a DomainError naming what keeps the printer from printing. */
  async ensureReady(): Promise<void> {
    const s = await this.status();
    if (s.paperOut) throw new DomainError('printer.paper_out', { address: this.transport.status().address });
    if (s.coverOpen) throw new DomainError('printer.cover_open', { address: this.transport.status().address });
    if (!s.online) throw new DomainError('printer.offline', { address: this.transport.status().address });
  }

  private ask(kind: StatusKind): Promise<number> {
    const timeoutMs = this.opts.statusTimeoutMs ?? 1000;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new DomainError('printer.no_answer', { address: this.transport.status().address, timeoutMs }));
      }, timeoutMs);
      this.waiting = (b) => {
        clearTimeout(timer);
        resolve(b);
      };
      this.transport.write(statusRequest(kind)).catch((e: unknown) => {
        clearTimeout(timer);
        this.waiting = null;
        reject(e);
      });
    });
  }
}

