import { test } from 'node:test';
import assert from 'node:assert/strict';
import { count, finishedDocument, finishedOrderReceiving, finishedTransferReceipt, stocktakeCount, type Task } from './task';

const order: Task = {
  kind: 'receive',
  documentId: '12',
  key: 'task-1',
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

test('a stocktake finished offline-safe: counted totals become one document body, sent under the task key', () => {
  let task: Task = { kind: 'stocktake', documentId: null, create: { type: 'stocktake', warehouseId: 3 }, key: 'task-2', title: 'Stocktake', lines: [] };
  task = count(task, { id: '5', name: 'Cheese' }, '1.250').task;
  task = count(task, { id: '5', name: 'Cheese' }, '0.750').task;
  task = count(task, { id: '9', name: 'Water' }, '12.000').task;
  assert.deepEqual(finishedDocument(task, '2026-11-23'), {
    type: 'stocktake',
    date: '2026-11-23',
    warehouseId: 3,
    lines: [
      { itemId: 5, quantity: '2.000' },
      { itemId: 9, quantity: '12.000' },
    ],
  });
  assert.equal(finishedDocument({ ...task, lines: [] }, '2026-11-23'), null);
});

test('a stocktake count goes to its stocktake at once, stamped with when and on which handheld it was counted', () => {
  const task: Task = { kind: 'stocktake', documentId: null, stocktakeId: '41', key: 'task-3', title: 'Stocktake INV-2026-000001', lines: [] };
  assert.deepEqual(stocktakeCount(task, '5', '1.250', new Date('2026-11-23T10:15:00Z'), 'tsd-a1'), {
    path: '/api/v1/stocktakes/41/counts',
    body: { itemId: 5, quantity: '1.250', countedAt: '2026-11-23T10:15:00.000Z', device: 'tsd-a1' },
  });
  assert.equal(stocktakeCount({ ...task, stocktakeId: undefined }, '5', '1', new Date(), 'x'), null);
});

test('receiving against supplier order 12 finishes as one receiving of what was counted (the order keeps its prices)', () => {
  let task: Task = { ...order, documentId: null, orderId: '12' };
  task = count(task, { id: '1', name: 'Milk 1 l' }, '8.000').task;
  assert.deepEqual(finishedOrderReceiving(task, '2026-11-23'), { path: '/api/v1/documents/12/receivings', body: { date: '2026-11-23', lines: [{ itemId: 1, quantity: '8.000' }] } });
  assert.equal(finishedOrderReceiving(order, '2026-11-23'), null);
});

test('a transfer of 10 milk and 4 bread received on the handheld with 9 milk scanned: bread never scanned arrived as 0', () => {
  let task: Task = {
    kind: 'receive',
    documentId: null,
    transferId: '77',
    key: 'task-4',
    title: 'Transfer TRF-2026-000003',
    lines: [
      { itemId: '1', name: 'Milk 1 l', expected: '10.000', counted: '0.000' },
      { itemId: '2', name: 'Bread', expected: '4.000', counted: '0.000' },
    ],
  };
  task = count(task, { id: '1', name: 'Milk 1 l' }, '9.000').task;
  assert.deepEqual(finishedTransferReceipt(task), {
    path: '/api/v1/documents/77/receive',
    body: { lines: [{ itemId: 1, quantity: '9.000' }, { itemId: 2, quantity: '0.000' }] },
  });
});
