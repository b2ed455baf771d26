// Shtrih-M driver: the ENQ/ACK link with timeouts and retries, and the FiscalProtocol commands on top.
// Retry rule: a command frame is resent only after the register NAKs it (bad LRC: it was not executed). Once the
// register has ACKed a frame that changes state, a lost answer is never "fixed" by resending — the driver raises
// fiscal.no_answer and the job layer reconciles with lastDocument(), so a receipt is never printed twice.
import { DomainError, parseMarkingCode } from '@kasa/domain';
import type { Transport } from '../../../transports/transport';
import { FrameQueue } from '../../scales/frame-queue';
import {
  CMD, FN_DOC, FN_STATUS, FULL_STATUS, LINK, MODE, SHORT_STATUS, SUBMODE, TAG, createLinkDecoder, encodeCash, encodeCloseCheck, encodeFindDocument,
  encodeLine, encodeOperationTlv, encodePasswordOnly, encodePrintString, productCodeValue, readUintLE, tlv, type LinkEvent,
} from './codec';
import { shtrihError } from './errors';
import { quantityToThousandths, type FiscalMode, type FiscalProtocol, type FiscalStatus, type LastDocument, type ReceiptClose, type ReceiptLine } from '../fiscal-protocol';

export interface ShtrihOptions {
  /** Operator password (operators 1..28 have passwords 1..28; default 30, the system administrator). */
  operatorPassword?: number;
  /** Administrator password for X/Z reports (default 30). */
  adminPassword?: number;
  /** System administrator password for the FN commands that take only it, e.g. FF4Dh (default 30). */
  sysAdminPassword?: number;
  /** Wait for ACK/NAK after ENQ or after a frame. */
  linkTimeoutMs?: number;
  /** Wait for the answer frame after the command was accepted (reports print for seconds on real hardware). */
  answerTimeoutMs?: number;
  /** Resends after NAK, and attempts for read-only queries. */
  retries?: number;
  /** While the register answers 50h "printing previous command", wait this long and send again (default 200 ms)... */
  busyRetryMs?: number;
  /** ...at most this many times (default 50). */
  busyRetries?: number;
}

const QUERIES = new Set<number>([CMD.SHORT_STATUS, CMD.FULL_STATUS, CMD.FN_STATUS, CMD.FN_FIND_DOCUMENT]);
const frameEvent = (e: LinkEvent) => e.type === 'frame' || e.type === 'bad_frame';

export class ShtrihFiscal implements FiscalProtocol {
  private readonly queue: FrameQueue<LinkEvent>;
  private readonly pwd: number;
  private readonly adminPwd: number;
  private readonly sysAdminPwd: number;
  private readonly linkTimeout: number;
  private readonly answerTimeout: number;
  private readonly retries: number;
  private readonly busyRetryMs: number;
  private readonly busyRetries: number;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly transport: Transport,
    options: ShtrihOptions = {},
  ) {
    this.queue = new FrameQueue(transport, createLinkDecoder());
    this.pwd = options.operatorPassword ?? 30;
    this.adminPwd = options.adminPassword ?? 30;
    this.sysAdminPwd = options.sysAdminPassword ?? 30;
    this.linkTimeout = options.linkTimeoutMs ?? 1000;
    this.answerTimeout = options.answerTimeoutMs ?? 20000;
    this.retries = options.retries ?? 3;
    this.busyRetryMs = options.busyRetryMs ?? 200;
    this.busyRetries = options.busyRetries ?? 50;
  }

  /** Sends one command frame and returns the answer data after the error byte; throws DomainError on errors. */
  send(frame: Uint8Array): Promise<Uint8Array> {
    const job = () => this.withPrinterRecovery(frame);
    const next = this.busy.then(job, job);
    this.busy = next.catch(() => undefined);
    return next;
  }

  /** A command refused with 50h (still printing) or 58h (waiting for continue-print after the paper was replaced) was
   *  not executed, so it is safe to send again: after a pause, or after B0h continue-print. */
  private async withPrinterRecovery(frame: Uint8Array): Promise<Uint8Array> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.exchange(frame);
      } catch (e) {
        if (!(e instanceof DomainError) || attempt >= this.busyRetries) throw e;
        if (e.code === 'fiscal.printing_previous_command') await new Promise((r) => setTimeout(r, this.busyRetryMs));
        else if (e.code === 'fiscal.waiting_continue_print') {
          await this.exchange(encodePasswordOnly(CMD.CONTINUE_PRINT, this.pwd)).catch((busy: unknown) => {
            if (!(busy instanceof DomainError && busy.code === 'fiscal.printing_previous_command')) throw busy;
          });
        }
        else throw e;
      }
    }
  }

  private async exchange(frame: Uint8Array): Promise<Uint8Array> {
    const command = frame[2] === 0xff ? 0xff00 | frame[3]! : frame[2]!;
    const query = QUERIES.has(command);
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (!(await this.ready())) continue;
      const accepted = await this.sendFrame(frame);
      if (accepted === 'nak') throw new DomainError('fiscal.link_error', { command: hex(command) });
      if (accepted === 'silent') {
        if (query) continue;
        throw new DomainError('fiscal.no_answer', { command: hex(command), stage: 'frame' });
      }
      const answer = await this.readAnswer();
      if (!answer) {
        if (query) continue;
        throw new DomainError('fiscal.no_answer', { command: hex(command), stage: 'answer' });
      }
      if (answer.command !== command) throw new DomainError('fiscal.link_error', { command: hex(command), answered: hex(answer.command) });
      const code = answer.data[0] ?? 0xff;
      if (code !== 0) throw shtrihError(code, command);
      return answer.data;
    }
    throw new DomainError('fiscal.no_answer', { command: hex(command), stage: 'link' });
  }

  /** ENQ until the register says NAK (ready); a stale answer it still holds (ACK) is read and dropped. */
  private async ready(): Promise<boolean> {
    for (let i = 0; i <= this.retries; i++) {
      this.queue.clear();
      await this.transport.write(Uint8Array.of(LINK.ENQ));
      const e = await this.queue.next(this.linkTimeout, (x) => x.type === 'ack' || x.type === 'nak');
      if (!e) return false;
      if (e.type === 'nak') return true;
      const stale = await this.queue.next(this.linkTimeout, frameEvent);
      if (stale?.type === 'frame') await this.transport.write(Uint8Array.of(LINK.ACK));
    }
    return false;
  }

  private async sendFrame(frame: Uint8Array): Promise<'ack' | 'nak' | 'silent'> {
    for (let i = 0; i <= this.retries; i++) {
      this.queue.clear();
      await this.transport.write(frame);
      const e = await this.queue.next(this.linkTimeout, (x) => x.type === 'ack' || x.type === 'nak');
      if (!e) return 'silent';
      if (e.type === 'ack') return 'ack';
    }
    return 'nak';
  }

  private async readAnswer(): Promise<{ command: number; data: Uint8Array } | undefined> {
    let timeout = this.answerTimeout;
    for (let i = 0; i <= this.retries; i++) {
      const e = await this.queue.next(timeout, frameEvent);
      if (e?.type === 'frame') {
        await this.transport.write(Uint8Array.of(LINK.ACK));
        return e;
      }
      this.queue.clear();
      if (e?.type === 'bad_frame') {
        await this.transport.write(Uint8Array.of(LINK.NAK));
      } else {
        // nothing (or only noise) came: ask whether an answer is pending — ACK means it follows
        await this.transport.write(Uint8Array.of(LINK.ENQ));
        const r = await this.queue.next(this.linkTimeout, (x) => x.type === 'ack' || x.type === 'nak');
        if (r?.type !== 'ack') return undefined;
      }
      timeout = this.linkTimeout;
    }
    return undefined;
  }

  // ---- FiscalProtocol ------------------------------------------------------------------------------------------

  async status(): Promise<FiscalStatus> {
    const d = await this.send(encodePasswordOnly(CMD.FULL_STATUS, this.pwd));
    const raw = d[FULL_STATUS.MODE] ?? 0;
    const low = raw & 0x0f;
    const mode: FiscalMode = low === MODE.CHECK_OPEN ? 'receipt_open' : low === MODE.SHIFT_OPEN ? 'shift_open' : low === MODE.SHIFT_EXPIRED ? 'shift_expired' : low === MODE.SHIFT_CLOSED ? 'shift_closed' : 'other';
    const submode = d[FULL_STATUS.SUBMODE] ?? 0;
    return {
      mode,
      rawMode: raw,
      ...(mode === 'receipt_open' ? { receiptType: raw >> 4 === 2 ? ('return' as const) : ('sale' as const) } : {}),
      paperOut: submode === SUBMODE.PASSIVE_PAPER_OUT || submode === SUBMODE.ACTIVE_PAPER_OUT,
      printer: submode === SUBMODE.WAITING_CONTINUE ? 'waiting_continue' : submode === SUBMODE.PASSIVE_PAPER_OUT || submode === SUBMODE.ACTIVE_PAPER_OUT ? 'paper_out' : submode >= SUBMODE.PRINTING ? 'printing' : 'ready',
      operator: d[FULL_STATUS.OPERATOR] ?? 0,
      documentNumber: readUintLE(d, FULL_STATUS.DOCUMENT_NUMBER, 2),
      lastShiftNumber: readUintLE(d, FULL_STATUS.LAST_SHIFT, 2),
    };
  }

  /** 10h: the quick poll (mode and paper) used while printing. */
  async shortStatus(): Promise<{ rawMode: number; submode: number; operator: number }> {
    const d = await this.send(encodePasswordOnly(CMD.SHORT_STATUS, this.pwd));
    return { rawMode: d[SHORT_STATUS.MODE] ?? 0, submode: d[SHORT_STATUS.SUBMODE] ?? 0, operator: d[SHORT_STATUS.OPERATOR] ?? 0 };
  }

  async openShift(): Promise<void> {
    await this.send(encodePasswordOnly(CMD.OPEN_SHIFT, this.pwd));
  }

  async sale(line: ReceiptLine): Promise<void> {
    await this.registerLine(CMD.SALE, line);
  }

  async returnSale(line: ReceiptLine): Promise<void> {
    await this.registerLine(CMD.RETURN_SALE, line);
  }

  /** 80h/82h, then for a marked unit FF4Dh with tag 1162: the register binds the tag to the operation just made. The
   *  code is checked before the line goes out, so a bad code never leaves a line without its tag. */
  private async registerLine(command: typeof CMD.SALE | typeof CMD.RETURN_SALE, line: ReceiptLine): Promise<void> {
    const productCode = line.markingCode ? productCodeTlv(line.markingCode) : undefined;
    await this.send(encodeLine(command, this.pwd, lineFields(line)));
    if (productCode) await this.send(encodeOperationTlv(this.sysAdminPwd, productCode));
  }

  async closeReceipt(close: ReceiptClose): Promise<{ changeMinor: number }> {
    const p = close.payments;
    const d = await this.send(
      encodeCloseCheck(this.pwd, {
        payments: [p.cash ?? 0, p.card ?? 0, p.type3 ?? 0, p.type4 ?? 0],
        discountBasisPoints: close.discountBasisPoints ?? 0,
        taxes: close.taxes ?? [0, 0, 0, 0],
        text: close.text ?? '',
      }),
    );
    return { changeMinor: readUintLE(d, 2, 5) };
  }

  async cancelReceipt(): Promise<void> {
    await this.send(encodePasswordOnly(CMD.CANCEL_CHECK, this.pwd));
  }

  async cashIn(amountMinor: number): Promise<{ documentNumber: number }> {
    const d = await this.send(encodeCash(CMD.CASH_IN, this.pwd, amountMinor));
    return { documentNumber: readUintLE(d, 2, 2) };
  }

  async cashOut(amountMinor: number): Promise<{ documentNumber: number }> {
    const d = await this.send(encodeCash(CMD.CASH_OUT, this.pwd, amountMinor));
    return { documentNumber: readUintLE(d, 2, 2) };
  }

  async xReport(): Promise<void> {
    await this.send(encodePasswordOnly(CMD.X_REPORT, this.adminPwd));
  }

  async zReport(): Promise<void> {
    await this.send(encodePasswordOnly(CMD.Z_REPORT, this.adminPwd));
  }

  async printText(text: string): Promise<void> {
    await this.send(encodePrintString(this.pwd, text));
  }

  async lastDocument(): Promise<LastDocument> {
    const full = await this.send(encodePasswordOnly(CMD.FULL_STATUS, this.pwd));
    const fn = await this.send(encodePasswordOnly(CMD.FN_STATUS, this.pwd));
    const fiscalDocumentNumber = readUintLE(fn, FN_STATUS.LAST_FD, 4);
    const doc = await this.send(encodeFindDocument(this.pwd, fiscalDocumentNumber));
    const type = readUintLE(doc, 1, 2);
    const base = { documentNumber: readUintLE(full, FULL_STATUS.DOCUMENT_NUMBER, 2), fiscalDocumentNumber };
    // FF0Ah answer: type(2) OFD receipt(1) date-time(5) FD number(4) fiscal sign(4), then per type
    if (type === FN_DOC.RECEIPT) return { ...base, kind: 'receipt', operation: doc[17] === 2 ? 'return' : 'sale', totalMinor: readUintLE(doc, 18, 5) };
    if (type === FN_DOC.OPEN_SHIFT || type === FN_DOC.CLOSE_SHIFT) return { ...base, kind: type === FN_DOC.OPEN_SHIFT ? 'open_shift' : 'close_shift', shiftNumber: readUintLE(doc, 17, 2) };
    return { ...base, kind: type === FN_DOC.REGISTRATION ? 'registration' : 'other' };
  }

  dispose(): void {
    this.queue.dispose();
  }
}

function lineFields(line: ReceiptLine) {
  if (!Number.isSafeInteger(line.priceMinor) || line.priceMinor < 0) throw new DomainError('fiscal.invalid_parameters', { priceMinor: line.priceMinor });
  return { quantityThousandths: quantityToThousandths(line.quantity), priceMinor: line.priceMinor, department: line.department ?? 1, taxes: line.taxes ?? ([0, 0, 0, 0] as [number, number, number, number]), text: line.name };
}

/** Tag 1162 for a scanned DataMatrix code; refused as marking.invalid without a GTIN and serial. A parsed serial is at
 *  most 20 characters of GS1 set 82 (printable ASCII), so 2 + 6 + 20 bytes always fit the tag's 32. */
export function productCodeTlv(markingCode: string): number[] {
  const m = parseMarkingCode(markingCode);
  return tlv(TAG.PRODUCT_CODE, productCodeValue(m.gtin, m.serial));
}

const hex = (n: number) => `0x${n.toString(16)}`;
