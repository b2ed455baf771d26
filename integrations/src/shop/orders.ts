// Online orders: created once per idempotency key with stock reserved, moved through the lifecycle, picked with
// agreed substitutions, and on shipping posted as a sale through the document engine (exactly once per order).

import type { ExpressionBuilder, Transaction } from 'kysely';
import { DomainError } from '@kasa/domain';
import { createAndPost, SYSTEM_ACTOR, type Database, type Db } from '@kasa/db';
import { allowedNext, assertTransition, isCancellable, type OrderStatus, type PaymentMethod } from './lifecycle';
import { recordStatusChanges } from './outbox';
import { reconcileReservation } from './reservations';
import { currentPrices, shopPriceGroup } from './prices';
import { requestHash } from './canonical-json';
import { prepared, rowsOf, slots } from './statements';
import { fromMilli, lineAmountMinor, milliText, toMilli } from './quantities';
import type { CreateOrderBody, PickBody } from './schemas';

type Trx = Transaction<Database>;

/** Runs a transaction again when PostgreSQL chose it as a deadlock victim (a sale posting and a reservation can cross). */
async function inTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.kysely.transaction().execute(work);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (attempt >= 3 || (code !== '40P01' && code !== '40001')) throw e;
    }
  }
}

/** The request body is the input: one schema (schemas.ts) validates it, types it and documents it. */
export type CreateOrderInput = CreateOrderBody;
export type PickLineInput = PickBody['lines'][number];

export interface OrderLineView {
  lineNo: number;
  itemCode: string;
  itemName: string;
  unit: string;
  quantity: number;
  pickedQuantity: number | null;
  priceMinor: number;
  amountMinor: number;
  substituteFor: string | null;
}

export interface OrderView {
  id: number;
  externalRef: string | null;
  status: OrderStatus;
  payment: PaymentMethod;
  allowSubstitutions: boolean;
  warehouse: string;
  currency: string;
  totalMinor: number;
  customer: NonNullable<CreateOrderInput['customer']> | null;
  note: string | null;
  saleDocument: { id: number; number: string } | null;
  createdAt: string;
  updatedAt: string;
  allowedNext: OrderStatus[];
  lines: OrderLineView[];
  history: Array<{ status: OrderStatus; from: OrderStatus | null; at: string }>;
}

/** Who asks: a shop's API key sees its own orders; the back office (null) sees all. */
export type OrderOwner = number | null;

type OrderRow = Awaited<ReturnType<typeof loadOrderRow>>;

async function loadOrderRow(q: Trx | Db['kysely'], owner: OrderOwner, id: number, lock: boolean) {
  let s = q.selectFrom('shop_orders').selectAll().where('id', '=', id);
  if (owner !== null) s = s.where('api_key_id', '=', owner);
  if (lock) s = s.forUpdate();
  const r = await s.executeTakeFirst();
  if (!r) throw new DomainError('order.not_found', { id }, 404);
  return {
    ...r,
    id: Number(r.id),
    api_key_id: Number(r.api_key_id),
    warehouse_id: Number(r.warehouse_id),
    status: r.status as OrderStatus,
    payment: r.payment as PaymentMethod,
  };
}

async function orderLines(q: Trx | Db['kysely'], orderId: number) {
  const rows = await q
    .selectFrom('shop_order_lines')
    .innerJoin('items', 'items.id', 'shop_order_lines.item_id')
    .innerJoin('units', 'units.code', 'items.unit')
    .select([
      'shop_order_lines.id',
      'shop_order_lines.line_no',
      'shop_order_lines.item_id',
      'shop_order_lines.ordered_milli',
      'shop_order_lines.picked_milli',
      'shop_order_lines.price_minor',
      'shop_order_lines.substitute_for_line_id',
      'items.code',
      'items.name',
      'items.unit',
      'items.weighted',
      'units.decimals',
    ])
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    lineNo: r.line_no,
    itemId: Number(r.item_id),
    orderedMilli: Number(r.ordered_milli),
    pickedMilli: r.picked_milli === null ? null : Number(r.picked_milli),
    priceMinor: Number(r.price_minor),
    substituteForLineId: r.substitute_for_line_id === null ? null : Number(r.substitute_for_line_id),
    code: r.code,
    name: r.name,
    unit: r.unit,
    unitDecimals: r.weighted ? 3 : r.decimals,
  }));
}
type Line = Awaited<ReturnType<typeof orderLines>>[number];

/** What a line will leave the store with: the picked quantity once picked, the ordered one until then. */
const lineMilli = (l: Line) => l.pickedMilli ?? l.orderedMilli;

function totalOf(lines: Line[]): number {
  return lines.reduce((s, l) => s + lineAmountMinor(l.priceMinor, lineMilli(l)), 0);
}

function desiredReservation(lines: Line[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const l of lines) m.set(l.itemId, (m.get(l.itemId) ?? 0) + lineMilli(l));
  for (const [k, v] of m) if (v === 0) m.delete(k);
  return m;
}

export async function getOrder(db: Db, owner: OrderOwner, id: number): Promise<OrderView> {
  return orderView(db.kysely, owner, id);
}

async function orderView(q: Trx | Db['kysely'], owner: OrderOwner, id: number): Promise<OrderView> {
  const o = await loadOrderRow(q, owner, id, false);
  const lines = await orderLines(q, id);
  const wh = await q.selectFrom('warehouses').select('code').where('id', '=', o.warehouse_id).executeTakeFirstOrThrow();
  const events = await q.selectFrom('shop_order_events').selectAll().where('order_id', '=', id).orderBy('id').execute();
  const sale =
    o.sale_document_id === null
      ? null
      : await q
          .selectFrom('documents')
          .select(['id', 'number'])
          .where('id', '=', Number(o.sale_document_id))
          .executeTakeFirst();
  return viewOf(o, lines, wh.code, events, sale ? { id: Number(sale.id), number: sale.number } : null);
}

/** The order as the API shows it, from its row, lines and history (read back, or just written). */
function viewOf(
  o: OrderRow,
  lines: Line[],
  warehouseCode: string,
  events: Array<{ from_status: string | null; to_status: string; at: string }>,
  sale: { id: number; number: string } | null,
): OrderView {
  const byId = new Map(lines.map((l) => [l.id, l]));
  return {
    id: o.id,
    externalRef: o.external_ref,
    status: o.status,
    payment: o.payment,
    allowSubstitutions: Boolean(o.allow_substitutions),
    warehouse: warehouseCode,
    currency: o.currency,
    totalMinor: Number(o.total_minor),
    customer: o.customer ? JSON.parse(o.customer) : null,
    note: o.note,
    saleDocument: sale,
    createdAt: o.created_at,
    updatedAt: o.updated_at,
    allowedNext: allowedNext(o.status, o.payment),
    lines: lines.map((l) => ({
      lineNo: l.lineNo,
      itemCode: l.code,
      itemName: l.name,
      unit: l.unit,
      quantity: fromMilli(l.orderedMilli),
      pickedQuantity: l.pickedMilli === null ? null : fromMilli(l.pickedMilli),
      priceMinor: l.priceMinor,
      amountMinor: lineAmountMinor(l.priceMinor, lineMilli(l)),
      substituteFor: l.substituteForLineId === null ? null : (byId.get(l.substituteForLineId)?.code ?? null),
    })),
    history: events.map((e) => ({
      status: e.to_status as OrderStatus,
      from: e.from_status as OrderStatus | null,
      at: e.at,
    })),
  };
}

async function itemsByCode(q: Trx | Db['kysely'], codes: string[]) {
  if (codes.length === 0) return new Map<string, { id: number; code: string; decimals: number }>();
  const rows = await q
    .selectFrom('items')
    .innerJoin('units', 'units.code', 'items.unit')
    .select(['items.id', 'items.code', 'items.weighted', 'units.decimals'])
    .where('items.code', 'in', codes)
    .where('items.active', '=', 1)
    .execute();
  return new Map(rows.map((r) => [r.code, { id: Number(r.id), code: r.code, decimals: r.weighted ? 3 : r.decimals }]));
}

/** Moves the order row to `to` (refusing if someone else moved it first) and writes history and outbox. */
async function setStatus(
  trx: Trx,
  kind: Db['kind'],
  o: OrderRow,
  to: OrderStatus,
  totalMinor: number,
  detail?: unknown,
  extra: { sale_document_id?: number } = {},
) {
  const at = new Date().toISOString();
  const r = await trx
    .updateTable('shop_orders')
    .set({ status: to, total_minor: totalMinor, updated_at: at, version: o.version + 1, ...extra })
    .where('id', '=', o.id)
    .where('version', '=', o.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new DomainError('order.concurrent_change', { id: o.id }, 409);
  await recordStatusChanges(
    trx,
    kind,
    { id: o.id, apiKeyId: o.api_key_id, externalRef: o.external_ref, totalMinor, currency: o.currency },
    [{ from: o.status, to, at, detail }],
  );
  o.status = to;
  o.version += 1;
  o.total_minor = totalMinor;
}

/**
 * What an order needs to know about its items, in one statement: each active item of the codes ($2 …) with its unit
 * and name, its current price on day $0 in the shop's price group (null: none), and on every row the warehouse (code
 * $1, or the first one when the shape says so) and the currency. Shape: `<number of codes>:code|first`.
 */
const orderContext = prepared((q, $, shape: string) => {
  const [n, pick] = shape.split(':');
  const group = (eb: ExpressionBuilder<Database, 'items' | 'units'>) =>
    eb.selectFrom('price_groups').orderBy('is_default', 'desc').orderBy('code').limit(1);
  return q
    .selectFrom('items')
    .innerJoin('units', 'units.code', 'items.unit')
    .select(['items.id', 'items.code', 'items.name', 'items.unit', 'items.weighted', 'units.decimals'])
    .select((eb) => {
      const wh = eb.selectFrom('warehouses').select('warehouses.id').where('warehouses.is_transit', '=', 0);
      return [
        eb
          .selectFrom('prices')
          .select('prices.price_minor')
          .whereRef('prices.item_id', '=', 'items.id')
          .where('prices.price_group_id', '=', group(eb).select('price_groups.id'))
          .where('prices.valid_from', '<=', $(0))
          .orderBy('prices.valid_from', 'desc')
          .orderBy('prices.id', 'desc')
          .limit(1)
          .as('price_minor'),
        (pick === 'code' ? wh.where('warehouses.code', '=', $(1)) : wh.orderBy('warehouses.id'))
          .limit(1)
          .as('warehouse_id'),
        group(eb).select('price_groups.currency').as('group_currency'),
        eb.selectFrom('companies').select('companies.currency').orderBy('companies.id').limit(1).as('company_currency'),
      ];
    })
    .where('items.code', 'in', slots($, 2, Number(n)))
    .where('items.active', '=', 1);
});

const priorOrder = prepared((q, $) =>
  q
    .selectFrom('shop_orders')
    .select(['id', 'request_hash'])
    .where('api_key_id', '=', $(0))
    .where('idempotency_key', '=', $(1)),
);

const ORDER_COLUMNS = [
  'api_key_id',
  'idempotency_key',
  'request_hash',
  'external_ref',
  'status',
  'payment',
  'allow_substitutions',
  'warehouse_id',
  'currency',
  'total_minor',
  'customer',
  'note',
  'sale_document_id',
  'created_at',
  'updated_at',
  'version',
] as const;

const insertOrder = prepared((q, $) =>
  q
    .insertInto('shop_orders')
    .values(rowsOf($, ORDER_COLUMNS, 1))
    .returning('id'),
);

const LINE_COLUMNS = [
  'order_id',
  'line_no',
  'item_id',
  'ordered_milli',
  'picked_milli',
  'price_minor',
  'substitute_for_line_id',
] as const;

/** Shape: the number of lines. */
const insertLines = prepared((q, $, lines: number) =>
  q.insertInto('shop_order_lines').values(rowsOf($, LINE_COLUMNS, lines)),
);

/**
 * Creates the order and reserves its stock in one transaction. The same idempotency key with the same body returns
 * the first order (`created: false`); with another body it is refused with 409 `idempotency.conflict`.
 * The answer is built from what was written, not read back: the replay reads the same rows and shows the same order.
 */
export async function createOrder(
  db: Db,
  apiKeyId: number,
  idempotencyKey: string,
  input: CreateOrderInput,
): Promise<{ order: OrderView; created: boolean }> {
  const hash = requestHash(input);
  const replay = async (prior: { id: number; request_hash: string } | undefined) => {
    if (!prior) return null;
    if (prior.request_hash !== hash) throw new DomainError('idempotency.conflict', { key: idempotencyKey }, 409);
    return { order: await getOrder(db, apiKeyId, Number(prior.id)), created: false };
  };
  const codes = input.lines.map((l) => l.itemCode);
  try {
    const created = await inTransaction(db, async (trx) => {
      // Asked inside the write transaction: on SQLite it saves a read transaction of its own per order.
      const [prior] = await priorOrder(trx, db.kind, [apiKeyId, idempotencyKey]);
      if (prior) return { prior };
      const dup = codes.find((c, i) => codes.indexOf(c) !== i);
      if (dup !== undefined) throw new DomainError('order.item_duplicate', { item: dup }, 422);
      const now = new Date().toISOString();
      const rows = await orderContext(
        trx,
        db.kind,
        [now.slice(0, 10), input.warehouse ?? null, ...codes],
        `${codes.length}:${input.warehouse ? 'code' : 'first'}`,
      );
      const items = new Map(rows.map((r) => [r.code, r]));
      for (const c of codes) if (!items.has(c)) throw new DomainError('item.unknown', { item: c }, 422);
      const ctx = rows[0]!;
      if (ctx.warehouse_id === null)
        throw new DomainError('warehouse.unknown', { warehouse: input.warehouse ?? '' }, 422);
      const warehouseId = Number(ctx.warehouse_id);
      const currency = ctx.group_currency ?? ctx.company_currency;
      if (!currency) throw new DomainError('company.missing', {}, 409);
      const lines: Line[] = input.lines.map((l, i) => {
        const it = items.get(l.itemCode)!;
        const decimals = it.weighted ? 3 : it.decimals;
        const milli = toMilli(l.quantity, l.itemCode, decimals);
        if (milli <= 0)
          throw new DomainError('validation.quantity', { item: l.itemCode, quantity: String(l.quantity) }, 422);
        if (it.price_minor === null) throw new DomainError('price.missing', { item: l.itemCode }, 422);
        return {
          id: i + 1,
          lineNo: i + 1,
          itemId: Number(it.id),
          orderedMilli: milli,
          pickedMilli: null,
          priceMinor: Number(it.price_minor),
          substituteForLineId: null,
          code: it.code,
          name: it.name,
          unit: it.unit,
          unitDecimals: decimals,
        };
      });
      const total = totalOf(lines);
      // Created and reserved in this one transaction: the row goes in as reserved (version 1) with both changes in
      // its history and outbox, as if moved new → reserved.
      const row = {
        api_key_id: apiKeyId,
        idempotency_key: idempotencyKey,
        request_hash: hash,
        external_ref: input.externalRef ?? null,
        status: 'reserved',
        payment: input.payment ?? 'online',
        allow_substitutions: input.allowSubstitutions ? 1 : 0,
        warehouse_id: warehouseId,
        currency,
        total_minor: total,
        customer: input.customer ? JSON.stringify(input.customer) : null,
        note: input.note ?? null,
        sale_document_id: null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      const [ins] = await insertOrder(
        trx,
        db.kind,
        ORDER_COLUMNS.map((c) => row[c]),
      );
      const orderId = Number(ins!.id);
      const codeOf = new Map(lines.map((l) => [l.itemId, l.code]));
      // A new order holds nothing yet: no need to read what it holds.
      await reconcileReservation(
        trx,
        db.kind,
        { id: orderId, warehouseId },
        desiredReservation(lines),
        (id) => codeOf.get(id) ?? String(id),
        new Map(),
      );
      await insertLines(
        trx,
        db.kind,
        lines.flatMap((l) => [orderId, l.lineNo, l.itemId, l.orderedMilli, null, l.priceMinor, null]),
        lines.length,
      );
      const history = [
        { from: null, to: 'new' as const, at: now },
        { from: 'new' as const, to: 'reserved' as const, at: now },
      ];
      await recordStatusChanges(
        trx,
        db.kind,
        { id: orderId, apiKeyId, externalRef: row.external_ref, totalMinor: total, currency },
        history,
      );
      const o: OrderRow = { ...row, id: orderId, status: 'reserved', payment: row.payment as PaymentMethod };
      const events = history.map((h) => ({ from_status: h.from, to_status: h.to, at: h.at }));
      return { order: viewOf(o, lines, input.warehouse ?? (await warehouseCode(trx, warehouseId)), events, null) };
    });
    if (created.prior) return (await replay(created.prior))!;
    return { order: created.order, created: true };
  } catch (e) {
    // Two deliveries of the same request racing: the unique key let one in, the other answers with it.
    if (/unique|duplicate key/i.test(String((e as Error).message))) {
      const [prior] = await priorOrder(db.kysely, db.kind, [apiKeyId, idempotencyKey]);
      const again = await replay(prior);
      if (again) return again;
    }
    throw e;
  }
}

async function warehouseCode(trx: Trx, id: number): Promise<string> {
  return (await trx.selectFrom('warehouses').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
}

async function applyPick(trx: Trx, db: Db, o: OrderRow, picks: PickLineInput[]): Promise<Line[]> {
  const lines = await orderLines(trx, o.id);
  const items = await itemsByCode(trx, [...new Set(picks.map((p) => p.itemCode))]);
  const group = await shopPriceGroup(trx);
  for (const p of picks) {
    const it = items.get(p.itemCode);
    if (!it) throw new DomainError('item.unknown', { item: p.itemCode }, 422);
    const milli = toMilli(p.quantity, p.itemCode, it.decimals);
    if (p.substituteFor === undefined) {
      const line = lines.find((l) => l.substituteForLineId === null && l.code === p.itemCode);
      if (!line) throw new DomainError('order.line_unknown', { item: p.itemCode }, 422);
      if (milli > line.orderedMilli)
        throw new DomainError(
          'order.pick_exceeds',
          { item: p.itemCode, ordered: milliText(line.orderedMilli), picked: milliText(milli) },
          422,
        );
      await trx.updateTable('shop_order_lines').set({ picked_milli: milli }).where('id', '=', line.id).execute();
      line.pickedMilli = milli;
      continue;
    }
    if (!o.allow_substitutions) throw new DomainError('order.substitution_not_agreed', { item: p.substituteFor }, 409);
    const original = lines.find((l) => l.substituteForLineId === null && l.code === p.substituteFor);
    if (!original) throw new DomainError('order.line_unknown', { item: p.substituteFor }, 422);
    if (p.itemCode === p.substituteFor) throw new DomainError('order.substitute_same_item', { item: p.itemCode }, 422);
    // The substitute takes the place of what was not picked of the original.
    if (original.pickedMilli === null) {
      await trx.updateTable('shop_order_lines').set({ picked_milli: 0 }).where('id', '=', original.id).execute();
      original.pickedMilli = 0;
    }
    const existing = lines.find((l) => l.substituteForLineId === original.id && l.code === p.itemCode);
    if (existing) {
      await trx.updateTable('shop_order_lines').set({ picked_milli: milli }).where('id', '=', existing.id).execute();
      existing.pickedMilli = milli;
      continue;
    }
    const price = group ? (await currentPrices(trx, Number(group.id), [it.id])).get(it.id) : undefined;
    if (price === undefined) throw new DomainError('price.missing', { item: p.itemCode }, 422);
    const lineNo = Math.max(0, ...lines.map((l) => l.lineNo)) + 1;
    const ins = await trx
      .insertInto('shop_order_lines')
      .values({
        order_id: o.id,
        line_no: lineNo,
        item_id: it.id,
        ordered_milli: 0,
        picked_milli: milli,
        price_minor: price,
        substitute_for_line_id: original.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    lines.push({
      id: Number(ins.id),
      lineNo,
      itemId: it.id,
      orderedMilli: 0,
      pickedMilli: milli,
      priceMinor: price,
      substituteForLineId: original.id,
      code: it.code,
      name: '',
      unit: '',
      unitDecimals: it.decimals,
    });
  }
  const codeOf = new Map(lines.map((l) => [l.itemId, l.code]));
  await reconcileReservation(
    trx,
    db.kind,
    { id: o.id, warehouseId: o.warehouse_id },
    desiredReservation(lines),
    (id) => codeOf.get(id) ?? String(id),
  );
  return lines;
}

async function pickInTransaction(trx: Trx, db: Db, o: OrderRow, picks: PickLineInput[]): Promise<void> {
  if (o.status === 'reserved') await setStatus(trx, db.kind, o, 'picking', Number(o.total_minor));
  if (o.status !== 'picking') throw new DomainError('order.not_picking', { id: o.id, status: o.status }, 409);
  const lines = await applyPick(trx, db, o, picks);
  const total = totalOf(lines);
  await trx
    .updateTable('shop_orders')
    .set({ total_minor: total, updated_at: new Date().toISOString(), version: o.version + 1 })
    .where('id', '=', o.id)
    .execute();
  o.version += 1;
  o.total_minor = total;
}

/** Records what the storekeeper picked (partly, or with agreed substitutes); a reserved order starts picking. */
export async function pickOrder(db: Db, owner: OrderOwner, id: number, picks: PickLineInput[]): Promise<OrderView> {
  await inTransaction(db, async (trx) => {
    const o = await loadOrderRow(trx, owner, id, db.kind === 'postgresql');
    await pickInTransaction(trx, db, o, picks);
  });
  return getOrder(db, owner, id);
}

/**
 * Moves an order to its next status. `lines` (picked quantities) may come with the move to `ready`.
 * Cancelling releases the reservation; shipping posts the sale (idempotency key `shop-order-<id>`) and releases it.
 */
export async function changeOrderStatus(
  db: Db,
  owner: OrderOwner,
  id: number,
  to: OrderStatus,
  picks?: PickLineInput[],
): Promise<OrderView> {
  if (to === 'shipped') {
    const o = await loadOrderRow(db.kysely, owner, id, false);
    assertTransition(o.status, to, o.payment);
    await postSale(db, o);
  }
  await inTransaction(db, async (trx) => {
    const o = await loadOrderRow(trx, owner, id, db.kind === 'postgresql');
    if (picks?.length) await pickInTransaction(trx, db, o, picks);
    assertTransition(o.status, to, o.payment);
    const lines = await orderLines(trx, id);
    const codeOf = new Map(lines.map((l) => [l.itemId, l.code]));
    const release = () =>
      reconcileReservation(
        trx,
        db.kind,
        { id, warehouseId: o.warehouse_id },
        new Map(),
        (i) => codeOf.get(i) ?? String(i),
      );
    if (to === 'ready') {
      const unpicked = lines.find((l) => l.substituteForLineId === null && l.pickedMilli === null);
      if (unpicked) throw new DomainError('order.pick_incomplete', { item: unpicked.code }, 409);
    }
    if (to === 'cancelled') {
      if (!isCancellable(o.status, o.payment)) throw new DomainError('order.transition', { from: o.status, to }, 409);
      await release();
    }
    let extra: { sale_document_id?: number } = {};
    if (to === 'shipped') {
      const sale = await trx
        .selectFrom('documents')
        .select('id')
        .where('idempotency_key', '=', saleKey(id))
        .executeTakeFirst();
      if (sale) extra = { sale_document_id: Number(sale.id) };
      await release();
    }
    await setStatus(trx, db.kind, o, to, totalOf(lines), undefined, extra);
  });
  return getOrder(db, owner, id);
}

export const saleKey = (orderId: number) => `shop-order-${orderId}`;

/** The sale leaves the ledger once: a repeated or raced shipping finds the document by its idempotency key. */
async function postSale(db: Db, o: OrderRow): Promise<void> {
  const lines = (await orderLines(db.kysely, o.id)).filter((l) => lineMilli(l) > 0);
  if (lines.length === 0) return;
  await createAndPost(db, SYSTEM_ACTOR, {
    type: 'sale',
    date: new Date().toISOString().slice(0, 10),
    warehouseId: o.warehouse_id,
    reason: `online order ${o.external_ref ?? o.id}`,
    idempotencyKey: saleKey(o.id),
    payload: { shopOrderId: o.id, externalRef: o.external_ref },
    lines: lines.map((l) => ({ itemId: l.itemId, quantity: milliText(lineMilli(l)), priceMinor: l.priceMinor })),
  });
}

/** Orders for the back office or a shop, newest first. */
export async function listOrders(db: Db, owner: OrderOwner, opts: { status?: OrderStatus; limit?: number } = {}) {
  let q = db.kysely
    .selectFrom('shop_orders')
    .select(['id', 'external_ref', 'status', 'total_minor', 'currency', 'created_at', 'updated_at'])
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 50);
  if (owner !== null) q = q.where('api_key_id', '=', owner);
  if (opts.status) q = q.where('status', '=', opts.status);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    externalRef: r.external_ref,
    status: r.status as OrderStatus,
    totalMinor: Number(r.total_minor),
    currency: r.currency,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
