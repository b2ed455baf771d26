// Shtrih-M serial protocol (the "Shtrih-M protocol of the cash register", v1.x, as used by Shtrih-M/FR-K/ELVES):
//   link:   host ENQ 05h → register NAK 15h (ready for a command) or ACK 06h (an answer is pending, it follows);
//           after each frame the receiver answers ACK, or NAK when the LRC is wrong and the frame is resent.
//   frame:  STX 02h | LEN (bytes of CMD + DATA) | CMD (1 byte, or 2 bytes FFh xx) | DATA | LRC = XOR of LEN..DATA.
//   answer: the same frame with CMD echoed and an error byte first in DATA.
// Numbers are little-endian; money is 5-byte kopecks; classic quantities are 5-byte thousandths; text is CP1251.
import iconv from 'iconv-lite';
import { concatBytes, scanningDecoder } from '../../scales/frame-queue';

export const LINK = { STX: 0x02, ENQ: 0x05, ACK: 0x06, NAK: 0x15 } as const;

export const CMD = {
  SHORT_STATUS: 0x10,
  FULL_STATUS: 0x11,
  PRINT_STRING: 0x17,
  X_REPORT: 0x40,
  Z_REPORT: 0x41,
  CASH_IN: 0x50,
  CASH_OUT: 0x51,
  SALE: 0x80,
  RETURN_SALE: 0x82,
  CLOSE_CHECK: 0x85,
  CANCEL_CHECK: 0x88,
  CONTINUE_PRINT: 0xb0,
  OPEN_SHIFT: 0xe0,
  FN_STATUS: 0xff01,
  FN_FIND_DOCUMENT: 0xff0a,
  /** FF0Ch: a TLV structure for the whole fiscal document (receipt-level tags). */
  FN_WRITE_TLV: 0xff0c,
  /** FF4Dh: a TLV structure bound to the operation just registered (the last 80h/82h line). */
  FN_WRITE_OPERATION_TLV: 0xff4d,
} as const;

/** Register modes (low nibble of the mode byte). */
export const MODE = { SHIFT_OPEN: 2, SHIFT_EXPIRED: 3, SHIFT_CLOSED: 4, CHECK_OPEN: 8 } as const;
/** Printer submodes: 0 paper present, 1 passive paper out, 2 active paper out (stopped while printing),
 *  3 after active paper out — waiting for the continue-print command B0h, 4/5 printing. */
export const SUBMODE = { PAPER_PRESENT: 0, PASSIVE_PAPER_OUT: 1, ACTIVE_PAPER_OUT: 2, WAITING_CONTINUE: 3, PRINTING: 4 } as const;
/** FN fiscal document types (FFD tag 1000 values) as 0xFF0A answers them. */
export const FN_DOC = { REGISTRATION: 1, OPEN_SHIFT: 2, RECEIPT: 3, CLOSE_SHIFT: 5 } as const;

export type LinkEvent = { type: 'ack' } | { type: 'nak' } | { type: 'enq' } | { type: 'frame'; command: number; data: Uint8Array } | { type: 'bad_frame' };

export function lrc(bytes: ArrayLike<number>): number {
  let x = 0;
  for (let i = 0; i < bytes.length; i++) x ^= bytes[i]!;
  return x;
}

const commandBytes = (command: number): number[] => (command > 0xff ? [command >> 8, command & 0xff] : [command]);

export function encodeFrame(command: number, data: ArrayLike<number> = []): Uint8Array {
  const body = concatBytes(commandBytes(command), data);
  if (body.length > 255) throw new RangeError('Shtrih-M frame longer than 255 bytes');
  const withLen = concatBytes([body.length], body);
  return concatBytes([LINK.STX], withLen, [lrc(withLen)]);
}

/** Decodes both directions: control bytes, frames, and frames whose LRC is wrong (to be NAKed). Noise is skipped. */
export function createLinkDecoder() {
  return scanningDecoder<LinkEvent>((buf) => {
    const b = buf[0]!;
    if (b === LINK.ACK) return { frame: { type: 'ack' }, end: 1 };
    if (b === LINK.NAK) return { frame: { type: 'nak' }, end: 1 };
    if (b === LINK.ENQ) return { frame: { type: 'enq' }, end: 1 };
    if (b !== LINK.STX) return { drop: 1 };
    if (buf.length < 2) return 'more';
    const len = buf[1]!;
    if (len === 0) return { drop: 1 };
    if (buf.length < len + 3) return 'more';
    if (lrc(buf.subarray(1, len + 2)) !== buf[len + 2]) return { frame: { type: 'bad_frame' }, end: len + 3 };
    const body = buf.slice(2, len + 2);
    const twoByte = body[0] === 0xff && body.length >= 2;
    return {
      frame: { type: 'frame', command: twoByte ? 0xff00 | body[1]! : body[0]!, data: body.slice(twoByte ? 2 : 1) },
      end: len + 3,
    };
  });
}

// ---- field helpers -------------------------------------------------------------------------------------------

export function uintLE(value: number, size: number): number[] {
  if (!Number.isSafeInteger(value) || value < 0 || value >= 2 ** (8 * size)) throw new RangeError(`${value} does not fit ${size} bytes`);
  const out: number[] = [];
  let v = BigInt(value);
  for (let i = 0; i < size; i++) {
    out.push(Number(v & 0xffn));
    v >>= 8n;
  }
  return out;
}

export function readUintLE(bytes: Uint8Array, offset: number, size: number): number {
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[offset + i] ?? 0);
  return Number(v);
}

export const password = (pwd: number): number[] => uintLE(pwd, 4);

/** CP1251 text padded with zeros (or cut) to `size` bytes, as the manual's "Текст (40 байт)" fields. */
export function textField(text: string, size = 40): number[] {
  const encoded = Array.from(iconv.encode(text, 'win1251')).slice(0, size);
  while (encoded.length < size) encoded.push(0);
  return encoded;
}

export function readText(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return iconv.decode(Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)), 'win1251');
}

// ---- commands ------------------------------------------------------------------------------------------------

export interface LineFields {
  quantityThousandths: number;
  priceMinor: number;
  department: number;
  taxes: [number, number, number, number];
  text: string;
}

/** 80h sale / 82h return sale: password(4) quantity(5) price(5) department(1) tax1..tax4(4) text(40). */
export function encodeLine(command: typeof CMD.SALE | typeof CMD.RETURN_SALE, pwd: number, f: LineFields): Uint8Array {
  return encodeFrame(command, [...password(pwd), ...uintLE(f.quantityThousandths, 5), ...uintLE(f.priceMinor, 5), f.department, ...f.taxes, ...textField(f.text)]);
}

export function decodeLine(data: Uint8Array): LineFields & { password: number } {
  return {
    password: readUintLE(data, 0, 4),
    quantityThousandths: readUintLE(data, 4, 5),
    priceMinor: readUintLE(data, 9, 5),
    department: data[14] ?? 0,
    taxes: [data[15] ?? 0, data[16] ?? 0, data[17] ?? 0, data[18] ?? 0],
    text: readText(data.subarray(19, 59)),
  };
}

export interface CloseFields {
  /** Cash, payment type 2, 3, 4 in minor units. */
  payments: [number, number, number, number];
  /** 0..9999 = 0.00..99.99 %. */
  discountBasisPoints: number;
  taxes: [number, number, number, number];
  text: string;
}

/** 85h close check: password(4) cash(5) type2(5) type3(5) type4(5) discount(2, 0..99.99 %) tax1..tax4(4) text(40). */
export function encodeCloseCheck(pwd: number, f: CloseFields): Uint8Array {
  return encodeFrame(CMD.CLOSE_CHECK, [
    ...password(pwd),
    ...f.payments.flatMap((p) => uintLE(p, 5)),
    ...uintLE(f.discountBasisPoints, 2),
    ...f.taxes,
    ...textField(f.text),
  ]);
}

export function decodeCloseCheck(data: Uint8Array): CloseFields & { password: number } {
  return {
    password: readUintLE(data, 0, 4),
    payments: [readUintLE(data, 4, 5), readUintLE(data, 9, 5), readUintLE(data, 14, 5), readUintLE(data, 19, 5)],
    discountBasisPoints: readUintLE(data, 24, 2),
    taxes: [data[26] ?? 0, data[27] ?? 0, data[28] ?? 0, data[29] ?? 0],
    text: readText(data.subarray(30, 70)),
  };
}

export const encodePasswordOnly = (command: number, pwd: number): Uint8Array => encodeFrame(command, password(pwd));
export const encodeCash = (command: typeof CMD.CASH_IN | typeof CMD.CASH_OUT, pwd: number, amountMinor: number): Uint8Array =>
  encodeFrame(command, [...password(pwd), ...uintLE(amountMinor, 5)]);
/** 17h print string: password(4) flags(1: bit0 journal tape, bit1 receipt tape) text(40). */
export const encodePrintString = (pwd: number, text: string, flags = 0x02): Uint8Array => encodeFrame(CMD.PRINT_STRING, [...password(pwd), flags, ...textField(text)]);
/** FF0Ah find fiscal document by number: password(4) document number(4). */
export const encodeFindDocument = (pwd: number, documentNumber: number): Uint8Array => encodeFrame(CMD.FN_FIND_DOCUMENT, [...password(pwd), ...uintLE(documentNumber, 4)]);

// ---- FFD tags (fiscal data format, 54-FZ) --------------------------------------------------------------------

/** FFD tag numbers the bridge sends. */
export const TAG = { PRODUCT_CODE: 1162 } as const;
/** Marking type of tag 1162 for a DataMatrix-marked unit (Честный ЗНАК): the bytes "DM". */
export const MARKING_TYPE_DATAMATRIX = 0x444d;
/** FFD 1.05 limits the value of tag 1162 to 32 bytes; FF0Ch/FF4Dh carry at most 250 bytes of TLV. */
export const PRODUCT_CODE_MAX = 32;
export const TLV_MAX = 250;

/** One FFD TLV: tag (2 bytes LE) | length (2 bytes LE) | value. */
export function tlv(tag: number, value: ArrayLike<number>): number[] {
  return [...uintLE(tag, 2), ...uintLE(value.length, 2), ...Array.from(value)];
}

/** Splits a run of TLVs; undefined when a length runs past the end (a damaged structure). */
export function decodeTlvs(bytes: Uint8Array): { tag: number; value: Uint8Array }[] | undefined {
  const out: { tag: number; value: Uint8Array }[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (pos + 4 > bytes.length) return undefined;
    const tag = readUintLE(bytes, pos, 2);
    const len = readUintLE(bytes, pos + 2, 2);
    if (pos + 4 + len > bytes.length) return undefined;
    out.push({ tag, value: bytes.slice(pos + 4, pos + 4 + len) });
    pos += 4 + len;
  }
  return out;
}

/**
 * Value of tag 1162 "код товара" (FFD 1.05) for a marked unit: marking type 444Dh (2 bytes), the GTIN as a 6-byte
 * big-endian integer, then the serial (AI 21) in ASCII. The crypto tail (91/92/93) is not part of it.
 */
export function productCodeValue(gtin: string, serial: string): number[] {
  if (!/^\d{14}$/.test(gtin)) throw new RangeError(`GTIN-14 expected, got ${gtin}`);
  if (!/^[\x21-\x7e]+$/.test(serial)) throw new RangeError('serial must be printable ASCII');
  const value = [MARKING_TYPE_DATAMATRIX >> 8, MARKING_TYPE_DATAMATRIX & 0xff];
  let g = BigInt(gtin);
  const gtinBytes: number[] = [];
  for (let i = 0; i < 6; i++) {
    gtinBytes.unshift(Number(g & 0xffn));
    g >>= 8n;
  }
  value.push(...gtinBytes, ...Array.from(serial, (c) => c.charCodeAt(0)));
  if (value.length > PRODUCT_CODE_MAX) throw new RangeError(`tag 1162 is ${value.length} bytes, at most ${PRODUCT_CODE_MAX}`);
  return value;
}

export function decodeProductCode(value: Uint8Array): { type: number; gtin: string; serial: string } | undefined {
  if (value.length < 9) return undefined;
  let g = 0n;
  for (let i = 2; i < 8; i++) g = (g << 8n) | BigInt(value[i]!);
  return { type: (value[0]! << 8) | value[1]!, gtin: g.toString().padStart(14, '0'), serial: String.fromCharCode(...value.subarray(8)) };
}

/** FF4Dh write TLV bound to the operation: system administrator password(4) TLV(N ≤ 250). */
export function encodeOperationTlv(pwd: number, tlvs: ArrayLike<number>): Uint8Array {
  if (tlvs.length > TLV_MAX) throw new RangeError(`TLV of ${tlvs.length} bytes, at most ${TLV_MAX}`);
  return encodeFrame(CMD.FN_WRITE_OPERATION_TLV, [...password(pwd), ...Array.from(tlvs)]);
}

// ---- answers -------------------------------------------------------------------------------------------------

/** 10h answer (after the error byte): operator, flags(2), mode, submode, ... — offsets in the answer data. */
export const SHORT_STATUS = { OPERATOR: 1, FLAGS: 2, MODE: 4, SUBMODE: 5 } as const;
/** 11h answer offsets: operator(1) fw version(2) fw build(2) fw date(3) hall number(1) document number(2) flags(2)
 *  mode(1) submode(1) port(1) FM version(2) FM build(2) FM date(3) date(3) time(3) FM flags(1) serial(4)
 *  last closed shift(2) free FM records(2) re-registrations(1) left(1) INN(6) — 46 bytes. */
export const FULL_STATUS = { OPERATOR: 1, DOCUMENT_NUMBER: 10, FLAGS: 12, MODE: 14, SUBMODE: 15, LAST_SHIFT: 35, LENGTH: 47 } as const;
/** FF01h answer: FN state(1) current document(1) document data(1) shift state(1) warnings(1) date-time(5) FN number(16)
 *  last fiscal document number(4). */
export const FN_STATUS = { SHIFT_OPEN: 4, LAST_FD: 27, LENGTH: 31 } as const;
