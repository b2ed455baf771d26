// The edge guard names the first field no route could store, and leaves binary bodies to their own parsers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unstorableInput } from './input-guard';

test('the first unstorable value is named by its path; bytes and plain values pass', () => {
  assert.deepEqual(unstorableInput({ lines: [{ itemId: 1 }, { itemId: 2 ** 53 }] })?.field, 'lines.1.itemId');
  assert.deepEqual(unstorableInput({ name: 'Piens\u0000' })?.field, 'name');
  assert.equal(unstorableInput('a\u0000')?.field, 'body');
  assert.equal(unstorableInput({ q: 'piens', limit: 50, price: -12.5 }), null);
  // A statement file with NUL bytes (a UTF-16 or broken upload) is the importer's to refuse, with its own report.
  assert.equal(unstorableInput(Buffer.from('1CClientBankExchange\u0000\r\n')), null);
});
