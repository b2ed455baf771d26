// Concert E+ messages from bytes: the 34-character request, the 80-character answer, LRC worked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRep, createConcertDecoder, decodeAnswer, decodeRequest, encodeAnswer, encodeRequest, readRep } from './codec';

test('purchase of 12.34 EUR for receipt REC42: 34 characters, LRC 0x71', () => {
  const frame = encodeRequest({ pos: '01', amountMinor: 1234, answerFlag: '1', paymentMode: '1', type: '0', currency: '978', privateData: 'REC42', delay: 'A010', authorisation: 'B010' });
  const text = '0100001234110978REC42     A010B010';
  // characters present an even number of times cancel out; the odd ones and ETX remain:
  // '3'33 ^ '9'39 = 0A, ^'7'37 = 3D, ^'8'38 = 05, ^'R'52 = 57, ^'E'45 = 12, ^'C'43 = 51, ^' '20 = 71, ^'A'41 = 30,
  // ^'B'42 = 72, ^ETX 03 = 71
  assert.deepEqual(frame, Uint8Array.from([0x02, ...Buffer.from(text, 'ascii'), 0x03, 0x71]));
  assert.deepEqual(decodeRequest(text), { pos: '01', amountMinor: 1234, answerFlag: '1', paymentMode: '1', type: '0', currency: '978', privateData: 'REC42     ', delay: 'A010', authorisation: 'B010' });
});

test('an approved answer with REP decodes across chunks after noise; a bad LRC is reported', () => {
  const rep = buildRep({ maskedPan: '************1234', approvalCode: '123456', rrn: '000000000042' });
  const frame = encodeAnswer({ pos: '01', status: '0', amountMinor: 1234, paymentMode: '1', rep, currency: '978', privateData: 'REC42' });
  assert.equal(frame.length, 83);
  const bad = Uint8Array.from(frame);
  bad[82] = bad[82]! ^ 0x40;
  const d = createConcertDecoder();
  assert.deepEqual(d.push(Uint8Array.from([0x7f, 0x33, ...bad, 0x05, ...frame.subarray(0, 40)])), [{ type: 'bad_message' }, { type: 'enq' }]);
  const [msg] = d.push(frame.subarray(40));
  assert.equal(msg?.type, 'message');
  if (msg?.type !== 'message') return;
  const answer = decodeAnswer(msg.text);
  assert.equal(answer.status, '0');
  assert.equal(answer.amountMinor, 1234);
  assert.equal(answer.currency, '978');
  assert.deepEqual(readRep(answer.rep), { maskedPan: '************1234', approvalCode: '123456', rrn: '000000000042' });
});

test('a short (25-character) declined answer without REP', () => {
  const text = '0170000123419780000000000';
  assert.equal(text.length, 25);
  const a = decodeAnswer(text);
  assert.deepEqual([a.status, a.amountMinor, a.currency, a.rep], ['7', 1234, '978', '']);
});
