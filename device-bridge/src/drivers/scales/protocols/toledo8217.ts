// Mettler Toledo 8217 protocol: 9600 baud, 7 data bits, even parity, 1 stop bit.
// As described by Odoo's hw_drivers Toledo8217Protocol record: measure command 'W', zero 'Z', tare 'T', clear 'C';
// weight answer  STX "ddd.ddd" [N] CR   (kg with the decimal point; 'N' marks a net weight),
// status answer  STX '?' <status byte> CR, sent instead of a weight when the weight cannot be given.
// Status byte bits as Odoo's Toledo driver reads them: bit0 in motion, bit2 over capacity, bit3 negative (under zero),
// bit4 outside zero capture range, bit5 center of zero, bit6 net weight.
import { ascii, fromAscii, scanningDecoder } from '../frame-queue';
import { gramsToKgText, kgToGrams, type ScaleEvent, type ScaleProtocol, type WeightReading } from '../weighing';

export const TOLEDO = { STX: 0x02, CR: 0x0d, MEASURE: 'W', ZERO: 'Z', TARE: 'T', CLEAR: 'C' } as const;
export const TOLEDO_STATUS = { MOTION: 1 << 0, OVER_CAPACITY: 1 << 2, UNDER_ZERO: 1 << 3, OUTSIDE_ZERO_CAPTURE: 1 << 4, CENTER_OF_ZERO: 1 << 5, NET: 1 << 6 } as const;

export function encodeToledoWeight(grams: number, net = false): Uint8Array {
  const text = gramsToKgText(grams, 3).padStart(7, '0');
  return Uint8Array.from([TOLEDO.STX, ...ascii(text + (net ? 'N' : '')), TOLEDO.CR]);
}

export function encodeToledoStatus(status: number): Uint8Array {
  return Uint8Array.from([TOLEDO.STX, 0x3f, status & 0x7f, TOLEDO.CR]);
}

export function readingFromToledoStatus(status: number): WeightReading {
  const status_ = status & TOLEDO_STATUS.OVER_CAPACITY ? 'overload' : status & TOLEDO_STATUS.UNDER_ZERO ? 'underload' : 'ok';
  return {
    status: status_,
    grams: status_ === 'ok' && status & TOLEDO_STATUS.CENTER_OF_ZERO ? 0 : null,
    stable: !(status & TOLEDO_STATUS.MOTION),
    net: Boolean(status & TOLEDO_STATUS.NET),
    zero: Boolean(status & TOLEDO_STATUS.CENTER_OF_ZERO),
  };
}

export function createToledoDecoder() {
  return scanningDecoder<ScaleEvent>((buf) => {
    if (buf[0] !== TOLEDO.STX) return { drop: 1 };
    let i = 1;
    while (i < buf.length && buf[i] === 0x20) i++;
    if (i >= buf.length) return 'more';
    if (buf[i] === 0x3f) {
      // '?' status byte CR — the status byte itself may be 0x0D, so it is taken by position.
      if (buf.length < i + 3) return 'more';
      if (buf[i + 2] !== TOLEDO.CR) return { drop: 1 };
      return { frame: { type: 'reading', reading: readingFromToledoStatus(buf[i + 1]!) }, end: i + 3 };
    }
    const cr = buf.indexOf(TOLEDO.CR, i);
    if (cr < 0) return buf.length - i > 12 ? { drop: 1 } : 'more';
    const m = /^(\d+\.\d+)(N?)$/.exec(fromAscii(buf.slice(i, cr)));
    if (!m) return { drop: 1 };
    return { frame: { type: 'reading', reading: { status: 'ok', grams: kgToGrams(m[1]!), stable: true, net: m[2] === 'N' } }, end: cr + 1 };
  });
}

export const toledo8217Protocol: ScaleProtocol = {
  name: 'Mettler Toledo 8217',
  kind: 'toledo8217',
  serial: { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 },
  answerTimeoutMs: 500,
  commandDelayMs: 200,
  retries: 2,
  measure: [{ send: ascii(TOLEDO.MEASURE), expect: 'reading' }],
  zero: [{ send: ascii(TOLEDO.ZERO), expect: 'nothing' }],
  tare: () => [{ send: ascii(TOLEDO.TARE), expect: 'nothing' }],
  createDecoder: createToledoDecoder,
};
