// Massa-K "Protocol 100" (binary, 8N1): scales of the Massa-K MK, TB, ВП series.
// Frame: header F8 55 CE | length (2 bytes LE, of command + data) | command | data | CRC16 (2 bytes LE, of command + data).
// The CRC is the routine printed in Massa-K's protocol description: polynomial 0x1021, start 0, the byte is XORed
// into the low end after shifting (so it is *not* plain CRC-16/XMODEM):
//   for each byte: a = 0; temp = (crc >> 8) << 8; 8× { a = ((temp ^ a) & 0x8000) ? (a << 1) ^ 0x1021 : a << 1; temp <<= 1 }
//                  crc = a ^ (crc << 8) ^ byte
// Commands: CMD_GET_MASSA 23h → CMD_ACK_MASSA 24h {weight int32 LE, division, stable, net, zero};
// CMD_SET_TARE A3h {tare int32 LE} → CMD_ACK_SET_TARE 12h or CMD_NACK_TARE 15h; CMD_SET_ZERO 72h → CMD_ACK_SET 27h;
// any command → CMD_ERROR 28h {code} on failure.
// Written from the protocol description from memory of it (not a captured trace): confirm the CRC routine, the zero
// command and the error codes against a real scale's answers before shipping.
import { concatBytes, scanningDecoder } from '../frame-queue';
import type { ScaleEvent, ScaleProtocol, WeightReading } from '../weighing';

export const MASSAK = {
  HEADER: [0xf8, 0x55, 0xce] as const,
  CMD_GET_MASSA: 0x23,
  CMD_ACK_MASSA: 0x24,
  CMD_SET_TARE: 0xa3,
  CMD_ACK_SET_TARE: 0x12,
  CMD_NACK_TARE: 0x15,
  CMD_SET_ZERO: 0x72,
  CMD_ACK_SET: 0x27,
  CMD_ERROR: 0x28,
} as const;

/** CMD_ERROR codes. */
export const MASSAK_ERROR = { UNSUPPORTED_COMMAND: 0x07, OVERLOAD: 0x08, NOT_WEIGHING_MODE: 0x09, BAD_DATA: 0x0a } as const;

/** Grams per unit of the weight field, by the "division" byte (0: 0.1 g, 1: 1 g, 2: 10 g, 3: 100 g, 4: 1 kg). */
const DIVISION_TENTHS_OF_GRAM = [1, 10, 100, 1000, 10000];

export function massaKCrc(bytes: ArrayLike<number>): number {
  let crc = 0;
  for (let k = 0; k < bytes.length; k++) {
    let a = 0;
    let temp = (crc >> 8) << 8;
    for (let bit = 0; bit < 8; bit++) {
      a = ((temp ^ a) & 0x8000 ? (a << 1) ^ 0x1021 : a << 1) & 0xffff;
      temp = (temp << 1) & 0xffff;
    }
    crc = (a ^ (crc << 8) ^ (bytes[k]! & 0xff)) & 0xffff;
  }
  return crc;
}

export function encodeMassaKFrame(command: number, data: ArrayLike<number> = []): Uint8Array {
  const body = Uint8Array.from([command, ...Array.from(data)]);
  const crc = massaKCrc(body);
  return concatBytes(MASSAK.HEADER, [body.length & 0xff, body.length >> 8], body, [crc & 0xff, crc >> 8]);
}

const int32le = (n: number): number[] => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, n, true);
  return Array.from(b);
};

export function encodeMassaKWeight(r: { grams: number; stable: boolean; net: boolean; zero: boolean }): Uint8Array {
  return encodeMassaKFrame(MASSAK.CMD_ACK_MASSA, [...int32le(r.grams), 1, r.stable ? 1 : 0, r.net ? 1 : 0, r.zero ? 1 : 0]);
}

export const encodeMassaKSetTare = (grams: number): Uint8Array => encodeMassaKFrame(MASSAK.CMD_SET_TARE, int32le(grams));

export interface MassaKFrame {
  command: number;
  data: Uint8Array;
}

export function massaKFrameDecoder() {
  return scanningDecoder<MassaKFrame>((buf) => {
    for (let i = 0; i < 3 && i < buf.length; i++) if (buf[i] !== MASSAK.HEADER[i]) return { drop: 1 };
    if (buf.length < 5) return 'more';
    const len = buf[3]! | (buf[4]! << 8);
    if (len < 1 || len > 256) return { drop: 1 };
    if (buf.length < 5 + len + 2) return 'more';
    const body = buf.slice(5, 5 + len);
    const crc = buf[5 + len]! | (buf[6 + len]! << 8);
    if (crc !== massaKCrc(body)) return { drop: 1 };
    return { frame: { command: body[0]!, data: body.slice(1) }, end: 7 + len };
  });
}

export function readingFromMassaK(frame: MassaKFrame): ScaleEvent | undefined {
  const { command, data } = frame;
  if (command === MASSAK.CMD_ACK_MASSA && data.length >= 8) {
    const raw = new DataView(data.buffer, data.byteOffset, 4).getInt32(0, true);
    const tenths = DIVISION_TENTHS_OF_GRAM[data[4]!] ?? 10;
    const grams = Math.round((raw * tenths) / 10);
    const reading: WeightReading = { status: grams < 0 ? 'underload' : 'ok', grams, stable: data[5] === 1, net: data[6] === 1, zero: data[7] === 1 };
    return { type: 'reading', reading };
  }
  if (command === MASSAK.CMD_ERROR && data.length >= 1) {
    if (data[0] === MASSAK_ERROR.OVERLOAD) return { type: 'reading', reading: { status: 'overload', grams: null, stable: false } };
    return { type: 'error', code: data[0]! };
  }
  if (command === MASSAK.CMD_ACK_SET_TARE || command === MASSAK.CMD_ACK_SET) return { type: 'ack' };
  if (command === MASSAK.CMD_NACK_TARE) return { type: 'error', code: MASSAK.CMD_NACK_TARE };
  return undefined;
}

export function createMassaKDecoder() {
  const frames = massaKFrameDecoder();
  return {
    push: (chunk: Uint8Array) => frames.push(chunk).flatMap((f) => readingFromMassaK(f) ?? []),
    reset: () => frames.reset(),
  };
}

export const massaKProtocol: ScaleProtocol = {
  name: 'Massa-K Protocol 100',
  kind: 'massak',
  serial: { baudRate: 4800, dataBits: 8, parity: 'none', stopBits: 1 },
  answerTimeoutMs: 500,
  retries: 2,
  measure: [{ send: encodeMassaKFrame(MASSAK.CMD_GET_MASSA), expect: 'reading' }],
  zero: [{ send: encodeMassaKFrame(MASSAK.CMD_SET_ZERO), expect: 'ack' }],
  tare: (grams) => [{ send: encodeMassaKSetTare(grams), expect: 'ack' }],
  createDecoder: createMassaKDecoder,
};
