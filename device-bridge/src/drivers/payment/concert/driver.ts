// Ingenico Concert driver: the two ENQ/ACK sessions of one transaction, with timeouts and NAK resends.
// A purchase is resent only while the terminal has not ACKed it; once it has, a missing answer is payment.no_answer
// (the customer may have paid) and the till must ask the cashier to check the terminal, never charge again blindly.
import { DomainError } from '@kasa/domain';
import type { Transport } from '../../../transports/transport';
import { FrameQueue } from '../../scales/frame-queue';
import { CURRENCY_NUMERIC, currencyFromNumeric, type PaymentRequest, type PaymentResult, type PaymentTerminal } from '../payment-terminal';
import { CONCERT, CONCERT_STATUS, DEFAULT_REP_LAYOUT, TRANSACTION_TYPE, createConcertDecoder, decodeAnswer, encodeRequest, readRep, type ConcertEvent, type RepLayout } from './codec';

export interface ConcertOptions {
  /** Cash desk number, 2 digits (default "01"). */
  pos?: string;
  /** ACK/NAK wait (the manual's 3 s). */
  linkTimeoutMs?: number;
  /** The customer's time at the terminal: card, PIN, authorisation. */
  answerTimeoutMs?: number;
  retries?: number;
  repLayout?: RepLayout;
  /** 'B010' the terminal decides, 'B011' forces an online authorisation. */
  authorisation?: string;
}

export class ConcertTerminal implements PaymentTerminal {
  private readonly queue: FrameQueue<ConcertEvent>;
  private readonly o: Required<ConcertOptions>;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: Transport,
    options: ConcertOptions = {},
  ) {
    this.queue = new FrameQueue(transport, createConcertDecoder());
    this.o = { pos: '01', linkTimeoutMs: 3000, answerTimeoutMs: 180000, retries: 3, repLayout: DEFAULT_REP_LAYOUT, authorisation: 'B010', ...options };
  }

  purchase(r: PaymentRequest) {
    return this.transaction(TRANSACTION_TYPE.debit, r);
  }
  refund(r: PaymentRequest) {
    return this.transaction(TRANSACTION_TYPE.credit, r);
  }
  cancel(r: PaymentRequest) {
    return this.transaction(TRANSACTION_TYPE.cancellation, r);
  }

  private transaction(type: (typeof TRANSACTION_TYPE)[keyof typeof TRANSACTION_TYPE], r: PaymentRequest): Promise<PaymentResult> {
    const job = () => this.run(type, r);
    const next = this.busy.then(job, job);
    this.busy = next.catch(() => undefined);
    return next;
  }

  private async run(type: (typeof TRANSACTION_TYPE)[keyof typeof TRANSACTION_TYPE], r: PaymentRequest): Promise<PaymentResult> {
    const frame = encodeRequest({
      pos: this.o.pos, amountMinor: r.amountMinor, answerFlag: '1', paymentMode: '1', type, currency: CURRENCY_NUMERIC[r.currency],
      privateData: (r.reference ?? '').slice(0, 10), delay: 'A010', authorisation: this.o.authorisation,
    });
    await this.send(frame);
    const text = await this.receive();
    const a = decodeAnswer(text);
    const rep = readRep(a.rep, this.o.repLayout);
    return {
      outcome: a.status === CONCERT_STATUS.ACCEPTED ? 'approved' : 'declined',
      amountMinor: a.amountMinor,
      currency: currencyFromNumeric(a.currency),
      ...(rep.approvalCode ? { approvalCode: rep.approvalCode } : {}),
      ...(rep.maskedPan ? { maskedPan: rep.maskedPan } : {}),
      ...(rep.rrn ? { rrn: rep.rrn } : {}),
      terminalStatus: a.status,
    };
  }

  /** ECR session: ENQ, message, EOT. Nothing has happened at the terminal until it ACKs the message. */
  private async send(frame: Uint8Array): Promise<void> {
    const control = (e: ConcertEvent) => e.type === 'ack' || e.type === 'nak';
    let connected = false;
    for (let i = 0; i <= this.o.retries && !connected; i++) {
      this.queue.clear();
      await this.transport.write(Uint8Array.of(CONCERT.ENQ));
      connected = (await this.queue.next(this.o.linkTimeoutMs, control))?.type === 'ack';
    }
    if (!connected) throw new DomainError('payment.no_answer', { stage: 'connect' });
    for (let i = 0; i <= this.o.retries; i++) {
      await this.transport.write(frame);
      const e = await this.queue.next(this.o.linkTimeoutMs, control);
      if (e?.type === 'ack') {
        await this.transport.write(Uint8Array.of(CONCERT.EOT));
        return;
      }
      if (!e) break;
    }
    await this.transport.write(Uint8Array.of(CONCERT.EOT));
    throw new DomainError('payment.no_answer', { stage: 'request' });
  }

  /** Terminal session: wait for its ENQ, ACK it, take the answer (NAK a bad LRC), ACK, then EOT. */
  private async receive(): Promise<string> {
    const enq = await this.queue.next(this.o.answerTimeoutMs, (e) => e.type === 'enq');
    if (!enq) throw new DomainError('payment.no_answer', { stage: 'answer' });
    await this.transport.write(Uint8Array.of(CONCERT.ACK));
    for (let i = 0; i <= this.o.retries; i++) {
      const e = await this.queue.next(this.o.linkTimeoutMs, (x) => x.type === 'message' || x.type === 'bad_message');
      if (e?.type === 'message') {
        await this.transport.write(Uint8Array.of(CONCERT.ACK));
        await this.queue.next(this.o.linkTimeoutMs, (x) => x.type === 'eot');
        return e.text;
      }
      if (!e) break;
      await this.transport.write(Uint8Array.of(CONCERT.NAK));
    }
    throw new DomainError('payment.no_answer', { stage: 'answer' });
  }

  dispose(): void {
    this.queue.dispose();
  }
}
