// Scale codecs from the manuals' byte layouts: frames split across chunks, with line noise before them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { casBcc, createCasDecoder, encodeCasWeightFrame } from './protocols/cas';
import { createMassaKDecoder, encodeMassaKFrame, encodeMassaKWeight, massaKCrc, MASSAK } from './protocols/massak';
import { createToledoDecoder, encodeToledoStatus } from './protocols/toledo8217';
import { kgToGrams } from './weighing';

const bytes = (...b: number[]) => Uint8Array.from(b);

test('kg text converts to integer grams without floats', () => {
  assert.equal(kgToGrams('1.235'), 1235);
  assert.equal(kgToGrams('001.2'), 1200);
  assert.equal(kgToGrams('-0.05'), -50);
  assert.equal(kgToGrams('12'), 12000);
  assert.throws(() => kgToGrams('1.2345'));
});

test('CAS weight frame: "S 01.235kg" has BCC 0x64 and decodes across chunks after noise', () => {
  // BCC by hand: 53^20=73, ^30=43, ^31=72, ^2E=5C, ^32=6E, ^33=5D, ^35=68, ^6B=03, ^67=64
  const frame = encodeCasWeightFrame({ stable: true, negative: false, weight: '01.235' });
  assert.deepEqual(frame, bytes(0x01, 0x02, 0x53, 0x20, 0x30, 0x31, 0x2e, 0x32, 0x33, 0x35, 0x6b, 0x67, 0x64, 0x03, 0x04));
  assert.equal(casBcc(frame.slice(2, 12)), 0x64);
  const d = createCasDecoder();
  assert.deepEqual(d.push(bytes(0xff, 0x00, 0x01, 0x33, ...frame.slice(0, 5))), []);
  assert.deepEqual(d.push(frame.slice(5)), [{ type: 'reading', reading: { status: 'ok', grams: 1235, stable: true } }]);
});

test('CAS: ACK byte, unstable negative weight, overload, and a frame with a wrong BCC is dropped', () => {
  const d = createCasDecoder();
  const unstable = encodeCasWeightFrame({ stable: false, negative: true, weight: '00.120' });
  const bad = encodeCasWeightFrame({ stable: true, negative: false, weight: '09.999' });
  bad[12] = 0x00;
  const over = encodeCasWeightFrame({ stable: true, negative: false, weight: '  OL  ' });
  const events = d.push(Uint8Array.from([0x06, ...bad, ...unstable, ...over]));
  assert.deepEqual(events, [
    { type: 'ack' },
    { type: 'reading', reading: { status: 'underload', grams: -120, stable: false } },
    { type: 'reading', reading: { status: 'overload', grams: null, stable: true } },
  ]);
});

test('Toledo 8217: weight "001.234" CR and status frames, split byte by byte after noise', () => {
  const d = createToledoDecoder();
  const stream = bytes(0x41, 0x0d, 0x02, 0x30, 0x30, 0x31, 0x2e, 0x32, 0x33, 0x34, 0x0d, ...encodeToledoStatus(0x01), ...encodeToledoStatus(0x04), ...encodeToledoStatus(0x0d));
  const events = [...stream].flatMap((b) => d.push(bytes(b)));
  assert.deepEqual(events, [
    { type: 'reading', reading: { status: 'ok', grams: 1234, stable: true, net: false } },
    { type: 'reading', reading: { status: 'ok', grams: null, stable: false, net: false, zero: false } },
    { type: 'reading', reading: { status: 'overload', grams: null, stable: true, net: false, zero: false } },
    // 0x0D = motion | over | under: the status byte equal to CR is taken by position, not as the terminator
    { type: 'reading', reading: { status: 'overload', grams: null, stable: false, net: false, zero: false } },
  ]);
});

test('Massa-K CRC by hand: [23] → 0x0023, [24 01] → 0x2401, [12 34 56] → 0x0625', () => {
  // the first two bytes only shift in; the third meets the polynomial: a = 0x3273 from temp 0x1200,
  // crc = 0x3273 ^ 0x3400 ^ 0x56 = 0x0625
  assert.equal(massaKCrc([0x23]), 0x0023);
  assert.equal(massaKCrc([0x24, 0x01]), 0x2401);
  assert.equal(massaKCrc([0x12, 0x34, 0x56]), 0x0625);
  assert.deepEqual(encodeMassaKFrame(MASSAK.CMD_GET_MASSA), bytes(0xf8, 0x55, 0xce, 0x01, 0x00, 0x23, 0x23, 0x00));
});

test('Massa-K weight answer: 1235 g stable net, decoded across chunks with noise; error 0x08 is overload', () => {
  const answer = encodeMassaKWeight({ grams: 1235, stable: true, net: true, zero: false });
  // length 9 = command + weight(4) + division + stable + net + zero; 1235 = 0x04D3 → D3 04 00 00
  assert.deepEqual(answer.slice(0, 14), bytes(0xf8, 0x55, 0xce, 0x09, 0x00, 0x24, 0xd3, 0x04, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00));
  const d = createMassaKDecoder();
  assert.deepEqual(d.push(bytes(0xf8, 0x00, 0xf8, 0x55, ...answer.slice(0, 7))), []);
  assert.deepEqual(d.push(answer.slice(7)), [{ type: 'reading', reading: { status: 'ok', grams: 1235, stable: true, net: true, zero: false } }]);
  assert.deepEqual(d.push(encodeMassaKFrame(MASSAK.CMD_ERROR, [0x08])), [{ type: 'reading', reading: { status: 'overload', grams: null, stable: false } }]);
  const corrupted = encodeMassaKFrame(MASSAK.CMD_ACK_SET_TARE);
  corrupted[corrupted.length - 1] = 0xee;
  assert.deepEqual(d.push(corrupted), []);
});

test('Massa-K division byte 0 means 0.1 g units: 12345 → 1234.5 g, reported as 1235 g', () => {
  // weight 12345 = 0x3039 → 39 30 00 00; division 0; stable; gross; not zero
  const frame = encodeMassaKFrame(MASSAK.CMD_ACK_MASSA, [0x39, 0x30, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00]);
  assert.deepEqual(createMassaKDecoder().push(frame), [{ type: 'reading', reading: { status: 'ok', grams: 1235, stable: true, net: false, zero: false } }]);
});
