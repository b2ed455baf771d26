// A scale driver: runs a protocol's dialogue over any Transport, with an answer timeout and retries.
// A silent scale is reported as `disconnected` rather than thrown, because the till polls weight continuously.
import { DomainError } from '@kasa/domain';
import type { Transport } from '../../transports/transport';
import { FrameQueue } from './frame-queue';
import type { ScaleEvent, ScaleProtocol, ScaleStep, WeightReading } from './weighing';

export interface ScaleDriverOptions {
  answerTimeoutMs?: number;
  retries?: number;
}

export class ScaleDriver {
  private readonly queue: FrameQueue<ScaleEvent>;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: Transport,
    readonly protocol: ScaleProtocol,
    options: ScaleDriverOptions = {},
  ) {
    this.queue = new FrameQueue(transport, protocol.createDecoder());
    this.timeoutMs = options.answerTimeoutMs ?? protocol.answerTimeoutMs;
    this.retries = options.retries ?? protocol.retries;
  }

  /** Reads the weight; after `retries` silent or garbled attempts the reading is `disconnected`. */
  readWeight(): Promise<WeightReading> {
    return this.serial(async () => {
      for (let attempt = 0; attempt <= this.retries; attempt++) {
        const last = await this.run(this.protocol.measure);
        if (last?.type === 'reading') return last.reading;
      }
      return { status: 'disconnected', grams: null, stable: false };
    });
  }

  zero(): Promise<void> {
    const steps = this.protocol.zero;
    if (!steps) throw new DomainError('scale.command_unsupported', { command: 'zero', protocol: this.protocol.kind });
    return this.serial(() => this.command('zero', steps));
  }

  /** Tares the weight now on the platform (protocols that take a value are sent the current reading). */
  async tare(): Promise<void> {
    const build = this.protocol.tare;
    if (!build) throw new DomainError('scale.command_unsupported', { command: 'tare', protocol: this.protocol.kind });
    const current = this.protocol.kind === 'massak' ? await this.readWeight() : undefined;
    if (current && current.grams === null) throw new DomainError('scale.disconnected', { protocol: this.protocol.kind });
    return this.serial(() => this.command('tare', build(current?.grams ?? 0)));
  }

  dispose(): void {
    this.queue.dispose();
  }

  private async command(name: string, steps: ScaleStep[]): Promise<void> {
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      const last = await this.run(steps);
      if (last?.type === 'error') throw new DomainError('scale.command_failed', { command: name, code: last.code });
      if (last) return;
    }
    throw new DomainError('scale.disconnected', { protocol: this.protocol.kind });
  }

  /** Runs the steps; returns the last expected event, or undefined when a step got no (or the wrong) answer. */
  private async run(steps: ScaleStep[]): Promise<ScaleEvent | undefined> {
    this.queue.clear();
    let last: ScaleEvent | undefined;
    for (const step of steps) {
      await this.transport.write(step.send);
      if (step.expect === 'nothing') {
        last = { type: 'ack' };
        await new Promise((r) => setTimeout(r, this.protocol.commandDelayMs ?? 0));
        continue;
      }
      last = await this.queue.next(this.timeoutMs, (e) => e.type === step.expect || e.type === 'error' || (step.expect === 'ack' && e.type === 'reading'));
      if (!last || last.type === 'error') return last;
      if (last.type !== step.expect) return undefined;
    }
    return last;
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.busy.then(job, job);
    this.busy = next.catch(() => undefined);
    return next;
  }
}
