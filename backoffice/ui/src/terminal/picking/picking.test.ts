// The storekeeper's pick of WEB-1: 2 loaves of rye bread, 1 milk 2.5 % (out: replaced by 3.2 %), 0.750 kg of pork.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addPick, addSubstitute, finishRequest, lineForCode, markNotFound, nextLine, openLines, pickRequest, pickTaskFrom, type PickView } from './picking';

const view: PickView = {
  order: { id: 7, externalRef: 'WEB-1', status: 'reserved', allowSubstitutions: true },
  lines: [
    { lineNo: 3, itemCode: '1001', itemName: 'Rupjmaize', unit: 'pcs', weighted: false, location: 'BREAD', barcodes: ['4751001000013'], quantity: 2, pickedQuantity: null, substituteFor: null },
    { lineNo: 2, itemCode: '1037', itemName: 'Piens 2,5%', unit: 'pcs', weighted: false, location: 'DAIRY', barcodes: ['4751002000371'], quantity: 1, pickedQuantity: null, substituteFor: null },
    { lineNo: 1, itemCode: '1101', itemName: 'Karbonāde', unit: 'kg', weighted: true, location: 'MEAT', barcodes: ['4751003001018'], quantity: 0.75, pickedQuantity: null, substituteFor: null },
  ],
};

test('a scan finds its line by barcode or code; a foreign code finds none', () => {
  const task = pickTaskFrom(view, 'finish-key');
  assert.equal(lineForCode(task, '4751002000371')?.itemCode, '1037');
  assert.equal(lineForCode(task, ' 1101 ')?.itemCode, '1101');
  assert.equal(lineForCode(task, '4750000000000'), null);
  assert.equal(nextLine(task)?.itemCode, '1001', 'the walk starts at the bread');
});

test('bread scanned twice completes the line; a third loaf is an over-pick and is not counted', () => {
  let task = pickTaskFrom(view, 'k');
  task = addPick(task, '1001', '1').task;
  const second = addPick(task, '1001', '1.000');
  assert.equal(second.over, false);
  assert.equal(second.line.picked, '2.000');
  assert.equal(second.line.done, true);
  assert.deepEqual(pickRequest(second.task, second.line), { path: '/api/v1/picking/orders/7/pick', body: { lines: [{ itemCode: '1001', quantity: 2 }] } });
  const third = addPick(second.task, '1001', '1');
  assert.equal(third.over, true);
  assert.ok(third.over && third.limit === '2.000' && third.wouldBe === '3.000');
  assert.equal(third.task, second.task, 'refused: nothing changed');
  assert.equal(nextLine(second.task)?.itemCode, '1037');
});

test('milk 3.2 % replaces the missing 2.5 % (at most the 1 ordered); pork 0.742 kg; Finish sends every total', () => {
  let task = addPick(pickTaskFrom(view, 'k'), '1001', '2').task;
  task = addSubstitute(task, { code: '1041', name: 'Piens 3,2%', unit: 'pcs' }, '1037');
  assert.deepEqual(task.lines.map((l) => l.itemCode), ['1001', '1037', '1041', '1101'], 'the substitute stands under its original');
  assert.equal(addPick(task, '1041', '2', '1037').over, true, 'two for one ordered is too many');
  const sub = addPick(task, '1041', '1', '1037');
  assert.equal(sub.over, false);
  assert.deepEqual(pickRequest(sub.task, sub.line).body, { lines: [{ itemCode: '1041', quantity: 1, substituteFor: '1037' }] });
  task = addPick(sub.task, '1101', '0.742').task;
  assert.equal(nextLine(task)?.itemCode, '1101', 'pork is short of 0.750, still open');
  task = markNotFound(task, '1101');
  assert.deepEqual(openLines(task), []);
  assert.deepEqual(finishRequest(task), {
    path: '/api/v1/picking/orders/7/ready',
    body: {
      lines: [
        { itemCode: '1001', quantity: 2 },
        { itemCode: '1037', quantity: 0 },
        { itemCode: '1101', quantity: 0.742 },
        { itemCode: '1041', quantity: 1, substituteFor: '1037' },
      ],
    },
  });
});

test('an order without agreed substitutes takes none', () => {
  const task = pickTaskFrom({ ...view, order: { ...view.order, allowSubstitutions: false } }, 'k');
  assert.equal(addSubstitute(task, { code: '1041', name: 'x', unit: 'pcs' }, '1037'), task);
});

test('resumed from the server: a line picked in full before is done', () => {
  const task = pickTaskFrom({ ...view, lines: view.lines.map((l) => (l.itemCode === '1001' ? { ...l, pickedQuantity: 2 } : l)) }, 'k');
  assert.equal(task.lines[0]!.picked, '2.000');
  assert.equal(task.lines[0]!.done, true);
  assert.equal(task.lines[2]!.ordered, '0.750');
});
