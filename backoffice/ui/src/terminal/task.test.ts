import { test } from 'node:test';
import assert from 'node:assert/strict';
import { count, type Task } from './task';

const order: Task = {
  kind: 'receive',
  documentId: '12',
  title: 'Supplier order 12',
  lines: [{ itemId: '1', name: 'Milk 1 l', expected: '10.000', counted: '0.000' }],
};

test('receiving 6 + 4 milk against an order of 10 is fine; one more is an over-receipt', () => {
  let r = count(order, { id: '1', name: 'Milk 1 l' }, '6.000');
  assert.equal(r.over, null);
  r = count(r.task, { id: '1', name: 'Milk 1 l' }, '4.000');
  assert.equal(r.task.lines[0]!.counted, '10.000');
  assert.equal(r.over, null);
  r = count(r.task, { id: '1', name: 'Milk 1 l' }, '1.000');
  assert.equal(r.over?.counted, '11.000');
  assert.equal(r.over?.expected, '10.000');
});

test('an item that is not on the order is flagged and still counted', () => {
  const r = count(order, { id: '2', name: 'Bread' }, '0.750');
  assert.equal(r.unexpected, true);
  assert.equal(r.task.lines[1]!.counted, '0.750');
});
