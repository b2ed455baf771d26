// Writes movements and keeps balances in the same transaction. On PostgreSQL the balance rows are locked
// (SELECT … FOR UPDATE) so two postings of the same item never lose an update.
// A posting costs a fixed number of statements whatever its length: read (and lock) every balance it touches in one
// SELECT, apply the movements in memory in their order, write the balances back in one upsert and the movements in
// one insert. Rows are locked in (item, warehouse) order, the order every other locker uses, so two postings that
// share items wait for each other instead of deadlocking.

import { sql, type Transaction } from 'kysely';
import { applyMovement, Decimal, milliOf, unitCostText, type StockBalance } from '@kasa/domain';
import type { Database } from '../schema';
import { param, preparedQuery, type DialectKind } from '../connection';

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

type Trx = Transaction<Database>;
type BalanceKey = `${number}:${number}`;
const keyOf = (itemId: number, warehouseId: number): BalanceKey => `${itemId}:${warehouseId}`;

// Rows per multi-row statement: 5–6 parameters a row stays far below SQLite's 32,766 and PostgreSQL's 65,535.
const CHUNK = 1000;
/** Thousandths to units by a multiplication: exact in decimal, cheaper than dividing by 1000. */
const MILLI = new Decimal('0.001');
function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

// Every posting runs these three statements; they are built once per dialect and number of rows.
const selectBalances = preparedQuery((k, kind, n) => {
  const q = k
    .selectFrom('stock_balances')
    .select(['item_id', 'warehouse_id', 'quantity_milli', 'value_minor', 'last_unit_cost'])
    .where((eb) =>
      eb(
        eb.refTuple('item_id', 'warehouse_id'),
        'in',
        Array.from({ length: n }, (_, i) => eb.tuple(param(2 * i), param(2 * i + 1))),
      ),
    )
    .orderBy('item_id')
    .orderBy('warehouse_id');
  return kind === 'postgresql' ? q.forUpdate() : q;
});

const BALANCE_COLUMNS = ['item_id', 'warehouse_id', 'quantity_milli', 'value_minor', 'last_unit_cost'] as const;
const writeBalances = preparedQuery((k, _kind, n) =>
  k
    .insertInto('stock_balances')
    .values(rowsOfParams(BALANCE_COLUMNS, n))
    .onConflict((oc) =>
      oc.columns(['item_id', 'warehouse_id']).doUpdateSet({
        quantity_milli: sql`excluded.quantity_milli`,
        value_minor: sql`excluded.value_minor`,
        last_unit_cost: sql`excluded.last_unit_cost`,
      }),
    ),
);

// Goods in at a known cost only add to their balances: the same upsert, adding instead of replacing.
const addToBalances = preparedQuery((k, _kind, n) =>
  k
    .insertInto('stock_balances')
    .values(rowsOfParams(BALANCE_COLUMNS, n))
    .onConflict((oc) =>
      oc.columns(['item_id', 'warehouse_id']).doUpdateSet({
        quantity_milli: sql`stock_balances.quantity_milli + excluded.quantity_milli`,
        value_minor: sql`stock_balances.value_minor + excluded.value_minor`,
        last_unit_cost: sql`excluded.last_unit_cost`,
      }),
    ),
);

const MOVEMENT_COLUMNS = ['document_id', 'item_id', 'warehouse_id', 'quantity_milli', 'value_minor', 'date'] as const;
const insertMovements = preparedQuery((k, _kind, n) =>
  k.insertInto('stock_movements').values(rowsOfParams(MOVEMENT_COLUMNS, n)),
);

/** `n` rows of placeholders, the values row after row in `columns` order. */
function rowsOfParams(columns: readonly string[], n: number): never[] {
  return Array.from(
    { length: n },
    (_, r) => Object.fromEntries(columns.map((c, i) => [c, param(r * columns.length + i)])) as never,
  );
}

/** Reads the balances of the given (item, warehouse) pairs, locking them on PostgreSQL, in key order. */
async function readBalances(trx: Trx, pairs: Array<[number, number]>, into: Map<BalanceKey, StockBalance>): Promise<void> {
  for (const part of chunks(pairs)) {
    for (const b of (await selectBalances(trx, part.flat(), part.length)).rows)
      into.set(keyOf(Number(b.item_id), Number(b.warehouse_id)), {
        quantity: new Decimal(b.quantity_milli).mul(MILLI),
        valueMinor: Number(b.value_minor),
        lastUnitCostMinor: new Decimal(b.last_unit_cost),
      });
  }
}

export async function postMovements(
  trx: Trx,
  kind: DialectKind,
  documentId: number,
  date: string,
  movements: LedgerMovement[],
  costing: (itemId: number) => ItemCosting,
  negativeStock: (warehouseId: number) => 'forbid' | 'allow',
): Promise<number[]> {
  if (movements.length === 0) return [];
  const milli = movements.map((m) => milliOf(m.quantity) ?? new Decimal(m.quantity).mul(1000).toNumber());
  if (movements.every((m, i) => milli[i]! > 0 && m.valueMinor !== undefined && m.valueFrom === undefined && costing(m.itemId).costing !== 'standard'))
    return addIncoming(trx, documentId, date, movements, milli);
  const pairs = [...new Map(movements.map((m) => [keyOf(m.itemId, m.warehouseId), [m.itemId, m.warehouseId] as [number, number]])).values()].sort(
    (a, b) => a[0] - b[0] || a[1] - b[1],
  );
  const balances = new Map<BalanceKey, StockBalance>();
  await readBalances(trx, pairs, balances);
  const missing = pairs.filter(([i, w]) => !balances.has(keyOf(i, w)));
  if (missing.length) {
    // First movement of an item in a warehouse: create its zero balance (another posting may be creating it too),
    // then read it like the others, which on PostgreSQL waits for that posting.
    for (const part of chunks(missing))
      await trx
        .insertInto('stock_balances')
        .values(part.map(([item_id, warehouse_id]) => ({ item_id, warehouse_id, quantity_milli: 0, value_minor: 0, last_unit_cost: '0' })))
        .onConflict((oc) => oc.columns(['item_id', 'warehouse_id']).doNothing())
        .execute();
    await readBalances(trx, missing, balances);
  }

  const values: number[] = [];
  const rows: MovementRow[] = [];
  for (const [i, m] of movements.entries()) {
    const key = keyOf(m.itemId, m.warehouseId);
    const item = costing(m.itemId);
    const applied = applyMovement(
      balances.get(key)!,
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
    balances.set(key, applied.balance);
    values.push(applied.valueMinor);
    rows.push({
      document_id: documentId,
      item_id: m.itemId,
      warehouse_id: m.warehouseId,
      quantity_milli: milli[i]!,
      value_minor: applied.valueMinor,
      date,
    });
  }

  // Every row exists and is ours until commit, so the upsert always takes its update branch.
  const written = pairs.map(([item_id, warehouse_id]) => {
    const b = balances.get(keyOf(item_id, warehouse_id))!;
    return {
      item_id,
      warehouse_id,
      quantity_milli: b.quantity.mul(1000).toNumber(),
      value_minor: b.valueMinor,
      last_unit_cost: b.lastUnitCostMinor.toDecimalPlaces(6).toString(),
    };
  });
  for (const part of chunks(written))
    await writeBalances(trx, part.flatMap((b) => BALANCE_COLUMNS.map((c) => b[c])), part.length);
  await writeMovements(trx, rows);
  return values;
}

type MovementRow = Record<(typeof MOVEMENT_COLUMNS)[number], number | string>;

async function writeMovements(trx: Trx, rows: MovementRow[]): Promise<void> {
  for (const part of chunks(rows))
    await insertMovements(trx, part.flatMap((m) => MOVEMENT_COLUMNS.map((c) => m[c])), part.length);
}

/**
 * Goods coming in at a known cost with average costing (a receiving): the movements' values are known, a balance only
 * grows and its last unit cost becomes the receipt's, so nothing is read first. One upsert per chunk adds each
 * (item, warehouse)'s sums to its balance or creates it, in key order like every other locker.
 */
async function addIncoming(trx: Trx, documentId: number, date: string, movements: LedgerMovement[], milli: number[]): Promise<number[]> {
  const sums = new Map<BalanceKey, { item_id: number; warehouse_id: number; quantity_milli: number; value_minor: number; last_value: number; last_milli: number }>();
  const rows: MovementRow[] = movements.map((m, i) => {
    const key = keyOf(m.itemId, m.warehouseId);
    const s = sums.get(key);
    if (s) {
      s.quantity_milli += milli[i]!;
      s.value_minor += m.valueMinor!;
      s.last_value = m.valueMinor!;
      s.last_milli = milli[i]!;
    } else
      sums.set(key, { item_id: m.itemId, warehouse_id: m.warehouseId, quantity_milli: milli[i]!, value_minor: m.valueMinor!, last_value: m.valueMinor!, last_milli: milli[i]! });
    return { document_id: documentId, item_id: m.itemId, warehouse_id: m.warehouseId, quantity_milli: milli[i]!, value_minor: m.valueMinor!, date };
  });
  const added = [...sums.values()].sort((a, b) => a.item_id - b.item_id || a.warehouse_id - b.warehouse_id);
  for (const part of chunks(added)) {
    const values: Array<number | string> = [];
    for (const b of part)
      values.push(b.item_id, b.warehouse_id, b.quantity_milli, b.value_minor, unitCostText(b.last_value, b.last_milli));
    await addToBalances(trx, values, part.length);
  }
  await writeMovements(trx, rows);
  return movements.map((m) => m.valueMinor!);
}
