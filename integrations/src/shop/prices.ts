// The shop sells at the default price group's current prices (the latest valid_from not after today).

import type { Transaction } from 'kysely';
import type { Database, Db } from '@kasa/db';

type Q = Transaction<Database> | Db['kysely'];

export async function shopPriceGroup(q: Q) {
  return (
    (await q.selectFrom('price_groups').selectAll().orderBy('is_default', 'desc').orderBy('code').executeTakeFirst()) ??
    null
  );
}

/** Current price in minor units per item id; items without a price are absent. */
export async function currentPrices(
  q: Q,
  priceGroupId: number,
  itemIds: number[],
  today = new Date().toISOString().slice(0, 10),
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (itemIds.length === 0) return out;
  const rows = await q
    .selectFrom('prices')
    .select(['item_id', 'price_minor'])
    .where('price_group_id', '=', priceGroupId)
    .where('item_id', 'in', itemIds)
    .where('valid_from', '<=', today)
    .orderBy('valid_from')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(Number(r.item_id), Number(r.price_minor));
  return out;
}
