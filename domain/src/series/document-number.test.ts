import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canUseSeries, formatDocumentNumber } from './document-number';

test('document numbers from series, year and number', () => {
  assert.equal(formatDocumentNumber('{code}-{yyyy}-{n:6}', { code: 'PAV', year: 2026, number: 42 }), 'PAV-2026-000042');
  assert.equal(formatDocumentNumber('{code}{yy}/{n:4}', { code: 'T01', year: 2026, number: 7 }), 'T0126/0007');
  assert.throws(() => formatDocumentNumber('{code}{n:2}', { code: 'X', year: 2026, number: 100 }), /series.exhausted/);
  assert.equal(canUseSeries(['series.PAV'], 'PAV'), true);
  assert.equal(canUseSeries(['series.PAV'], 'NOR'), false);
});
