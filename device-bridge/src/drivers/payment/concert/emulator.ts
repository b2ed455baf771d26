// An Ingenico terminal speaking Concert E+ from the device side: approves by default; can decline or stay silent.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { DeviceEmulator } from '../../codec';
import { CONCERT, CONCERT_STATUS, buildRep, createConcertDecoder, decodeRequest, encodeAnswer, type ConcertRequest } from './codec';

export type TerminalBehaviour = 'approve' | 'decline' | 'no_answer';

export interface ConcertEmulatorOptions {
  send: (bytes: Uint8Array) => void;
  /** Time the "customer" spends at the terminal. */
  processingMs?: number;
  /** Last four digits of the emulated card. */
  cardLast4?: string;
  behaviour?: TerminalBehaviour;
  /** JSON file keeping the transaction log (and so unique RRNs) across emulator restarts. */
  stateFile?: string;
}

export interface ConcertEmulator extends DeviceEmulator {
  setBehaviour(b: TerminalBehaviour): void;
  /** Fault: the next answer is sent with a wrong LRC once (the ECR should NAK and get it again). */
  corruptNextAnswer(): void;
  /** Requests the terminal received, with the outcome it gave. */
  readonly transactions: { request: ConcertRequest; outcome: TerminalBehaviour; approvalCode?: string; rrn?: string }[];
}

class ConcertTerminalEmulator implements ConcertEmulator {
  readonly kind = 'payment';
  readonly transactions: ConcertEmulator['transactions'] = [];
  private readonly decoder = createConcertDecoder();
  private behaviour: TerminalBehaviour;
  private corrupt = false;
  private state: 'idle' | 'session' | 'answering' = 'idle';
  private request: ConcertRequest | undefined;
  private answer: Uint8Array | undefined;
  private sequence = 0;

  constructor(private readonly opts: ConcertEmulatorOptions) {
    this.behaviour = opts.behaviour ?? 'approve';
    if (opts.stateFile && existsSync(opts.stateFile)) {
      const saved = JSON.parse(readFileSync(opts.stateFile, 'utf8')) as { sequence: number; transactions: ConcertEmulator['transactions'] };
      this.sequence = saved.sequence;
      this.transactions.push(...saved.transactions);
    }
  }

  setBehaviour(b: TerminalBehaviour) {
    this.behaviour = b;
  }
  corruptNextAnswer() {
    this.corrupt = true;
  }

  receive(chunk: Uint8Array): void {
    for (const e of this.decoder.push(chunk)) {
      if (this.state === 'idle' && e.type === 'enq') {
        this.state = 'session';
        this.opts.send(Uint8Array.of(CONCERT.ACK));
      } else if (this.state === 'session' && e.type === 'bad_message') this.opts.send(Uint8Array.of(CONCERT.NAK));
      else if (this.state === 'session' && e.type === 'message') {
        try {
          this.request = decodeRequest(e.text);
          this.opts.send(Uint8Array.of(CONCERT.ACK));
        } catch {
          this.opts.send(Uint8Array.of(CONCERT.NAK));
        }
      } else if (this.state === 'session' && e.type === 'eot') {
        this.state = 'idle';
        const request = this.request;
        this.request = undefined;
        if (request) setTimeout(() => this.process(request), this.opts.processingMs ?? 50);
      } else if (this.state === 'answering' && e.type === 'ack') {
        if (this.answer) {
          const answer = this.answer;
          this.answer = undefined;
          this.send(answer);
        } else {
          this.state = 'idle';
          this.opts.send(Uint8Array.of(CONCERT.EOT));
        }
      } else if (this.state === 'answering' && e.type === 'nak' && this.lastSent) this.opts.send(this.lastSent);
    }
  }

  private lastSent: Uint8Array | undefined;

  private send(answer: Uint8Array): void {
    this.lastSent = answer;
    if (this.corrupt) {
      this.corrupt = false;
      const bad = Uint8Array.from(answer);
      bad[bad.length - 1] = bad[bad.length - 1]! ^ 0x01;
      this.opts.send(bad);
      return;
    }
    this.opts.send(answer);
  }

  private process(request: ConcertRequest): void {
    const outcome = this.behaviour;
    this.sequence += 1;
    const approvalCode = outcome === 'approve' ? String(100000 + this.sequence * 7919).slice(-6) : undefined;
    const rrn = outcome === 'approve' ? `${String(this.sequence).padStart(12, '0')}` : undefined;
    this.transactions.push({ request, outcome, approvalCode, rrn });
    if (this.opts.stateFile) {
      writeFileSync(`${this.opts.stateFile}.tmp`, JSON.stringify({ sequence: this.sequence, transactions: this.transactions }));
      renameSync(`${this.opts.stateFile}.tmp`, this.opts.stateFile);
    }
    if (outcome === 'no_answer') return;
    const rep = buildRep({ maskedPan: `************${this.opts.cardLast4 ?? '1234'}`, approvalCode: approvalCode ?? '', rrn: rrn ?? '' });
    this.answer = encodeAnswer(
      {
        pos: request.pos,
        status: outcome === 'approve' ? CONCERT_STATUS.ACCEPTED : CONCERT_STATUS.NOT_ACCEPTED,
        amountMinor: request.amountMinor,
        paymentMode: request.paymentMode,
        rep: outcome === 'approve' ? rep : '',
        currency: request.currency,
        privateData: request.privateData,
      },
      request.answerFlag === '1',
    );
    this.state = 'answering';
    this.opts.send(Uint8Array.of(CONCERT.ENQ));
  }
}

export function createConcertEmulator(opts: ConcertEmulatorOptions): ConcertEmulator {
  return new ConcertTerminalEmulator(opts);
}
