// CAS "ENQ/ACK/DC1" weight protocol (CAS AD, ER, PD-II, SW-II indicators).
// Layout from the CAS SW-II series manual, "RS-232C Protocol / Transmission Data description" (p. 15-16):
//   host ENQ 05h → scale ACK 06h → host DC1 11h → scale
//   SOH 01h | STX 02h | STA 'S'(53h) stable / 'U'(55h) unstable | SIGN '-'(2Dh) / SP(20h) | W5..W0 (6 ASCII, with the
//   decimal point, e.g. "01.235") | UN1 UN2 "kg" | BCC | ETX 03h | EOT 04h         — 15 bytes
// BCC: the manual says only "block check character, exclusive or"; this codec XORs the data between STX and BCC
// (STA through UN2) — check against a real indicator before relying on it. The manual names no overload code; CAS
// indicators show "OL" on the display, and this codec treats a weight field containing "OL" as overload.
import { ascii, fromAscii, scanningDecoder } from '../frame-queue';
import { gramsToKgText, kgToGrams, type ScaleEvent, type ScaleProtocol, type WeightReading } from '../weighing';

export const CAS = { SOH: 0x01, STX: 0x02, ETX: 0x03, EOT: 0x04, ENQ: 0x05, ACK: 0x06, DC1: 0x11, FRAME_LENGTH: 15 } as const;

export function casBcc(bytes: ArrayLike<number>): number {
  let x = 0;
  for (let i = 0; i < bytes.length; i++) x ^= bytes[i]!;
  return x;
}

/** The scale's answer to DC1. `weight` is "01.235"-style text of exactly 6 characters (or "  OL  "). */
export function encodeCasWeightFrame(f: { stable: boolean; negative: boolean; weight: string; unit?: 'kg' | 'lb' }): Uint8Array {
  if (f.weight.length !== 6) throw new RangeError('CAS weight field is 6 characters');
  const body = ascii((f.stable ? 'S' : 'U') + (f.negative ? '-' : ' ') + f.weight + (f.unit ?? 'kg'));
  return Uint8Array.from([CAS.SOH, CAS.STX, ...body, casBcc(body), CAS.ETX, CAS.EOT]);
}

/** Weight field for grams: "01.235" (3 decimals, zero padded to 6 characters). */
export function casWeightField(grams: number): string {
  return gramsToKgText(grams, 3).padStart(6, '0').slice(-6);
}

export function decodeCasBody(body: Uint8Array): WeightReading {
  const text = fromAscii(body);
  const stable = text[0] === 'S';
  const negative = text[1] === '-';
  const weight = text.slice(2, 8);
  if (/OL/.test(weight)) return { status: 'overload', grams: null, stable };
  const unit = text.slice(8, 10).toLowerCase();
  let grams = kgToGrams(weight);
  if (unit === 'lb') grams = Math.round((grams * 45359237) / 100000000); // 1 lb = 0.45359237 kg
  if (negative) grams = -grams;
  return { status: grams < 0 ? 'underload' : 'ok', grams, stable };
}

export function createCasDecoder() {
  return scanningDecoder<ScaleEvent>((buf) => {
    if (buf[0] === CAS.ACK) return { frame: { type: 'ack' }, end: 1 };
    if (buf[0] !== CAS.SOH) return { drop: 1 };
    if (buf.length < 2) return 'more';
    if (buf[1] !== CAS.STX) return { drop: 1 };
    if (buf.length < CAS.FRAME_LENGTH) return 'more';
    const body = buf.slice(2, 12);
    if (buf[12] !== casBcc(body) || buf[13] !== CAS.ETX || buf[14] !== CAS.EOT) return { drop: 1 };
    try {
      return { frame: { type: 'reading', reading: decodeCasBody(body) }, end: CAS.FRAME_LENGTH };
    } catch {
      return { drop: 1 };
    }
  });
}

export const casProtocol: ScaleProtocol = {
  name: 'CAS ENQ/ACK (AD, ER, PD-II, SW-II)',
  kind: 'cas',
  serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
  answerTimeoutMs: 500,
  retries: 2,
  measure: [
    { send: Uint8Array.of(CAS.ENQ), expect: 'ack' },
    { send: Uint8Array.of(CAS.DC1), expect: 'reading' },
  ],
  createDecoder: createCasDecoder,
};
