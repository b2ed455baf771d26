// The dairy's contract prices in the demo (issue 6): two goods agreed with S-PIENS from 1 July — the first at its
// last price, the second 5 % below it until the year's end — and one November delivery still awaiting approval
// because its first line is 15 % above the contract price, so the receiving's page shows a flag against a contract.

import { dec } from '@kasa/domain';
import { addContractPrice, createDocument, postDocument, type Actor, type Db } from '@kasa/db';
import type { DemoIds } from './seed';

export const DEMO_CONTRACT_FROM = '2026-07-01';

export async function postDemoContractPrices(db: Db, ids: DemoIds): Promise<void> {
  const actor: Actor = { userId: ids.adminUserId, rights: ['*'] };
  const dairy = ids.partners['S-PIENS']!;
  // The dairy's goods as its last delivery (June) listed them, with the price paid.
  const lastDelivery = await db.kysely
    .selectFrom('documents')
    .select('id')
    .where('type', '=', 'receiving')
    .where('status', '=', 'posted')
    .where('partner_id', '=', dairy)
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!lastDelivery) return;
  const lines = await db.kysely
    .selectFrom('document_lines')
    .select(['item_id', 'price_minor'])
    .where('document_id', '=', lastDelivery.id)
    .orderBy('line_no')
    .limit(2)
    .execute();
  if (lines.length < 2) return;
  const [a, b] = lines.map((l) => ({ itemId: Number(l.item_id), lastMinor: Number(l.price_minor) })) as [{ itemId: number; lastMinor: number }, { itemId: number; lastMinor: number }];
  const bContract = dec(b.lastMinor).mul(95).div(100).toDecimalPlaces(0).toNumber();
  await addContractPrice(db, ids.adminUserId, dairy, { itemId: a.itemId, priceMinor: a.lastMinor, validFrom: DEMO_CONTRACT_FROM });
  await addContractPrice(db, ids.adminUserId, dairy, { itemId: b.itemId, priceMinor: bContract, validFrom: DEMO_CONTRACT_FROM, validTo: '2026-12-31' });

  const draft = await createDocument(db, actor, {
    type: 'receiving',
    date: '2026-11-20',
    warehouseId: ids.warehouses.STORE!,
    partnerId: dairy,
    reason: 'Piegāde',
    lines: [
      { itemId: a.itemId, quantity: '24', priceMinor: dec(a.lastMinor).mul(115).div(100).toDecimalPlaces(0).toNumber() },
      { itemId: b.itemId, quantity: '12', priceMinor: b.lastMinor },
    ],
  });
  // A person posts it: price control stops it at awaiting approval.
  await postDocument(db, actor, draft.id);
}
