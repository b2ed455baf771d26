// Stock reservations of shop orders: available = on hand − everything reserved.
// An order holds one row per item with what it still needs; every change replaces that row with a new one (a new id,
// so the stock feed sees the change). Releasing leaves a zero row as the change marker, and only the newest marker
// per item and warehouse is kept, so summing what is reserved reads the open orders' rows, not all of history.

import type { Transaction } from 'kysely';
import { DomainError } from '@kasa/domain';
import type { Database, Db } from '@kasa/db';
import { milliText } from './quantities';

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
    .selectFrom('order_reservations')
    .select(['item_id', (eb) => eb.fn.sum<number>('quantity_milli').as('q')])
    .where('warehouse_id', '=', warehouseId)
    .where('item_id', 'in', itemIds)
    .groupBy('item_id')
    .execute();
  for (const r of reserved) pos.get(Number(r.item_id))!.reserved = Number(r.q);
  return pos;
}

/**
 * Sets what an order holds to `desired` (item id → thousandths); an empty map releases everything.
 * On PostgreSQL the balance rows of the items that grow are locked first, so two orders cannot both take the last piece;
 * SQLite's write transactions are already serial.
 */
export async function reconcileReservation(
  trx: Trx,
  kind: Db['kind'],
  order: { id: number; warehouseId: number },
  desired: Map<number, number>,
  itemCode: (itemId: number) => string,
): Promise<void> {
  const current = new Map<number, number>();
  const rows = await trx
    .selectFrom('order_reservations')
    .select(['item_id', (eb) => eb.fn.sum<number>('quantity_milli').as('q')])
    .where('order_id', '=', order.id)
    .groupBy('item_id')
    .execute();
  for (const r of rows) current.set(Number(r.item_id), Number(r.q));
  const deltas = new Map<number, number>();
  for (const id of new Set([...current.keys(), ...desired.keys()])) {
    const d = (desired.get(id) ?? 0) - (current.get(id) ?? 0);
    if (d !== 0) deltas.set(id, d);
  }
  const growing = [...deltas]
    .filter(([, d]) => d > 0)
    .map(([id]) => id)
    .sort((a, b) => a - b);
  if (growing.length && kind === 'postgresql') {
    await trx
      .selectFrom('stock_balances')
      .select('item_id')
      .where('warehouse_id', '=', order.warehouseId)
      .where('item_id', 'in', growing)
      .orderBy('item_id')
      .forUpdate()
      .execute();
  }
  const pos = await stockPosition(trx, order.warehouseId, growing);
  for (const id of growing) {
    const p = pos.get(id)!;
    const available = p.onHand - p.reserved;
    const need = deltas.get(id)!;
    if (available < need)
      throw new DomainError(
        'stock.insufficient',
        { item: itemCode(id), available: milliText(Math.max(0, available)), requested: milliText(need) },
        409,
      );
  }
  if (deltas.size === 0) return;
  const now = new Date().toISOString();
  const changed = [...deltas.keys()];
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
  await trx
    .insertInto('order_reservations')
    .values(
      changed.map((itemId) => ({
        order_id: order.id,
        item_id: itemId,
        warehouse_id: order.warehouseId,
        quantity_milli: desired.get(itemId) ?? 0,
        created_at: now,
      })),
    )
    .execute();
}
