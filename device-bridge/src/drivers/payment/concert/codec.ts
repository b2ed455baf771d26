// Ingenico "Concert" ECR protocol, version E+ (Concert V3): serial 9600 7E1 (or TCP), ASCII messages.
// Session: ECR ENQ → terminal ACK → ECR  STX <message> ETX LRC → ACK (NAK: resend) → ECR EOT;
// after the transaction the terminal opens its own session: ENQ → ECR ACK → STX <answer> ETX LRC → ACK → EOT.
// LRC = XOR of every byte after STX up to and including ETX.
// Request, 34 characters (E+):  POS number 2 | amount 8 (minor units, zero padded) | answer flag 1 ('1' = send the REP
//   field) | payment mode 1 ('1' card) | transaction type 1 ('0' debit, '1' credit, '2' cancellation, '4' pre-auth) |
//   currency 3 (ISO 4217 numeric) | private data 10 | delay 4 ('A010' answer at the end of the transaction) |
//   authorisation 4 ('B010' terminal decides, 'B011' force online).
// Answer: POS number 2 | status 1 ('0' accepted, '7' not accepted, '9' request handled) | amount 8 | payment mode 1 |
//   REP 55 (only when the answer flag was '1') | currency 3 | private data 10  — 80 (or 25) characters.
// The layout is the one of the Concert E/E+ message as implemented by open-source ECR connectors.
import { ascii, concatBytes, fromAscii, scanningDecoder } from '../../scales/frame-queue';

export const CONCERT = { STX: 0x02, ETX: 0x03, EOT: 0x04, ENQ: 0x05, ACK: 0x06, NAK: 0x15, REQUEST_LENGTH: 34, ANSWER_LENGTH: 80, SHORT_ANSWER_LENGTH: 25 } as const;
export const TRANSACTION_TYPE = { debit: '0', credit: '1', cancellation: '2', preauthorisation: '4' } as const;
export const CONCERT_STATUS = { ACCEPTED: '0', NOT_ACCEPTED: '7', HANDLED: '9' } as const;

export interface ConcertRequest {
  pos: string;
  amountMinor: number;
  answerFlag: '0' | '1';
  paymentMode: string;
  type: (typeof TRANSACTION_TYPE)[keyof typeof TRANSACTION_TYPE];
  currency: string;
  privateData: string;
  delay: string;
  authorisation: string;
}

export interface ConcertAnswer {
  pos: string;
  status: string;
  amountMinor: number;
  paymentMode: string;
  rep: string;
  currency: string;
  privateData: string;
}

/** Where a terminal puts card details inside REP. Concert leaves REP to the terminal's configuration, so this is data. */
export interface RepLayout {
  maskedPan: [start: number, length: number];
  approvalCode: [start: number, length: number];
  rrn: [start: number, length: number];
}
export const DEFAULT_REP_LAYOUT: RepLayout = { maskedPan: [0, 19], approvalCode: [19, 6], rrn: [25, 12] };

export function concertLrc(bytes: ArrayLike<number>): number {
  let x = 0;
  for (let i = 0; i < bytes.length; i++) x ^= bytes[i]!;
  return x;
}

export function wrap(message: string): Uint8Array {
  const body = concatBytes(ascii(message), [CONCERT.ETX]);
  return concatBytes([CONCERT.STX], body, [concertLrc(body)]);
}

const fit = (value: string, length: number, pad = ' ') => value.padEnd(length, pad).slice(0, length);
const digits = (value: number, length: number) => {
  if (!Number.isSafeInteger(value) || value < 0 || String(value).length > length) throw new RangeError(`${value} does not fit ${length} digits`);
  return String(value).padStart(length, '0');
};

export function encodeRequest(r: ConcertRequest): Uint8Array {
  const message =
    digits(Number(r.pos), 2) + digits(r.amountMinor, 8) + r.answerFlag + fit(r.paymentMode, 1) + r.type + fit(r.currency, 3) + fit(r.privateData, 10) + fit(r.delay, 4) + fit(r.authorisation, 4);
  return wrap(message);
}

export function decodeRequest(message: string): ConcertRequest {
  if (message.length !== CONCERT.REQUEST_LENGTH) throw new RangeError(`Concert E+ request is 34 characters, got ${message.length}`);
  return {
    pos: message.slice(0, 2),
    amountMinor: Number(message.slice(2, 10)),
    answerFlag: message[10] === '1' ? '1' : '0',
    paymentMode: message.slice(11, 12),
    type: message.slice(12, 13) as ConcertRequest['type'],
    currency: message.slice(13, 16),
    privateData: message.slice(16, 26),
    delay: message.slice(26, 30),
    authorisation: message.slice(30, 34),
  };
}

export function encodeAnswer(a: ConcertAnswer, withRep = true): Uint8Array {
  return wrap(digits(Number(a.pos), 2) + fit(a.status, 1) + digits(a.amountMinor, 8) + fit(a.paymentMode, 1) + (withRep ? fit(a.rep, 55) : '') + fit(a.currency, 3) + fit(a.privateData, 10));
}

export function decodeAnswer(message: string): ConcertAnswer {
  const withRep = message.length === CONCERT.ANSWER_LENGTH;
  if (!withRep && message.length !== CONCERT.SHORT_ANSWER_LENGTH) throw new RangeError(`Concert answer is 80 or 25 characters, got ${message.length}`);
  const tail = withRep ? 67 : 12;
  return {
    pos: message.slice(0, 2),
    status: message.slice(2, 3),
    amountMinor: Number(message.slice(3, 11)),
    paymentMode: message.slice(11, 12),
    rep: withRep ? message.slice(12, 67) : '',
    currency: message.slice(tail, tail + 3),
    privateData: message.slice(tail + 3, tail + 13),
  };
}

export function buildRep(fields: { maskedPan: string; approvalCode: string; rrn: string }, layout = DEFAULT_REP_LAYOUT): string {
  const rep = Array.from(' '.repeat(55));
  const put = ([start, length]: [number, number], value: string) => fit(value, length).split('').forEach((c, i) => (rep[start + i] = c));
  put(layout.maskedPan, fields.maskedPan);
  put(layout.approvalCode, fields.approvalCode);
  put(layout.rrn, fields.rrn);
  return rep.join('');
}

export function readRep(rep: string, layout = DEFAULT_REP_LAYOUT): { maskedPan?: string; approvalCode?: string; rrn?: string } {
  const get = ([start, length]: [number, number]) => rep.slice(start, start + length).trim() || undefined;
  return { maskedPan: get(layout.maskedPan), approvalCode: get(layout.approvalCode), rrn: get(layout.rrn) };
}

export type ConcertEvent = { type: 'ack' } | { type: 'nak' } | { type: 'enq' } | { type: 'eot' } | { type: 'message'; text: string } | { type: 'bad_message' };

export function createConcertDecoder() {
  return scanningDecoder<ConcertEvent>((buf) => {
    const b = buf[0]!;
    if (b === CONCERT.ACK) return { frame: { type: 'ack' }, end: 1 };
    if (b === CONCERT.NAK) return { frame: { type: 'nak' }, end: 1 };
    if (b === CONCERT.ENQ) return { frame: { type: 'enq' }, end: 1 };
    if (b === CONCERT.EOT) return { frame: { type: 'eot' }, end: 1 };
    if (b !== CONCERT.STX) return { drop: 1 };
    const etx = buf.indexOf(CONCERT.ETX, 1);
    if (etx < 0) return buf.length > 200 ? { drop: 1 } : 'more';
    if (buf.length < etx + 2) return 'more';
    if (concertLrc(buf.subarray(1, etx + 1)) !== buf[etx + 1]) return { frame: { type: 'bad_message' }, end: etx + 2 };
    return { frame: { type: 'message', text: fromAscii(buf.subarray(1, etx)) }, end: etx + 2 };
  });
}
