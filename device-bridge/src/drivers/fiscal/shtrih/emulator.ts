// A Shtrih-M register seen from the wire: the link handshake, the mode machine (shift closed / open / check open),
// counters and a fiscal journal persisted in a JSON state file, and faults to rehearse what goes wrong in shops.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { DeviceEmulator } from '../../codec';
import {
  CMD, FN_DOC, LINK, MARKING_TYPE_DATAMATRIX, MODE, SUBMODE, TAG, createLinkDecoder, decodeCloseCheck, decodeLine, decodeProductCode, decodeTlvs, encodeFrame,
  readText, readUintLE, textField, uintLE,
} from './codec';

export interface JournalLine {
  name: string;
  quantityThousandths: number;
  priceMinor: number;
  department: number;
  amountMinor: number;
  /** Tag 1162 bound to this line by FF4Dh: the marked unit's GTIN and serial as the register stored them. */
  productCode?: { gtin: string; serial: string };
  /** Every TLV bound to the line, as hex ("8a040e00444d…"), in the order received. */
  tlv?: string[];
}

export interface JournalEntry {
  documentNumber: number;
  fiscalDocumentNumber?: number;
  type: 'open_shift' | 'sale' | 'return' | 'cash_in' | 'cash_out' | 'x_report' | 'z_report';
  shiftNumber: number;
  at: string;
  receiptNumber?: number;
  lines?: JournalLine[];
  /** Cash, type 2, type 3, type 4. */
  payments?: number[];
  discountBasisPoints?: number;
  totalMinor?: number;
  changeMinor?: number;
  amountMinor?: number;
}

export interface ShtrihState {
  shiftNumber: number;
  shiftOpen: boolean;
  shiftOpenedAt?: string;
  receiptNumber: number;
  documentNumber: number;
  fiscalDocumentNumber: number;
  cashInDrawerMinor: number;
  shiftTotals: { salesMinor: number; returnsMinor: number; cashInMinor: number; cashOutMinor: number };
  openReceipt?: { type: 'sale' | 'return'; lines: JournalLine[] };
  journal: JournalEntry[];
}

export interface ShtrihEmulatorOptions {
  send: (bytes: Uint8Array) => void;
  /** JSON file holding counters and the fiscal journal across restarts. */
  stateFile?: string;
  now?: () => Date;
}

export interface ShtrihEmulator extends DeviceEmulator {
  readonly state: ShtrihState;
  /** Fault: no check paper — printing commands answer 6Bh. */
  setPaperOut(out: boolean): void;
  /** Fault: the next printing command takes effect, then the paper runs out mid-print (submode 2); once paper is back
   *  the register waits for continue-print B0h (submode 3) and refuses other commands with 58h. */
  paperRunsOutDuringNextPrint(): void;
  /** Fault: each printing command keeps the printer busy this long; commands meanwhile are refused with 50h. */
  setPrintingMs(ms: number): void;
  /** Fault: the next command frame arrives damaged (line noise): the register answers NAK and does not execute it. */
  nakNextFrame(): void;
  /** Fault: the next answer frame goes out with a wrong LRC once (the host should NAK it and get it again). */
  corruptNextAnswer(): void;
  /** Fault: the register does not answer anything (not even ENQ). */
  setSilent(silent: boolean): void;
  /** Fault: the next matching command is executed and stored, then power is lost before the answer; the register
   *  ignores the line for `offMs` and comes back with no answer pending. */
  powerCutOnNext(command?: number, offMs?: number): void;
  /** Fault: the next transmission of an answer frame is replaced by line noise (the answer stays pending). */
  sendGarbageOnce(bytes?: Uint8Array): void;
  /** Fault: make the open shift older than 24 hours. */
  expireShift(): void;
}

const PRINTING = new Set<number>([CMD.OPEN_SHIFT, CMD.SALE, CMD.RETURN_SALE, CMD.CLOSE_CHECK, CMD.CASH_IN, CMD.CASH_OUT, CMD.X_REPORT, CMD.Z_REPORT, CMD.PRINT_STRING, CMD.CANCEL_CHECK]);
const MINIMUM_DATA: Record<number, number> = { [CMD.FN_WRITE_OPERATION_TLV]: 8, [CMD.SALE]: 59, [CMD.RETURN_SALE]: 59, [CMD.CLOSE_CHECK]: 70, [CMD.CASH_IN]: 9, [CMD.CASH_OUT]: 9, [CMD.PRINT_STRING]: 45, [CMD.FN_FIND_DOCUMENT]: 8 };
const DAY_MS = 24 * 3600 * 1000;

class Refusal {
  constructor(readonly code: number) {}
}

function freshState(): ShtrihState {
  return {
    shiftNumber: 0, shiftOpen: false, receiptNumber: 0, documentNumber: 0, fiscalDocumentNumber: 1, cashInDrawerMinor: 0,
    shiftTotals: { salesMinor: 0, returnsMinor: 0, cashInMinor: 0, cashOutMinor: 0 },
    // fiscal document 1 is the registration report, made when the register was fiscalised
    journal: [],
  };
}

const hexTlv = (tag: number, value: Uint8Array) => Buffer.from([...uintLE(tag, 2), ...uintLE(value.length, 2), ...value]).toString('hex');

/** qty (thousandths) × price (minor) rounded half up to minor units, exactly. */
export function lineAmount(quantityThousandths: number, priceMinor: number): number {
  return Number((BigInt(quantityThousandths) * BigInt(priceMinor) + 500n) / 1000n);
}

class ShtrihRegister implements ShtrihEmulator {
  readonly kind = 'shtrih';
  readonly state: ShtrihState;
  private readonly decoder = createLinkDecoder();
  private pending: Uint8Array | undefined;
  private paperOut = false;
  private paperRunsOut = false;
  private nakNext = false;
  private corruptNext = false;
  private stoppedPrint = false;
  private printingMs = 0;
  private busyUntil = 0;
  private silent = false;
  private offUntil = 0;
  private cut: { command?: number; offMs: number } | undefined;
  private garbage: Uint8Array | undefined;

  constructor(private readonly opts: ShtrihEmulatorOptions) {
    this.state = opts.stateFile && existsSync(opts.stateFile) ? (JSON.parse(readFileSync(opts.stateFile, 'utf8')) as ShtrihState) : freshState();
  }

  setPaperOut(out: boolean) { this.paperOut = out; }
  paperRunsOutDuringNextPrint() { this.paperRunsOut = true; }
  nakNextFrame() { this.nakNext = true; }
  corruptNextAnswer() { this.corruptNext = true; }
  setPrintingMs(ms: number) { this.printingMs = ms; }

  private submode(): number {
    if (this.stoppedPrint) return this.paperOut ? SUBMODE.ACTIVE_PAPER_OUT : SUBMODE.WAITING_CONTINUE;
    if (this.paperOut) return SUBMODE.PASSIVE_PAPER_OUT;
    return Date.now() < this.busyUntil ? SUBMODE.PRINTING : SUBMODE.PAPER_PRESENT;
  }
  setSilent(silent: boolean) { this.silent = silent; }
  powerCutOnNext(command?: number, offMs = 300) { this.cut = { command, offMs }; }
  sendGarbageOnce(bytes = Uint8Array.of(0xff, 0x13, 0x37, 0xaa, 0x55, 0x80)) { this.garbage = bytes; }
  expireShift() {
    if (this.state.shiftOpen) this.state.shiftOpenedAt = new Date(this.now().getTime() - DAY_MS - 60000).toISOString();
    this.save();
  }

  receive(chunk: Uint8Array): void {
    if (this.silent || Date.now() < this.offUntil) return;
    for (const event of this.decoder.push(chunk)) {
      if (event.type === 'enq') {
        if (this.pending) {
          this.opts.send(Uint8Array.of(LINK.ACK));
          this.transmit(this.pending);
        } else this.opts.send(Uint8Array.of(LINK.NAK));
      } else if (event.type === 'ack') this.pending = undefined;
      else if (event.type === 'nak') {
        if (this.pending) this.transmit(this.pending);
      } else if (event.type === 'bad_frame') this.opts.send(Uint8Array.of(LINK.NAK));
      else if (event.type === 'frame' && this.nakNext) {
        this.nakNext = false;
        this.opts.send(Uint8Array.of(LINK.NAK));
      } else if (event.type === 'frame') {
        this.opts.send(Uint8Array.of(LINK.ACK));
        const answer = this.execute(event.command, event.data);
        const cut = this.cut;
        if (cut && (cut.command === undefined || cut.command === event.command)) {
          // power lost after the command took effect: RAM (the pending answer) is gone, the state file is not
          this.cut = undefined;
          this.pending = undefined;
          this.offUntil = Date.now() + cut.offMs;
          this.decoder.reset();
          return;
        }
        this.pending = answer;
        this.transmit(answer);
      }
    }
  }

  private transmit(frame: Uint8Array): void {
    if (this.garbage) {
      this.opts.send(this.garbage);
      this.garbage = undefined;
      return;
    }
    if (this.corruptNext) {
      this.corruptNext = false;
      const bad = Uint8Array.from(frame);
      bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
      this.opts.send(bad);
      return;
    }
    this.opts.send(frame);
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  private save(): void {
    if (!this.opts.stateFile) return;
    const tmp = `${this.opts.stateFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state, null, 1));
    renameSync(tmp, this.opts.stateFile);
  }

  private get shiftExpired(): boolean {
    return this.state.shiftOpen && !!this.state.shiftOpenedAt && this.now().getTime() - Date.parse(this.state.shiftOpenedAt) > DAY_MS;
  }

  private modeByte(): number {
    const r = this.state.openReceipt;
    if (r) return MODE.CHECK_OPEN | ((r.type === 'return' ? 2 : 0) << 4);
    if (!this.state.shiftOpen) return MODE.SHIFT_CLOSED;
    return this.shiftExpired ? MODE.SHIFT_EXPIRED : MODE.SHIFT_OPEN;
  }

  /** Runs one command; returns the answer frame (CMD, error byte, data). */
  private execute(command: number, data: Uint8Array): Uint8Array {
    try {
      if (data.length < 4 || data.length < (MINIMUM_DATA[command] ?? 4)) throw new Refusal(0x33);
      const operator = this.operatorFor(readUintLE(data, 0, 4));
      const out = this.run(command, data, operator);
      if (PRINTING.has(command)) {
        this.busyUntil = Date.now() + this.printingMs;
        if (this.paperRunsOut) {
          // the command is done (stored), but its printout stops when the roll ends
          this.paperRunsOut = false;
          this.paperOut = true;
          this.stoppedPrint = true;
        }
      }
      return encodeFrame(command, [0x00, ...out]);
    } catch (e) {
      if (e instanceof Refusal) return encodeFrame(command, [e.code]);
      throw e;
    }
  }

  /** Operators 1..28 have passwords 1..28; 29 is the administrator, 30 the system administrator. */
  private operatorFor(pwd: number): number {
    if (pwd >= 1 && pwd <= 30) return pwd;
    throw new Refusal(0x4f);
  }

  private run(command: number, data: Uint8Array, operator: number): number[] {
    const s = this.state;
    const query = command === CMD.SHORT_STATUS || command === CMD.FULL_STATUS || command === CMD.FN_STATUS || command === CMD.FN_FIND_DOCUMENT;
    if (!query && Date.now() < this.busyUntil) throw new Refusal(0x50);
    if (command === CMD.CONTINUE_PRINT) {
      if (!this.stoppedPrint) throw new Refusal(0x73);
      if (this.paperOut) throw new Refusal(0x6b);
      this.stoppedPrint = false;
      return [operator];
    }
    if (!query && this.stoppedPrint) throw new Refusal(this.paperOut ? 0x6b : 0x58);
    if (PRINTING.has(command) && this.paperOut) throw new Refusal(0x6b);
    switch (command) {
      case CMD.SHORT_STATUS:
        return [operator, 0x90, 0x00, this.modeByte(), this.submode(), 0, 0x33, 0x25, 0, 0, 0, 0xff, 0xff, 0xff, 0];
      case CMD.FULL_STATUS:
        return this.fullStatus(operator);
      case CMD.OPEN_SHIFT: {
        if (s.openReceipt) throw new Refusal(0x4a);
        if (s.shiftOpen) throw new Refusal(0x73);
        s.shiftNumber += 1;
        s.shiftOpen = true;
        s.shiftOpenedAt = this.now().toISOString();
        s.receiptNumber = 0;
        this.record({ type: 'open_shift' }, true);
        return [operator];
      }
      case CMD.SALE:
      case CMD.RETURN_SALE: {
        const type = command === CMD.SALE ? 'sale' : 'return';
        if (!s.shiftOpen) throw new Refusal(0x73);
        if (this.shiftExpired) throw new Refusal(0x4e);
        if (s.openReceipt && s.openReceipt.type !== type) throw new Refusal(0x5e);
        const f = decodeLine(data);
        if (f.quantityThousandths === 0 || f.department > 16) throw new Refusal(0x33);
        s.openReceipt ??= { type, lines: [] };
        if (s.openReceipt.lines.length >= 100) throw new Refusal(0x4b);
        s.openReceipt.lines.push({ name: f.text, quantityThousandths: f.quantityThousandths, priceMinor: f.priceMinor, department: f.department, amountMinor: lineAmount(f.quantityThousandths, f.priceMinor) });
        this.save();
        return [operator];
      }
      case CMD.FN_WRITE_OPERATION_TLV:
        this.bindToLastOperation(data.subarray(4), operator);
        return [];
      case CMD.CLOSE_CHECK:
        return [operator, ...uintLE(this.closeCheck(data), 5)];
      case CMD.CANCEL_CHECK:
        if (!s.openReceipt) throw new Refusal(0x73);
        s.openReceipt = undefined;
        this.save();
        return [operator];
      case CMD.CASH_IN:
      case CMD.CASH_OUT: {
        if (s.openReceipt) throw new Refusal(0x4a);
        if (!s.shiftOpen) throw new Refusal(0x73);
        const amount = readUintLE(data, 4, 5);
        if (command === CMD.CASH_OUT && amount > s.cashInDrawerMinor) throw new Refusal(0x46);
        s.cashInDrawerMinor += command === CMD.CASH_IN ? amount : -amount;
        if (command === CMD.CASH_IN) s.shiftTotals.cashInMinor += amount;
        else s.shiftTotals.cashOutMinor += amount;
        this.record({ type: command === CMD.CASH_IN ? 'cash_in' : 'cash_out', amountMinor: amount }, false);
        return [operator, ...uintLE(s.documentNumber & 0xffff, 2)];
      }
      case CMD.X_REPORT:
      case CMD.Z_REPORT: {
        if (operator < 29) throw new Refusal(0x4f);
        if (s.openReceipt) throw new Refusal(0x4a);
        if (command === CMD.Z_REPORT) {
          if (!s.shiftOpen) throw new Refusal(0x73);
          this.record({ type: 'z_report', amountMinor: s.shiftTotals.salesMinor - s.shiftTotals.returnsMinor }, true);
          s.shiftOpen = false;
          s.shiftOpenedAt = undefined;
          s.shiftTotals = { salesMinor: 0, returnsMinor: 0, cashInMinor: 0, cashOutMinor: 0 };
          this.save();
        } else this.record({ type: 'x_report', amountMinor: s.shiftTotals.salesMinor - s.shiftTotals.returnsMinor }, false);
        return [operator];
      }
      case CMD.PRINT_STRING:
        readText(data.subarray(5, 45));
        return [operator];
      case CMD.FN_STATUS: {
        const at = this.now();
        const dt = [at.getFullYear() % 100, at.getMonth() + 1, at.getDate(), at.getHours(), at.getMinutes()];
        return [3, 0, 0, s.shiftOpen ? 1 : 0, 0, ...dt, ...textField('9999078900012345', 16), ...uintLE(s.fiscalDocumentNumber, 4)];
      }
      case CMD.FN_FIND_DOCUMENT:
        return this.findDocument(readUintLE(data, 4, 4));
      default:
        throw new Refusal(0x37);
    }
  }

  /** FF4Dh: the TLVs belong to the last line of the open receipt; the system administrator's password only. */
  private bindToLastOperation(tlvBytes: Uint8Array, operator: number): void {
    if (operator !== 30) throw new Refusal(0x4f);
    const line = this.state.openReceipt?.lines.at(-1);
    if (!line) throw new Refusal(0x73);
    const tlvs = decodeTlvs(tlvBytes);
    if (!tlvs || tlvs.length === 0) throw new Refusal(0x33);
    for (const { tag, value } of tlvs) {
      if (tag === TAG.PRODUCT_CODE) {
        const code = decodeProductCode(value);
        if (!code || code.type !== MARKING_TYPE_DATAMATRIX || value.length > 32) throw new Refusal(0x33);
        line.productCode = { gtin: code.gtin, serial: code.serial };
      }
      (line.tlv ??= []).push(hexTlv(tag, value));
    }
    this.save();
  }

  private closeCheck(data: Uint8Array): number {
    const s = this.state;
    const receipt = s.openReceipt;
    if (!receipt) throw new Refusal(0x73);
    const f = decodeCloseCheck(data);
    if (f.discountBasisPoints > 9999) throw new Refusal(0x33);
    const gross = receipt.lines.reduce((sum, l) => sum + l.amountMinor, 0);
    const discount = Number((BigInt(gross) * BigInt(f.discountBasisPoints) + 5000n) / 10000n);
    const total = gross - discount;
    if (total === 0) throw new Refusal(0x8e);
    const [cash, ...others] = f.payments as [number, number, number, number];
    const cashless = others.reduce((a, b) => a + b, 0);
    if (cashless > total) throw new Refusal(0x4d);
    if (cash + cashless < total) throw new Refusal(0x45);
    const change = cash + cashless - total;
    const cashMovement = total - cashless;
    if (receipt.type === 'return' && cashMovement > s.cashInDrawerMinor) throw new Refusal(0x46);
    s.cashInDrawerMinor += receipt.type === 'sale' ? cashMovement : -cashMovement;
    if (receipt.type === 'sale') s.shiftTotals.salesMinor += total;
    else s.shiftTotals.returnsMinor += total;
    s.receiptNumber += 1;
    s.openReceipt = undefined;
    this.record(
      { type: receipt.type, receiptNumber: s.receiptNumber, lines: receipt.lines, payments: [...f.payments], discountBasisPoints: f.discountBasisPoints, totalMinor: total, changeMinor: change },
      true,
    );
    return change;
  }

  private record(entry: Omit<JournalEntry, 'documentNumber' | 'shiftNumber' | 'at'>, fiscal: boolean): void {
    const s = this.state;
    s.documentNumber += 1;
    if (fiscal) s.fiscalDocumentNumber += 1;
    s.journal.push({
      documentNumber: s.documentNumber,
      ...(fiscal ? { fiscalDocumentNumber: s.fiscalDocumentNumber } : {}),
      shiftNumber: s.shiftNumber,
      at: this.now().toISOString(),
      ...entry,
    });
    this.save();
  }

  private fullStatus(operator: number): number[] {
    const s = this.state;
    const at = this.now();
    const date = [at.getDate(), at.getMonth() + 1, at.getFullYear() % 100];
    const time = [at.getHours(), at.getMinutes(), at.getSeconds()];
    const lastClosedShift = s.shiftOpen ? s.shiftNumber - 1 : s.shiftNumber;
    return [
      operator, 0x41, 0x33, ...uintLE(2040, 2), 1, 3, 24, 1, ...uintLE(s.documentNumber & 0xffff, 2), 0x90, 0x00, this.modeByte(), this.submode(), 1,
      0x41, 0x33, ...uintLE(2040, 2), 1, 3, 24, ...date, ...time, 0x0f, ...uintLE(12345678, 4), ...uintLE(Math.max(0, lastClosedShift), 2), ...uintLE(2000, 2), 0, 3,
      ...uintLE(7707083893, 6),
    ];
  }

  private findDocument(number: number): number[] {
    const entry = this.state.journal.find((e) => e.fiscalDocumentNumber === number);
    if (number === 1 && !entry) return [...uintLE(FN_DOC.REGISTRATION, 2), 1, 26, 1, 1, 9, 0, ...uintLE(1, 4), ...uintLE(0x5a5a5a5a, 4)];
    if (!entry) throw new Refusal(0x08);
    const at = new Date(entry.at);
    const head = [at.getFullYear() % 100, at.getMonth() + 1, at.getDate(), at.getHours(), at.getMinutes(), ...uintLE(number, 4), ...uintLE(0x5a5a5a5a, 4)];
    if (entry.type === 'sale' || entry.type === 'return') return [...uintLE(FN_DOC.RECEIPT, 2), 1, ...head, entry.type === 'sale' ? 1 : 2, ...uintLE(entry.totalMinor ?? 0, 5)];
    const type = entry.type === 'open_shift' ? FN_DOC.OPEN_SHIFT : FN_DOC.CLOSE_SHIFT;
    return [...uintLE(type, 2), 1, ...head, ...uintLE(entry.shiftNumber, 2)];
  }
}

export function createShtrihEmulator(opts: ShtrihEmulatorOptions): ShtrihEmulator {
  return new ShtrihRegister(opts);
}
