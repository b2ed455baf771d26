// Shtrih-M frames from byte sequences: hand-checked LRCs, a real status answer, chunking and noise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CMD, TAG, createLinkDecoder, decodeProductCode, decodeTlvs, encodeFrame, encodeLine, encodeOperationTlv, encodePasswordOnly, lrc, productCodeValue, tlv } from './codec';
import { productCodeTlv } from './driver';
import { createShtrihEmulator, lineAmount } from './emulator';
import { shtrihErrorKey, SHTRIH_ERRORS } from './errors';

const bytes = (...b: number[]) => Uint8Array.from(b);

test('short status request with password 30: LRC = 05 ^ 10 ^ 1E = 0B', () => {
  assert.deepEqual(encodePasswordOnly(CMD.SHORT_STATUS, 30), bytes(0x02, 0x05, 0x10, 0x1e, 0x00, 0x00, 0x00, 0x0b));
});

test('two-byte command FF01h: LEN 6 counts both command bytes; LRC = 06 ^ FF ^ 01 ^ 1E = E6', () => {
  assert.deepEqual(encodePasswordOnly(CMD.FN_STATUS, 30), bytes(0x02, 0x06, 0xff, 0x01, 0x1e, 0x00, 0x00, 0x00, 0xe6));
});

test('a short status answer captured from a register decodes across chunks after noise', () => {
  // "<- 02 11 10 00 1E 90 00 02 00 00 33 25 00 00 00 FF FF FF 00 64": error 0, operator 30, mode 2 (shift open)
  const answer = bytes(0x02, 0x11, 0x10, 0x00, 0x1e, 0x90, 0x00, 0x02, 0x00, 0x00, 0x33, 0x25, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0x00, 0x64);
  assert.equal(lrc(answer.subarray(1, 19)), 0x64);
  const d = createLinkDecoder();
  assert.deepEqual(d.push(bytes(0xff, 0x00, 0x15, 0x02, 0x11, 0x10)), [{ type: 'nak' }]);
  const [frame] = d.push(answer.subarray(3));
  assert.equal(frame?.type, 'frame');
  if (frame?.type !== 'frame') return;
  assert.equal(frame.command, 0x10);
  assert.deepEqual([frame.data[0], frame.data[1], frame.data[4]], [0x00, 0x1e, 0x02]);
});

test('sale frame: 1.500 × 12.34 "Хлеб" in department 1 — quantity and price are 5-byte LE, text CP1251', () => {
  const f = encodeLine(CMD.SALE, 30, { quantityThousandths: 1500, priceMinor: 1234, department: 1, taxes: [1, 0, 0, 0], text: 'Хлеб' });
  assert.equal(f.length, 63); // STX + LEN + 60 (cmd 1 + pwd 4 + qty 5 + price 5 + dept 1 + taxes 4 + text 40) + LRC
  assert.deepEqual(f.subarray(0, 26), bytes(0x02, 0x3c, 0x80, 0x1e, 0, 0, 0, 0xdc, 0x05, 0, 0, 0, 0xd2, 0x04, 0, 0, 0, 0x01, 0x01, 0, 0, 0, 0xd5, 0xeb, 0xe5, 0xe1));
  assert.equal(f[62], lrc(f.subarray(1, 62)));
});

test('a frame with a wrong LRC is reported so the receiver can NAK it; the next good frame still decodes', () => {
  const good = encodePasswordOnly(CMD.FULL_STATUS, 1);
  const bad = Uint8Array.from(good);
  bad[7] = 0x00;
  const d = createLinkDecoder();
  const events = d.push(Uint8Array.from([...bad, ...good]));
  assert.equal(events[0]?.type, 'bad_frame');
  assert.equal(events.at(-1)?.type, 'frame');
});

test('emulator link: ENQ → NAK when idle, bad LRC → NAK, good frame → ACK + answer, ENQ with answer pending → ACK + answer', () => {
  const sent: number[][] = [];
  const reg = createShtrihEmulator({ send: (b) => sent.push([...b]) });
  reg.receive(bytes(0x05));
  assert.deepEqual(sent.shift(), [0x15]);
  reg.receive(bytes(0x02, 0x05, 0x10, 0x1e, 0x00, 0x00, 0x00, 0x0c));
  assert.deepEqual(sent.shift(), [0x15]);
  reg.receive(encodePasswordOnly(CMD.SHORT_STATUS, 30));
  assert.deepEqual(sent.shift(), [0x06]);
  const answer = sent.shift();
  assert.deepEqual(answer?.slice(0, 6), [0x02, 0x11, 0x10, 0x00, 0x1e, 0x90]);
  assert.equal(answer?.[7], 0x04); // mode 4: shift closed
  reg.receive(bytes(0x05));
  assert.deepEqual(sent.shift(), [0x06]);
  assert.deepEqual(sent.shift(), answer);
  reg.receive(bytes(0x06));
  reg.receive(bytes(0x05));
  assert.deepEqual(sent.shift(), [0x15]);
  // unknown command → 37h "not supported by this register"
  reg.receive(encodeFrame(0x99, [30, 0, 0, 0]));
  sent.shift();
  assert.deepEqual(sent.shift(), [...encodeFrame(0x99, [0x37])]);
});

test('line amounts are exact kopecks, rounded half up: 1.500 × 12.34 = 18.51; 0.335 × 1.00 = 0.34', () => {
  assert.equal(lineAmount(1500, 1234), 1851);
  assert.equal(lineAmount(333, 100), 33);
  assert.equal(lineAmount(335, 100), 34);
});

test('at least 15 error codes map to stable keys', () => {
  assert.ok(Object.keys(SHTRIH_ERRORS).length >= 15);
  assert.equal(shtrihErrorKey(0x4a), 'fiscal.check_open');
  assert.equal(shtrihErrorKey(0x6b), 'fiscal.no_check_paper');
  assert.equal(shtrihErrorKey(0x73), 'fiscal.not_supported_in_mode');
  assert.equal(shtrihErrorKey(0xee), 'fiscal.device_error');
});

test('FF4Dh with tag 1162 for (01)04601234567893(21)5Abc1d: hand-worked frame, byte for byte', () => {
  // GTIN 4 601 234 567 893 = 0x04_2F4E_F3B2D5 (6 bytes, big-endian); serial "5Abc1d" = 35 41 62 63 31 64.
  // TLV: tag 1162 = 0x048A → 8A 04 (LE); length 2 + 6 + 6 = 14 → 0E 00 (LE); value 44 4D ("DM") | GTIN | serial.
  // Frame: STX, LEN = 2 (FF 4D) + 4 (password 30) + 4 + 14 = 24 = 0x18, then LRC = XOR of LEN..DATA = 0xEC.
  const expected = bytes(
    0x02, 0x18, 0xff, 0x4d, 0x1e, 0x00, 0x00, 0x00,
    0x8a, 0x04, 0x0e, 0x00,
    0x44, 0x4d, 0x04, 0x2f, 0x4e, 0xf3, 0xb2, 0xd5, 0x35, 0x41, 0x62, 0x63, 0x31, 0x64,
    0xec,
  );
  const frame = encodeOperationTlv(30, tlv(TAG.PRODUCT_CODE, productCodeValue('04601234567893', '5Abc1d')));
  assert.deepEqual(frame, expected);
  // the driver builds the same bytes from the code as scanned, crypto tail and all
  assert.deepEqual(productCodeTlv('0104601234567893215Abc1d\x1d93dGVz'), [...expected.subarray(8, 26)]);
  // and the register's side reads it back
  const [event] = createLinkDecoder().push(expected);
  assert.equal(event?.type === 'frame' && event.command, CMD.FN_WRITE_OPERATION_TLV);
  const tlvs = event?.type === 'frame' ? decodeTlvs(event.data.subarray(4)) : undefined;
  assert.equal(tlvs?.[0]?.tag, 1162);
  assert.deepEqual(decodeProductCode(tlvs![0]!.value), { type: 0x444d, gtin: '04601234567893', serial: '5Abc1d' });
});

test('a TLV whose length runs past the end is damaged; a code without a serial cannot make tag 1162', () => {
  assert.equal(decodeTlvs(bytes(0x8a, 0x04, 0x0e, 0x00, 0x44, 0x4d)), undefined);
  // a plain GTIN label (no AI 21) identifies the product, not the unit
  assert.throws(() => productCodeTlv('0104601234567893'), { code: 'marking.invalid', params: { reason: 'missing_serial', code: '0104601234567893' } });
  // the longest serial GS1 allows (20) fits the tag's 32 bytes: 4 header + 2 + 6 + 20
  assert.equal(productCodeTlv('0104601234567893' + '21' + 'ABCDEFGHIJKLMNOPQRST').length, 32);
});
