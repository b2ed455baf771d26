// The turnover chart's geometry worked by hand: the tallest bar reaches the top gridline, zero months stay flat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutChart, niceStep } from './chart';

test('round gridline steps', () => {
  assert.equal(niceStep(2360), 1000); // 2360/4 = 590 → 1000
  assert.equal(niceStep(800), 200);
  assert.equal(niceStep(0), 1);
});

test('November 23.60 in / 6.60 out and December 11.70 / 3.60 on a 640×260 chart', () => {
  const c = layoutChart([
    { month: '2026-11', inValueMinor: 2360, outValueMinor: 660 },
    { month: '2026-12', inValueMinor: 1170, outValueMinor: 360 },
  ]);
  // plot from y=10 to y=230 (220 px) up to 30.00 (step 10.00)
  assert.deepEqual(c.grid.map((g) => [g.valueMinor, g.y]), [[0, 230], [1000, 230 - 220 / 3], [2000, 230 - 440 / 3], [3000, 10]]);
  const novIn = c.bars[0]!;
  assert.equal(novIn.kind, 'in');
  assert.equal(Math.round(novIn.height * 100) / 100, Math.round(((220 * 2360) / 3000) * 100) / 100);
  // two slots of 280 px from x=70: labels at 210 and 490
  assert.deepEqual(c.labels.map((l) => l.x), [210, 490]);
  assert.equal(layoutChart([{ month: '2026-01', inValueMinor: 0, outValueMinor: 0 }]).bars[0]!.height, 0);
});
