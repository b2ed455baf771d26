import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gs1Date, parseGs1, parseMarkingCode, printableMarkingCode } from './gs1';

const GS = '\x1d';
const opts = { referenceYear: 2026 };
const reason = (r: string) => (e: Error & { code?: string; params?: { reason?: string } }) => e.code === 'marking.invalid' && e.params?.reason === r;

// GTIN check digits worked by hand: 0460123456789 → odd positions from the right ×3:
// 9·3+8+7·3+6+5·3+4+3·3+2+1·3+0+6·3+4+0·3 = 27+8+21+6+15+4+9+2+3+0+18+4+0 = 117 → 3.
test('a Честный ЗНАК code with a GS before the crypto tail 93', () => {
  const m = parseMarkingCode(`0104601234567893215Abc1d${GS}93dGVz`, opts);
  assert.equal(m.gtin, '04601234567893');
  assert.equal(m.serial, '5Abc1d');
  assert.equal(m.cryptoCheck, 'dGVz');
  assert.equal(m.key, '046012345678935Abc1d');
  assert.deepEqual(m.elements.map((e) => e.ai), ['01', '21', '93']);
});

test('the long Честный ЗНАК form with a 13-character serial, key id 91 and signature 92', () => {
  const sig = 'ZVx4AMcJ1V5UTLRDE2M3cDBGKapShwo+uYchGqsvTsA=';
  const m = parseMarkingCode(`]d20104750001234565215'FB&3n.Tv;Kq${GS}91EE05${GS}92${sig}`, opts);
  assert.equal(m.gtin, '04750001234565');
  assert.equal(m.serial, "5'FB&3n.Tv;Kq");
  assert.equal(m.cryptoKeyId, 'EE05');
  assert.equal(m.cryptoSignature, sig);
});

test('a GS1-128 label: GTIN, expiry, net weight 3103, batch last without a separator', () => {
  // 0859000123456 → 3·(6+4+2+0+0+5+0) + (5+3+1+0+9+8) = 51 + 26 = 77 → check digit 3
  const d = parseGs1(`]C10108590001234563172612003103001250${'10'}L2611-A`, opts);
  assert.equal(d.gtin, '08590001234563');
  assert.equal(d.expiry, '2026-12-31');
  assert.equal(d.netWeightKg, '1.250');
  assert.equal(d.batch, 'L2611-A');
  assert.equal(d.serial, undefined);
});

test('variable fields ended by GS, with a fixed field after them', () => {
  const d = parseGs1(`010460123456789310B-17${GS}21SN0001${GS}17270215`, opts);
  assert.equal(d.batch, 'B-17');
  assert.equal(d.serial, 'SN0001');
  assert.equal(d.expiry, '2027-02-15');
});

test('the human-readable bracketed form gives the same code', () => {
  const a = parseMarkingCode('(01)04601234567893(21)5Abc1d(93)dGVz', opts);
  const b = parseMarkingCode(`0104601234567893215Abc1d${GS}93dGVz`, opts);
  assert.equal(a.key, b.key);
  assert.equal(a.cryptoCheck, 'dGVz');
});

test('expiry day 00 is the last day of the month, leap years included', () => {
  assert.equal(gs1Date('280200', 2026), '2028-02-29');
  assert.equal(gs1Date('270200', 2026), '2027-02-28');
  assert.equal(gs1Date('261100', 2026), '2026-11-30');
  // the sliding century: 51 years ahead is the last century, 50 back is the next
  assert.equal(gs1Date('770101', 2026), '1977-01-01');
  assert.equal(gs1Date('760101', 2026), '2076-01-01');
  assert.equal(gs1Date('261301', 2026), null);
  assert.equal(gs1Date('260230', 2026), null);
});

test('bad codes are refused with the rule named', () => {
  assert.throws(() => parseMarkingCode(`0104601234567894215Abc1d${GS}93dGVz`, opts), reason('check_digit'));
  assert.throws(() => parseMarkingCode('', opts), reason('empty'));
  assert.throws(() => parseMarkingCode('0104601234567893', opts), reason('missing_serial'));
  assert.throws(() => parseMarkingCode('215Abc1d', opts), reason('missing_gtin'));
  assert.throws(() => parseGs1('01046012345678', opts), reason('too_short'));
  assert.throws(() => parseGs1('990123', opts), reason('unknown_ai'));
  assert.throws(() => parseGs1('010460123456789317261301', opts), reason('date'));
  // the GS after the serial lost: the serial swallows the tail and runs past 20 characters
  assert.throws(() => parseGs1('0104601234567893215Abc1d93dGVz0123456789', opts), reason('too_long'));
  assert.throws(() => parseGs1('0104601234567893215Abc 1d', opts), reason('bad_characters'));
  assert.throws(() => parseGs1(`010460123456789321A${GS}21B`, opts), reason('duplicate_ai'));
});

test('messages show GS visibly', () => {
  assert.equal(printableMarkingCode(`21A${GS}93B`), '21A<GS>93B');
  assert.throws(() => parseMarkingCode(`0104601234567894215Abc1d${GS}93dGVz`, opts), (e: Error & { params?: { code?: string } }) => e.params?.code === '0104601234567894215Abc1d<GS>93dGVz');
});

test('a scanner that drops GS: a known serial length splits the serial from the crypto tail', () => {
  const m = parseMarkingCode('0104601234567893215Abc1d93dGVz', { ...opts, serialLength: 6 });
  assert.equal(m.serial, '5Abc1d');
  assert.equal(m.cryptoCheck, 'dGVz');
  // without it the tail stays in the serial, so the till must know the product group's length
  assert.equal(parseMarkingCode('0104601234567893215Abc1d93dGVz', opts).serial, '5Abc1d93dGVz');
  // a leading GS (FNC1 in first position) is ignored
  assert.equal(parseMarkingCode(`${GS}0104601234567893215Abc1d${GS}93dGVz`, opts).serial, '5Abc1d');
});
