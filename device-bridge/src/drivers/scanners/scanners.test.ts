import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HidKeyboardScanDecoder, KeyboardWedgeDetector, SerialScanDecoder, createScannerEmulator, decodeHidPosReport, encodeHidPosReport, encodeKeyboardReports,
} from '.';

const ascii = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'latin1'));

test('serial scans with AIM identifiers: EAN-13, GS1-128, GS1 DataMatrix', () => {
  const d = new SerialScanDecoder();
  assert.deepEqual(d.push(ascii(']E04006381333931\r')), [{ code: '4006381333931', symbology: 'EAN-13', aim: ']E0' }]);
  assert.deepEqual(d.push(ascii(']C10104006381333931\n')), [{ code: '0104006381333931', symbology: 'GS1-128', aim: ']C1' }]);
  // GS1 DataMatrix with a GS (0x1D) separator after the variable-length batch AI
  assert.deepEqual(d.push(ascii(']d2010400638133393110AB12\x1d17270101\r\n')), [
    { code: '010400638133393110AB12\x1d17270101', symbology: 'GS1 DataMatrix', aim: ']d2' },
  ]);
});

test('without AIM a valid 13-digit GTIN is EAN-13; other text is unknown', () => {
  const d = new SerialScanDecoder();
  assert.deepEqual(d.push(ascii('4006381333931\r\n4006381333932\r\n')), [
    { code: '4006381333931', symbology: 'EAN-13' },
    { code: '4006381333932', symbology: 'unknown' },
  ]);
});

test('a scan split across chunks, with noise before it, and CR LF counted once', () => {
  const bytes = Uint8Array.from([0x00, 0x07, 0x1b, ...ascii(']E04006381333931\r\n')]);
  for (let cut = 1; cut < bytes.length; cut++) {
    const d = new SerialScanDecoder();
    const got = [...d.push(bytes.slice(0, cut)), ...d.push(bytes.slice(cut))];
    assert.deepEqual(got, [{ code: '4006381333931', symbology: 'EAN-13', aim: ']E0' }], `cut at ${cut}`);
  }
});

test('HID POS report: report ID 2, length, data', () => {
  const report = new Uint8Array(64);
  report.set([0x02, 16, ...ascii(']E04006381333931')]);
  assert.deepEqual(decodeHidPosReport(report), { code: '4006381333931', symbology: 'EAN-13', aim: ']E0' });
  assert.deepEqual(encodeHidPosReport(']E04006381333931'), report);
  assert.equal(decodeHidPosReport(Uint8Array.of(0x01, 3, 0x31, 0x32, 0x33)), null); // another report ID
});

test('HID keyboard boot reports: press/release pairs, Shift, Enter', () => {
  const d = new HidKeyboardScanDecoder();
  // "A1" + Enter: Shift+a (0x04), release, '1' (0x1E), release, Enter (0x28), release
  const reports = [
    [0x02, 0, 0x04, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0x1e, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0x28, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0],
  ].map((r) => Uint8Array.from(r));
  assert.deepEqual(reports.flatMap((r) => d.push(r)), [{ code: 'A1', symbology: 'unknown' }]);
  assert.deepEqual(encodeKeyboardReports('A1'), reports);
});

test('wedge: a fast burst ending in Enter is a scan', () => {
  const w = new KeyboardWedgeDetector();
  const out = [...'4006381333931'].flatMap((key, i) => w.feed({ key, time: 1000 + i * 8 }));
  assert.deepEqual(out, []);
  assert.deepEqual(w.feed({ key: 'Enter', time: 1000 + 13 * 8 }), [{ type: 'scan', code: '4006381333931' }]);
});

test('wedge: a person typing slowly passes through as typing', () => {
  const w = new KeyboardWedgeDetector();
  const out = [...'12345'].flatMap((key, i) => w.feed({ key, time: i * 120 }));
  out.push(...w.feed({ key: 'Enter', time: 700 }));
  assert.deepEqual(out.map((o) => (o.type === 'typing' ? o.key : 'SCAN')), ['1', '2', '3', '4', '5', 'Enter']);
});

test('wedge: three fast keys and Enter are too short for a scan; flush releases held keys', () => {
  const w = new KeyboardWedgeDetector();
  const out = ['4', '2', '0'].flatMap((key, i) => w.feed({ key, time: i * 5 }));
  out.push(...w.feed({ key: 'Enter', time: 15 }));
  assert.deepEqual(out, ['4', '2', '0', 'Enter'].map((key) => ({ type: 'typing', key })));
  w.feed({ key: 'x', time: 100 });
  assert.deepEqual(w.flush(120), []);
  assert.deepEqual(w.flush(140), [{ type: 'typing', key: 'x' }]);
});

test('emulator sends what the decoders read back', () => {
  const sent: Uint8Array[] = [];
  createScannerEmulator({ send: (b) => sent.push(b), aim: true, terminator: 'CRLF' }).scan('4006381333931');
  assert.equal(Buffer.from(sent[0] ?? []).toString('latin1'), ']E04006381333931\r\n');
  const hidSent: Uint8Array[] = [];
  createScannerEmulator({ send: (b) => hidSent.push(b), mode: 'hid-keyboard' }).scan('96385074');
  const kb = new HidKeyboardScanDecoder();
  assert.deepEqual(hidSent.flatMap((r) => kb.push(r)), [{ code: '96385074', symbology: 'EAN-8' }]);
});
