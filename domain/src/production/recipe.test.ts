import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseVersion, explodeRecipe, normDifferences, recipeBook, recipeComponent, recipeCost, techCard, validateRecipe, type RecipeVersion } from './recipe';

// A bakery: 10 kg of dough from 6 kg flour, 3.8 l water, 0.2 kg yeast; a loaf takes 0.5 kg dough, which loses 3 % baking.
const FLOUR = 1, WATER = 2, YEAST = 3, DOUGH = 4, BREAD = 5, BAG = 6, CRUMBS = 7;
const codes: Record<number, string> = { 1: 'FLOUR', 2: 'WATER', 3: 'YEAST', 4: 'DOUGH', 5: 'BREAD', 6: 'BAG', 7: 'CRUMBS' };
const names = (id: number) => codes[id] ?? String(id);

const dough: RecipeVersion = {
  outputItemId: DOUGH, version: 1, validFrom: '2026-01-01', outputQuantity: '10', overheadMinor: 0,
  components: [
    recipeComponent({ itemId: FLOUR, grossQuantity: '6' }),
    recipeComponent({ itemId: WATER, grossQuantity: '3.8' }),
    recipeComponent({ itemId: YEAST, grossQuantity: '0.2' }),
  ],
};
const bread1: RecipeVersion = {
  outputItemId: BREAD, version: 1, validFrom: '2026-01-01', outputQuantity: '1', overheadMinor: 0,
  components: [recipeComponent({ itemId: DOUGH, grossQuantity: '0.5', lossPercent: '3' }), recipeComponent({ itemId: BAG, kind: 'packaging', grossQuantity: '1' })],
};
const bread2: RecipeVersion = { ...bread1, version: 2, validFrom: '2026-12-01', components: [recipeComponent({ itemId: DOUGH, grossQuantity: '0.45', lossPercent: '3' }), bread1.components[1]!] };
const book = recipeBook([dough, bread1, bread2]);

// Unit costs in cents: flour 0.80 €/kg, water 0.002 €/l, yeast 5.00 €/kg, bag 0.03 €.
const cost: Record<number, string> = { [FLOUR]: '80', [WATER]: '0.2', [YEAST]: '500', [BAG]: '3', [CRUMBS]: '40' };

test('a component is completed from any two of gross, net and loss', () => {
  assert.deepEqual(recipeComponent({ itemId: DOUGH, grossQuantity: '0.5', lossPercent: '3' }), { itemId: DOUGH, kind: 'component', grossQuantity: '0.500', netQuantity: '0.485', lossPercent: '3.00' });
  // 0.485 / 0.97 = 0.5
  assert.equal(recipeComponent({ itemId: DOUGH, netQuantity: '0.485', lossPercent: '3' }).grossQuantity, '0.500');
  // (2.000 − 1.500) / 2 = 25 % peeling loss on potatoes
  assert.equal(recipeComponent({ itemId: 9, grossQuantity: '2', netQuantity: '1.5' }).lossPercent, '25.00');
  assert.throws(() => recipeComponent({ itemId: 9, grossQuantity: '2', netQuantity: '1.5', lossPercent: '10' }), /recipe.quantities_inconsistent/);
  assert.throws(() => recipeComponent({ itemId: 9, grossQuantity: '1', netQuantity: '2' }), /recipe.quantities_inconsistent/);
  assert.throws(() => recipeComponent({ itemId: 9, grossQuantity: '1', lossPercent: '100' }), /recipe.invalid/);
  assert.throws(() => recipeComponent({ itemId: 9 }), /recipe.invalid/);
});

test('the version valid on the production date is used', () => {
  assert.equal(chooseVersion([dough, bread1, bread2], BREAD, '2026-11-30')?.version, 1);
  assert.equal(chooseVersion([dough, bread1, bread2], BREAD, '2026-12-01')?.version, 2);
  assert.equal(chooseVersion([dough, bread1, bread2], BREAD, '2025-12-31'), null);
  assert.throws(() => explodeRecipe(book, BREAD, 1, '2025-12-31', { names }), (e: Error & { params?: { item?: string } }) => /recipe.not_found/.test(e.message) && e.params?.item === 'BREAD');
});

test('a bakery day: 100 loaves explode through the dough into flour, water, yeast and bags', () => {
  const x = explodeRecipe(book, BREAD, 100, '2026-11-23', { names });
  // 100 × 0.5 kg = 50 kg dough = 5 batches of 10 kg → 30 kg flour, 19 l water, 1 kg yeast
  assert.deepEqual(x.components.map((c) => [names(c.itemId), c.quantity.toFixed(3)]), [['FLOUR', '30.000'], ['WATER', '19.000'], ['YEAST', '1.000'], ['BAG', '100.000']]);
  assert.deepEqual(x.intermediates.map((i) => [names(i.itemId), i.quantity.toFixed(3)]), [['DOUGH', '50.000']]);
  // taking dough from stock instead of making it
  const fromStock = explodeRecipe(book, BREAD, 100, '2026-11-23', { resolveNested: false });
  assert.deepEqual(fromStock.components.map((c) => [c.itemId, c.quantity.toFixed(3)]), [[DOUGH, '50.000'], [BAG, '100.000']]);
});

test('recipe cost per version from current costs, rounded once at the end', () => {
  // dough batch: 6·80 + 3.8·0.2 + 0.2·500 = 480 + 0.76 + 100 = 580.76 cents → 5.81 €, 58.076 cents per kg
  const d = recipeCost(dough, (id) => cost[id], book, '2026-11-23');
  assert.equal(d.totalMinor, 581);
  assert.equal(d.unitCostMinor.toString(), '58.076');
  // a loaf (v1): 0.5 kg × 58.076 + 3 = 32.038 cents → 0.32 €; v2: 0.45 × 58.076 + 3 = 29.1342 → 0.29 €
  const b1 = recipeCost(bread1, (id) => cost[id], book, '2026-11-23');
  assert.equal(b1.totalMinor, 32);
  assert.equal(b1.unitCostMinor.toString(), '32.038');
  assert.equal(recipeCost(bread2, (id) => cost[id], book, '2026-12-01').totalMinor, 29);
  // 100 loaves rounded once: 3203.8 → 32.04 €, not 100 × 0.32
  const batch = recipeCost({ ...bread1, outputQuantity: '100', components: bread1.components.map((c) => ({ ...c, grossQuantity: String(Number(c.grossQuantity) * 100) })) }, (id) => cost[id], book, '2026-11-23');
  assert.equal(batch.totalMinor, 3204);
  assert.deepEqual(recipeCost(bread1, () => null, book, '2026-11-23').missingCosts, [FLOUR, WATER, YEAST, BAG]);
});

test('by-products lower the cost by their value, overhead adds per batch', () => {
  // crumbs from trimming: 0.05 kg per loaf at 0.40 €/kg = 2 cents back; 5 cents of oven energy per loaf
  const r: RecipeVersion = { ...bread1, overheadMinor: 5, components: [...bread1.components, recipeComponent({ itemId: CRUMBS, kind: 'byproduct', grossQuantity: '0.05' })] };
  const c = recipeCost(r, (id) => cost[id], book, '2026-11-23');
  // 32.038 − 2 + 5 = 35.038 → 35
  assert.equal(c.totalMinor, 35);
  const x = explodeRecipe(recipeBook([dough, r]), BREAD, 10, '2026-11-23');
  assert.deepEqual(x.byproducts.map((b) => [b.itemId, b.quantity.toFixed(3)]), [[CRUMBS, '0.500']]);
  assert.equal(x.overheadMinor.toString(), '50');
});

test('a recipe cycle is refused naming the chain of items', () => {
  const a: RecipeVersion = { outputItemId: DOUGH, version: 2, validFrom: '2026-06-01', outputQuantity: '1', overheadMinor: 0, components: [recipeComponent({ itemId: BREAD, grossQuantity: '1' })] };
  const cyclic = recipeBook([a, bread1]);
  assert.throws(
    () => explodeRecipe(cyclic, BREAD, 1, '2026-11-23', { names }),
    (e: Error & { code?: string; params?: { chain?: string } }) => e.code === 'recipe.cycle' && e.params?.chain === 'BREAD → DOUGH → BREAD',
  );
  assert.throws(() => validateRecipe({ ...a, components: [recipeComponent({ itemId: DOUGH, grossQuantity: '1' })] }, names), /recipe.cycle/);
  assert.throws(() => validateRecipe({ ...a, components: [recipeComponent({ itemId: CRUMBS, kind: 'byproduct', grossQuantity: '1' })] }, names), /recipe.no_components/);
});

test('differences to the norm per item', () => {
  assert.deepEqual(normDifferences([{ itemId: FLOUR, quantity: '30' }, { itemId: YEAST, quantity: '1' }], [{ itemId: FLOUR, quantity: '31.2' }, { itemId: YEAST, quantity: '1' }, { itemId: 99, quantity: '0.1' }]), [
    { itemId: FLOUR, normQuantity: '30.000', actualQuantity: '31.200', differenceQuantity: '1.200' },
    { itemId: YEAST, normQuantity: '1.000', actualQuantity: '1.000', differenceQuantity: '0.000' },
    { itemId: 99, normQuantity: '0.000', actualQuantity: '0.100', differenceQuantity: '0.100' },
  ]);
});

test('the tech card lists the recipe\'s own lines, the dough costed through its recipe', () => {
  const card = techCard(bread1, (id) => cost[id], book, '2026-11-23');
  // dough 0.5 kg × 58.076 = 29.038, bag 1 × 3 → 32.038 → 32, the same as the exploded cost
  assert.deepEqual(card.lines.map((l) => [l.itemId, l.grossQuantity, l.netQuantity, l.lossPercent, l.viaRecipe, l.costMinor.toString()]), [
    [DOUGH, '0.500', '0.485', '3.00', true, '29.038'],
    [BAG, '1.000', '1.000', '0.00', false, '3'],
  ]);
  assert.equal(card.totalMinor, recipeCost(bread1, (id) => cost[id], book, '2026-11-23').totalMinor);
  assert.equal(card.unitCostMinor.toString(), '32.038');
});
