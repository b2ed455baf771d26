// Writes movements and keeps balances in the same transaction. On PostgreSQL the balance row is locked
// (SELECT … FOR UPDATE) so two postings of the same item never lose an update.

import type { Insertable, Transaction } from 'kysely';
import { applyMovement, Decimal } from '@kasa/domain';
import type { Database } from '../schema';
import type { DialectKind } from '../connection';

export interface LedgerMovement {
  itemId: number;
  warehouseId: number;
  /** Signed quantity, decimal string. */
  quantity: string;
  /** Known value for incoming movements (receipt cost, reversal of an earlier movement). */
  valueMinor?: number;
  /** Takes the value of an earlier movement in this batch, negated (the incoming side of a transfer). */
  valueFrom?: number;
}

export interface ItemCosting {
  costing: string;
  standard_cost_minor: number | null;
}

export async function postMovements(
  trx: Transaction<Database>,
  kind: DialectKind,
  documentId: number,
  date: string,
  movements: LedgerMovement[],
  costing: (itemId: number) => ItemCosting,
  negativeStock: (warehouseId: number) => 'forbid' | 'allow',
): Promise<number[]> {
  const values: number[] = [];
  const rows: Insertable<Database['stock_movements']>[] = [];
  for (const m of movements) {
    await trx
      .insertInto('stock_balances')
      .values({ item_id: m.itemId, warehouse_id: m.warehouseId, quantity_milli: 0, value_minor: 0, last_unit_cost: '0' })
      .onConflict((oc) => oc.columns(['item_id', 'warehouse_id']).doNothing())
      .execute();
    let q = trx
      .selectFrom('stock_balances')
      .select(['quantity_milli', 'value_minor', 'last_unit_cost'])
      .where('item_id', '=', m.itemId)
      .where('warehouse_id', '=', m.warehouseId);
    if (kind === 'postgresql') q = q.forUpdate();
    const b = await q.executeTakeFirstOrThrow();
    const item = costing(m.itemId);
    const applied = applyMovement(
      { quantity: new Decimal(b.quantity_milli).div(1000), valueMinor: Number(b.value_minor), lastUnitCostMinor: new Decimal(b.last_unit_cost) },
      {
        item: String(m.itemId),
        warehouse: String(m.warehouseId),
        quantity: m.quantity,
        valueMinor: m.valueFrom !== undefined ? -(values[m.valueFrom] ?? 0) : m.valueMinor,
      },
      {
        method: item.costing === 'standard' ? 'standard' : 'average',
        standardUnitCostMinor: item.standard_cost_minor ?? 0,
        negativeStock: negativeStock(m.warehouseId),
      },
    );
    await trx
      .updateTable('stock_balances')
      .set({
        quantity_milli: applied.balance.quantity.mul(1000).toNumber(),
        value_minor: applied.balance.valueMinor,
        last_unit_cost: applied.balance.lastUnitCostMinor.toDecimalPlaces(6).toString(),
      })
      .where('item_id', '=', m.itemId)
      .where('warehouse_id', '=', m.warehouseId)
      .execute();
    values.push(applied.valueMinor);
    rows.push({
      document_id: documentId,
      item_id: m.itemId,
      warehouse_id: m.warehouseId,
      quantity_milli: new Decimal(m.quantity).mul(1000).toNumber(),
      value_minor: applied.valueMinor,
      date,
    });
  }
  if (rows.length) await trx.insertInto('stock_movements').values(rows).execute();
  return values;
}
