// The demo's production: tech cards for the bakery's loaf (flour, water, yeast) and the café's coffees (beans, milk),
// their raw materials received, one baking run and one day of café sales, so the production pages show real numbers.

import { postProduction, saveRecipe, createAndPost, type Actor, type Db } from '@kasa/db';
import type { DemoIds } from './seed';

const FROM = '2026-01-01';
const DAY = '2026-11-16';

/** Coffee per cup in kg of beans and litres of milk, small (S) and large (L); milk loses a little to the foam. */
const COFFEES: Array<[string, [string, string], [string, string] | null]> = [
  ['Espresso', ['0.009', '0.012'], null],
  ['Dubultais espresso', ['0.018', '0.024'], null],
  ['Kafija ar pienu', ['0.009', '0.012'], ['0.050', '0.080']],
  ['Kapučīno', ['0.009', '0.012'], ['0.120', '0.180']],
  ['Latte', ['0.009', '0.012'], ['0.200', '0.300']],
];

export async function postDemoProduction(db: Db, ids: DemoIds): Promise<void> {
  const actor: Actor = { userId: ids.adminUserId, rights: ['*'] };
  const byName = (name: string) => {
    const i = ids.items.find((x) => x.name === name);
    if (!i) throw new Error(`demo item "${name}" is missing`);
    return i;
  };
  const flour = byName('Kviešu milti ceptuvei');
  const yeast = byName('Sausais raugs ceptuvei');
  const water = byName('Ūdens ceptuvei');
  const beans = byName('Kafijas pupiņas kafejnīcai');
  const milk = byName('Piens kafejnīcai 3,2%');
  const loaf = byName('Ceptuves baltmaize 500 g');
  const bakery = ids.warehouses.BAKERY!;
  const store = ids.warehouses.STORE!;

  // Raw materials (net purchase prices, cents): flour 0.62/kg, yeast 7.00/kg, water 0.01/l; beans 14.00/kg, milk 0.80/l.
  await createAndPost(db, actor, {
    type: 'receiving', date: '2026-11-02', warehouseId: bakery, partnerId: ids.partners['S-MAIZE'] ?? null, reason: 'Izejvielas ceptuvei',
    lines: [{ itemId: flour.id, quantity: '500', priceMinor: 62 }, { itemId: yeast.id, quantity: '10', priceMinor: 700 }, { itemId: water.id, quantity: '1000', priceMinor: 1 }],
  });
  await createAndPost(db, actor, {
    type: 'receiving', date: '2026-11-02', warehouseId: store, partnerId: ids.partners['S-PIENS'] ?? null, reason: 'Kafejnīcai',
    lines: [{ itemId: beans.id, quantity: '20', priceMinor: 1400 }, { itemId: milk.id, quantity: '120', priceMinor: 80 }],
  });

  // Ten loaves: 3.4 kg flour, 2.2 l water of which 10 % steams off, 50 g yeast.
  await saveRecipe(db, actor, {
    outputItemId: loaf.id, validFrom: FROM, outputQuantity: '10', note: 'Cep 35 min 220 °C',
    components: [{ itemId: flour.id, grossQuantity: '3.4' }, { itemId: water.id, grossQuantity: '2.2', lossPercent: '10' }, { itemId: yeast.id, grossQuantity: '0.05' }],
  });
  for (const [base, bean, milkPerCup] of COFFEES) {
    for (const [n, size] of (['S', 'L'] as const).entries()) {
      await saveRecipe(db, actor, {
        outputItemId: byName(`${base} ${size}`).id, validFrom: FROM, outputQuantity: '1',
        components: [
          { itemId: beans.id, grossQuantity: bean[n]! },
          ...(milkPerCup ? [{ itemId: milk.id, grossQuantity: milkPerCup[n]!, lossPercent: '5' }] : []),
        ],
      });
    }
  }

  // A morning's baking and the café's day: the coffees take their beans and milk as the sale is posted.
  await postProduction(db, actor, { date: DAY, warehouseId: bakery, outputs: [{ itemId: loaf.id, quantity: '40' }], reason: 'Rīta cepiens' });
  const cups: Array<[string, string]> = [['Espresso S', '24'], ['Kafija ar pienu S', '12'], ['Kapučīno L', '18'], ['Latte S', '15']];
  await createAndPost(db, actor, {
    type: 'sale', date: DAY, warehouseId: store, reason: 'Kafejnīcas Z atskaite',
    lines: cups.map(([name, quantity]) => ({ itemId: byName(name).id, quantity, priceMinor: byName(name).retailMinor })),
  });
}
