import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitCuttingCost, type CuttingOutput } from './cutting';

// A pork half of 100 kg bought for 250.00 € cut into ham 30 kg, loin 20 kg, belly 25 kg, trimmings 15 kg and 10 kg of bones.
const HAM = 1, LOIN = 2, BELLY = 3, TRIM = 4, BONES = 5;
const cuts = (extra: Partial<Record<number, Partial<CuttingOutput>>> = {}): CuttingOutput[] => [
  { itemId: HAM, quantity: '30', priceMinor: 600, coefficient: '1.2', ...extra[HAM] },
  { itemId: LOIN, quantity: '20', priceMinor: 900, coefficient: '1.5', ...extra[LOIN] },
  { itemId: BELLY, quantity: '25', priceMinor: 500, coefficient: '1', ...extra[BELLY] },
  { itemId: TRIM, quantity: '15', priceMinor: 300, coefficient: '0.6', ...extra[TRIM] },
  { itemId: BONES, quantity: '10', waste: true, ...extra[BONES] },
];
const costs = (s: { costMinor: number }[]) => s.map((x) => x.costMinor);

test('by weight: 25 000 cents over 90 kg of meat, the bones get nothing', () => {
  // 25000·30/90 = 8333.33, ·20/90 = 5555.56, ·25/90 = 6944.44, ·15/90 = 4166.67 → floors sum 24 998;
  // the two cents left go to the largest remainders: trimmings (.67) and loin (.56)
  const s = splitCuttingCost(25000, cuts(), 'weight');
  assert.deepEqual(costs(s), [8333, 5556, 6944, 4167, 0]);
  assert.equal(s[0]!.unitCostMinor.toFixed(4), '277.7667');
});

test('by weight with bones at their own value of 0.10 €/kg', () => {
  // bones 10 kg × 10 = 100 cents; 24 900 over 90 kg: 8300, 5533.33, 6916.67, 4150 → belly takes the cent
  const s = splitCuttingCost(25000, cuts({ [BONES]: { wasteValueMinor: 100 } }), 'weight');
  assert.deepEqual(costs(s), [8300, 5533, 6917, 4150, 100]);
});

test('by sales price: dearer cuts carry more of the cost', () => {
  // keys 30·600 = 18 000, 20·900 = 18 000, 25·500 = 12 500, 15·300 = 4 500 → 53 000
  // 8490.57, 8490.57, 5896.23, 2122.64 → floors 24 998; trimmings (.64) then ham (.57, first of the tie) get a cent
  const s = splitCuttingCost(25000, cuts(), 'price');
  assert.deepEqual(costs(s), [8491, 8490, 5896, 2123, 0]);
});

test('by fixed coefficients', () => {
  // 30·1.2 = 36, 20·1.5 = 30, 25·1 = 25, 15·0.6 = 9 → 100 → exactly 90, 75, 62.5 and 22.5 €
  assert.deepEqual(costs(splitCuttingCost(25000, cuts(), 'coefficient')), [9000, 7500, 6250, 2250, 0]);
});

test('the split always sums to the input cost', () => {
  for (const total of [0, 1, 7, 99, 25001, 1234567]) {
    for (const key of ['weight', 'price', 'coefficient'] as const) {
      assert.equal(costs(splitCuttingCost(total, cuts(), key)).reduce((a, b) => a + b, 0), total);
    }
  }
});

test('faults are named', () => {
  assert.throws(() => splitCuttingCost(25000, cuts({ [BONES]: { wasteValueMinor: 30000 } }), 'weight'), /cutting.waste_exceeds_cost/);
  assert.throws(() => splitCuttingCost(25000, cuts({ [LOIN]: { priceMinor: undefined } }), 'price', (id) => (id === LOIN ? 'LOIN' : String(id))), (e: Error & { params?: { item?: string } }) => /cutting.key_missing/.test(e.message) && e.params?.item === 'LOIN');
  assert.throws(() => splitCuttingCost(25000, [{ itemId: BONES, quantity: '10', waste: true }], 'weight'), /cutting.no_outputs/);
  assert.throws(() => splitCuttingCost(25000, [{ itemId: HAM, quantity: '1', priceMinor: 0 }], 'price'), /cutting.key_zero/);
  assert.throws(() => splitCuttingCost(-1, cuts(), 'weight'), /cutting.input_cost_invalid/);
  assert.throws(() => splitCuttingCost(100, [{ itemId: HAM, quantity: '0' }], 'weight'), /validation.quantity/);
});
