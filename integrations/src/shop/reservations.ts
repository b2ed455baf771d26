// Stock reservations of shop orders: available = on hand − everything reserved.
// An order holds one row per item with what it still needs; every change replaces that row with a new one (a new id,
// so the stock feed sees the change). Releasing leaves a zero row as the change marker, and only the newest marker
// per item and warehouse is kept. Beside the rows, `stock_reserved` keeps the total per item and warehouse, changed in
// the same transaction, so checking stock reads one row however many orders are open.

import type { Transaction } from 'kysely';
import { DomainError } from '@kasa/domain';
import type { Database, Db } from '@kasa/db';
import { milliText } from './quantities';
import { prepared, rowsOf, slots } from './statements';

type Trx = Transaction<Database>;

/** On hand and reserved (thousandths) per item in one warehouse. */
export async function stockPosition(trx: Trx | Db['kysely'], warehouseId: number, itemIds: number[]) {
  const pos = new Map<number, { onHand: number; reserved: number }>(
    itemIds.map((id) => [id, { onHand: 0, reserved: 0 }]),
  );
  if (itemIds.length === 0) return pos;
  const balances = await trx
    .selectFrom('stock_balances')
    .select(['item_id', 'quantity_milli'])
    .where('warehouse_id', '=', warehouseId)
    .where('item_id', 'in', itemIds)
    .execute();
  for (const b of balances) pos.get(Number(b.item_id))!.onHand = Number(b.quantity_milli);
  const reserved = await trx
    .selectFrom('stock_reserved')
    .select(['item_id', 'quantity_milli'])
    .where('warehouse_id', '=', warehouseId)
    .where('item_id', 'in', itemIds)
    .execute();
  for (const r of reserved) pos.get(Number(r.item_id))!.reserved = Number(r.quantity_milli);
  return pos;
}

/** On hand of the items ($1 …) in warehouse $0, locked on PostgreSQL in item order. Shape: the number of items. */
const balancesToGrow = prepared((q, $, n: number, kind) => {
  const s = q
    .selectFrom('stock_balances')
    .select(['item_id', 'quantity_milli'])
    .where('warehouse_id', '=', $(0))
    .where('item_id', 'in', slots($, 1, n));
  return kind === 'postgresql' ? s.orderBy('item_id').forUpdate() : s;
});

/** Adds (item, warehouse, delta) rows to the reserved totals; answers the new totals. Shape: the number of rows. */
const addToReserved = prepared((q, $, n: number) =>
  q
    .insertInto('stock_reserved')
    .values(rowsOf($, ['item_id', 'warehouse_id', 'quantity_milli'], n))
    .onConflict((oc) =>
      oc.columns(['item_id', 'warehouse_id']).doUpdateSet((eb) => ({
        quantity_milli: eb('stock_reserved.quantity_milli', '+', eb.ref('excluded.quantity_milli')),
      })),
    )
    .returning(['item_id', 'quantity_milli']),
);

const insertReservations = prepared((q, $, n: number) =>
  q
    .insertInto('order_reservations')
    .values(rowsOf($, ['order_id', 'item_id', 'warehouse_id', 'quantity_milli', 'created_at'], n)),
);

/**
 * Sets what an order holds to `desired` (item id → thousandths); an empty map releases everything. `current` is what
 * it holds now when the caller knows (an order created in this transaction holds nothing); otherwise it is read.
 * On PostgreSQL the balance rows of the items that grow are locked first, so two orders cannot both take the last
 * piece and a sale cannot post in between; the reserved totals are then updated in place, which on PostgreSQL reads the
 * latest committed total under the row lock. SQLite's write transactions are already serial.
 */
export async function reconcileReservation(
  trx: Trx,
  kind: Db['kind'],
  order: { id: number; warehouseId: number },
  desired: Map<number, number>,
  itemCode: (itemId: number) => string,
  current?: Map<number, number>,
): Promise<void> {
  if (!current) {
    current = new Map<number, number>();
    const rows = await trx
      .selectFrom('order_reservations')
      .select(['item_id', (eb) => eb.fn.sum<number>('quantity_milli').as('q')])
      .where('order_id', '=', order.id)
      .groupBy('item_id')
      .execute();
    for (const r of rows) current.set(Number(r.item_id), Number(r.q));
  }
  const deltas = new Map<number, number>();
  for (const id of new Set([...current.keys(), ...desired.keys()])) {
    const d = (desired.get(id) ?? 0) - (current.get(id) ?? 0);
    if (d !== 0) deltas.set(id, d);
  }
  if (deltas.size === 0) return;
  const changed = [...deltas.keys()].sort((a, b) => a - b);
  const growing = changed.filter((id) => deltas.get(id)! > 0);
  const onHand = new Map<number, number>();
  if (growing.length)
    for (const b of await balancesToGrow(trx, kind, [order.warehouseId, ...growing], growing.length))
      onHand.set(Number(b.item_id), Number(b.quantity_milli));
  const totals = await addToReserved(
    trx,
    kind,
    changed.flatMap((id) => [id, order.warehouseId, deltas.get(id)!]),
    changed.length,
  );
  for (const t of totals) {
    const id = Number(t.item_id);
    const need = deltas.get(id)!;
    if (need <= 0) continue;
    const available = (onHand.get(id) ?? 0) - (Number(t.quantity_milli) - need);
    // Refused: the transaction rolls back, the total with it.
    if (available < need)
      throw new DomainError(
        'stock.insufficient',
        { item: itemCode(id), available: milliText(Math.max(0, available)), requested: milliText(need) },
        409,
      );
  }
  const now = new Date().toISOString();
  if (changed.some((id) => current.has(id)))
    await trx
      .deleteFrom('order_reservations')
      .where('order_id', '=', order.id)
      .where('item_id', 'in', changed)
      .execute();
  const released = changed.filter((id) => !desired.get(id));
  if (released.length)
    await trx
      .deleteFrom('order_reservations')
      .where('warehouse_id', '=', order.warehouseId)
      .where('item_id', 'in', released)
      .where('quantity_milli', '=', 0)
      .execute();
  await insertReservations(
    trx,
    kind,
    changed.flatMap((itemId) => [order.id, itemId, order.warehouseId, desired.get(itemId) ?? 0, now]),
    changed.length,
  );
}
