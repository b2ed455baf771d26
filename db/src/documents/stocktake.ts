// Stocktake (inventarizācija): freeze the book quantities of a warehouse (optionally one item group), collect counts
// from several terminals and people, show the differences, and post them as a surplus and a shortage document.
//
// Selling goes on during the count. The rule: for each item,
//   expected   = book at the snapshot + movements posted after the snapshot up to the moment of the item's last count
//   difference = counted − expected
// "After the snapshot" is exact: the snapshot takes the ledger's last movement id while no posting can write
// (PostgreSQL: SHARE lock on the balances; SQLite writes one at a time), so every later movement has a higher id.
// "Up to the count" uses the posting time of the movement's document against the count's countedAt, which the
// terminal stamps when the person counts, so a count queued through a Wi-Fi drop still compares against the right
// sales. An item in scope that nobody counted is counted as zero (and movements up to posting apply).

import { sql, type Transaction } from 'kysely';
import { assertRight, dec, DomainError, requiredRight } from '@kasa/domain';
import type { Db } from '../connection';
import type { Database } from '../schema';
import { createAndPostInTransaction, createDocument, getDocument, postInCallerTransaction, type Actor, type DocumentView } from './engine';
import { readSetting } from './settings';

type Trx = Transaction<Database>;
type Reader = Db['kysely'] | Trx;

export type DuplicatePolicy = 'sum' | 'flag';

export interface StocktakeState {
  itemGroupId: number | null;
  duplicates: DuplicatePolicy;
  frozenAt: string;
  /** The last stock movement id included in the frozen book quantities. */
  watermark: number;
  items: number;
}

export interface StocktakeRow {
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  book: string;
  movedAfter: string;
  expected: string;
  counted: string;
  difference: string;
  counts: number;
  lastCountedAt: string | null;
  /** Counted more than once under the 'flag' policy: a manager settles the quantity before posting. */
  flagged: boolean;
  unitCostMinor: string;
  differenceValueMinor: number;
}

function stateOf(doc: { payload: Record<string, unknown> | null; number: string }): StocktakeState {
  const st = doc.payload?.stocktake as StocktakeState | undefined;
  if (!st) throw new DomainError('stocktake.not_frozen', { number: doc.number }, 409);
  return st;
}

async function groupAndDescendants(k: Reader, groupId: number): Promise<number[]> {
  const groups = await k.selectFrom('item_groups').select(['id', 'parent_id']).execute();
  const out = [groupId];
  for (let i = 0; i < out.length; i++) for (const g of groups) if (Number(g.parent_id) === out[i] && !out.includes(Number(g.id))) out.push(Number(g.id));
  return out;
}

/** Creates the stocktake document and freezes the book quantities of its scope in one go. */
export async function startStocktake(
  db: Db,
  actor: Actor,
  input: { warehouseId: number; date: string; itemGroupId?: number | null; duplicates?: DuplicatePolicy; idempotencyKey?: string },
): Promise<DocumentView> {
  assertRight(actor.rights, requiredRight('stocktake', 'edit'));
  const wh = await db.kysely.selectFrom('warehouses').select(['id', 'is_transit']).where('id', '=', input.warehouseId).executeTakeFirst();
  if (!wh || wh.is_transit) throw new DomainError('warehouse.unknown', { warehouse: input.warehouseId }, 400);
  const duplicates = input.duplicates ?? ((await readSetting(db.kysely, 'stocktake.duplicates')) as DuplicatePolicy);
  const doc = await createDocument(db, actor, { type: 'stocktake', date: input.date, warehouseId: input.warehouseId, lines: [], idempotencyKey: input.idempotencyKey });
  await db.kysely.transaction().execute(async (trx) => {
    // No posting writes balances while the book is read, so the watermark splits movements cleanly.
    if (db.kind === 'postgresql') await sql`LOCK TABLE stock_balances IN SHARE MODE`.execute(trx);
    const wm = await trx.selectFrom('stock_movements').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    const watermark = Number(wm?.m ?? 0);
    let q = trx.selectFrom('stock_balances').innerJoin('items', 'items.id', 'stock_balances.item_id').select(['stock_balances.item_id', 'stock_balances.quantity_milli', 'stock_balances.last_unit_cost']).where('stock_balances.warehouse_id', '=', input.warehouseId);
    if (input.itemGroupId != null) q = q.where('items.group_id', 'in', await groupAndDescendants(trx, input.itemGroupId));
    const rows = await q.execute();
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('stocktake_snapshot')
        .values(rows.slice(i, i + 500).map((r) => ({ document_id: doc.id, item_id: Number(r.item_id), book_milli: Number(r.quantity_milli), unit_cost: r.last_unit_cost })))
        .execute();
    const state: StocktakeState = { itemGroupId: input.itemGroupId ?? null, duplicates, frozenAt: new Date().toISOString(), watermark, items: rows.length };
    await trx.updateTable('documents').set({ payload: JSON.stringify({ stocktake: state }) }).where('id', '=', doc.id).execute();
  });
  return getDocument(db, doc.id);
}

async function loadOpen(k: Reader, id: number): Promise<{ doc: DocumentView; state: StocktakeState }> {
  const doc = await getDocument({ kysely: k }, id);
  if (doc.type !== 'stocktake') throw new DomainError('stocktake.not_stocktake', { number: doc.number }, 400);
  if (doc.status !== 'draft') throw new DomainError('document.status_forbids', { number: doc.number, status: doc.status, operation: 'count' }, 409);
  return { doc, state: stateOf(doc) };
}

export interface CountInput {
  itemId: number;
  quantity: string;
  countedAt?: string;
  device?: string | null;
  key?: string | null;
  /** A manager settling an item: replaces every earlier count of it. */
  resolution?: boolean;
}

/** Records one count. The same `key` twice is one count (a terminal's retry); quantity 0 is a real count. */
export async function addStocktakeCount(db: Db, actor: Actor, id: number, input: CountInput): Promise<StocktakeRow> {
  assertRight(actor.rights, requiredRight('stocktake', input.resolution ? 'post' : 'edit'));
  const { doc, state } = await loadOpen(db.kysely, id);
  const q = dec(input.quantity);
  if (!q.isFinite() || q.lt(0) || q.decimalPlaces() > 3 || q.gt(1e9)) throw new DomainError('validation.quantity', { item: input.itemId, quantity: input.quantity }, 400);
  const item = await db.kysely.selectFrom('items').select('id').where('id', '=', input.itemId).executeTakeFirst();
  if (!item) throw new DomainError('item.unknown', { item: input.itemId }, 400);
  const now = new Date().toISOString();
  let countedAt = input.countedAt && !Number.isNaN(Date.parse(input.countedAt)) ? new Date(input.countedAt).toISOString() : now;
  // A terminal's clock may be off: a count is never before the snapshot nor after it reached us.
  if (countedAt < state.frozenAt) countedAt = state.frozenAt;
  if (countedAt > now) countedAt = now;
  const values = {
    document_id: id,
    item_id: input.itemId,
    quantity_milli: q.mul(1000).toNumber(),
    counted_at: countedAt,
    device: input.device ?? null,
    user_id: actor.userId,
    count_key: input.key ?? null,
    kind: input.resolution ? 'resolution' : 'count',
    created_at: now,
  };
  if (input.key) await db.kysely.insertInto('stocktake_counts').values(values).onConflict((oc) => oc.columns(['document_id', 'count_key']).doNothing()).execute();
  else await db.kysely.insertInto('stocktake_counts').values(values).execute();
  const rows = await differences(db.kysely, doc, state, [input.itemId]);
  return rows[0]!;
}

async function differences(k: Reader, doc: DocumentView, state: StocktakeState, onlyItems?: number[]): Promise<StocktakeRow[]> {
  let snapQ = k.selectFrom('stocktake_snapshot').select(['item_id', 'book_milli', 'unit_cost']).where('document_id', '=', doc.id);
  if (onlyItems) snapQ = snapQ.where('item_id', 'in', onlyItems);
  const snap = await snapQ.execute();
  let countQ = k.selectFrom('stocktake_counts').select(['id', 'item_id', 'quantity_milli', 'counted_at', 'kind']).where('document_id', '=', doc.id).orderBy('id');
  if (onlyItems) countQ = countQ.where('item_id', 'in', onlyItems);
  const counts = await countQ.execute();
  const itemIds = [...new Set([...snap.map((s) => Number(s.item_id)), ...counts.map((c) => Number(c.item_id))])];
  if (itemIds.length === 0) return [];
  // Movements after the snapshot in this warehouse, with their document's posting time.
  const moved = await k
    .selectFrom('stock_movements')
    .innerJoin('documents', 'documents.id', 'stock_movements.document_id')
    .select(['stock_movements.item_id', 'stock_movements.quantity_milli', 'documents.posted_at'])
    .where('stock_movements.warehouse_id', '=', doc.warehouseId!)
    .where('stock_movements.id', '>', state.watermark)
    .where((eb) => eb.or([eb('documents.base_document_id', 'is', null), eb('documents.base_document_id', '!=', doc.id)]))
    .$if(itemIds.length <= 1000, (qb) => qb.where('stock_movements.item_id', 'in', itemIds))
    .execute();
  // In chunks: a whole-shop stocktake names more items than a statement may carry parameters.
  const items: { id: number; code: string; name: string; unit: string; standard_cost_minor: number | null }[] = [];
  const costs: { item_id: number; last_unit_cost: string }[] = [];
  for (let i = 0; i < itemIds.length; i += 1000) {
    const chunk = itemIds.slice(i, i + 1000);
    items.push(...(await k.selectFrom('items').select(['id', 'code', 'name', 'unit', 'standard_cost_minor']).where('id', 'in', chunk).execute()));
    costs.push(...(await k.selectFrom('stock_balances').select(['item_id', 'last_unit_cost']).where('warehouse_id', '=', doc.warehouseId!).where('item_id', 'in', chunk).execute()));
  }
  const byItem = new Map(items.map((i) => [Number(i.id), i]));
  const snapBy = new Map(snap.map((s) => [Number(s.item_id), s]));
  const costBy = new Map(costs.map((c) => [Number(c.item_id), c.last_unit_cost]));
  const group = <T extends { item_id: number }>(list: T[]) => {
    const out = new Map<number, T[]>();
    for (const x of list) {
      const id = Number(x.item_id);
      const arr = out.get(id);
      if (arr) arr.push(x);
      else out.set(id, [x]);
    }
    return out;
  };
  const movedBy = group(moved);
  const countsBy = group(counts);
  const rows: StocktakeRow[] = [];
  for (const itemId of itemIds) {
    const mine = countsBy.get(itemId) ?? [];
    const lastResolution = mine.map((c) => c.kind).lastIndexOf('resolution');
    const effective = lastResolution >= 0 ? mine.slice(lastResolution) : mine;
    const countedMilli = effective.reduce((s, c) => s + Number(c.quantity_milli), 0);
    const lastCountedAt = mine.length ? mine.map((c) => c.counted_at).sort().at(-1)! : null;
    const plainCounts = effective.filter((c) => c.kind === 'count').length;
    const flagged = state.duplicates === 'flag' && (lastResolution >= 0 ? plainCounts > 0 : plainCounts > 1);
    const movedMilli = (movedBy.get(itemId) ?? [])
      .filter((m) => lastCountedAt === null || (m.posted_at ?? '') <= lastCountedAt)
      .reduce((s, m) => s + Number(m.quantity_milli), 0);
    const s = snapBy.get(itemId);
    const bookMilli = s ? Number(s.book_milli) : 0;
    const expectedMilli = bookMilli + movedMilli;
    const diffMilli = countedMilli - expectedMilli;
    const unitCost = dec(s?.unit_cost ?? costBy.get(itemId) ?? byItem.get(itemId)?.standard_cost_minor ?? 0);
    const i = byItem.get(itemId)!;
    const m3 = (n: number) => dec(n).div(1000).toFixed(3);
    rows.push({
      itemId,
      itemCode: i.code,
      itemName: i.name,
      unit: i.unit,
      book: m3(bookMilli),
      movedAfter: m3(movedMilli),
      expected: m3(expectedMilli),
      counted: m3(countedMilli),
      difference: m3(diffMilli),
      counts: mine.length,
      lastCountedAt,
      flagged,
      unitCostMinor: unitCost.toDecimalPlaces(6).toString(),
      differenceValueMinor: unitCost.mul(diffMilli).div(1000).toDecimalPlaces(0).toNumber(),
    });
  }
  return rows.sort((a, b) => a.itemName.localeCompare(b.itemName) || a.itemId - b.itemId);
}

export async function stocktakeDifferences(db: Db, id: number): Promise<{ document: DocumentView; state: StocktakeState; rows: StocktakeRow[] }> {
  const document = await getDocument(db, id);
  if (document.type !== 'stocktake') throw new DomainError('stocktake.not_stocktake', { number: document.number }, 400);
  const state = stateOf(document);
  return { document, state, rows: await differences(db.kysely, document, state) };
}

/**
 * Posts the stocktake: positive differences become one surplus document, negative ones one shortage document, both
 * posted through the engine in the same transaction as the stocktake itself. Refused while items are flagged.
 */
export async function postStocktake(db: Db, actor: Actor, id: number): Promise<{ document: DocumentView; surplusId: number | null; shortageId: number | null }> {
  assertRight(actor.rights, requiredRight('stocktake', 'post'));
  const result = await db.kysely.transaction().execute(async (trx) => {
    if (db.kind === 'postgresql') await trx.selectFrom('documents').select('id').where('id', '=', id).forUpdate().execute();
    const { doc, state } = await loadOpen(trx, id);
    const rows = await differences(trx, doc, state);
    const flagged = rows.filter((r) => r.flagged);
    if (flagged.length) throw new DomainError('stocktake.flagged_items', { number: doc.number, count: flagged.length, items: flagged.slice(0, 5).map((r) => r.itemCode).join(', ') }, 409);
    const line = (r: StocktakeRow) => ({ itemId: r.itemId, quantity: dec(r.difference).abs().toFixed(3), priceMinor: dec(r.unitCostMinor).toDecimalPlaces(0).toNumber() });
    const plus = rows.filter((r) => dec(r.difference).gt(0)).map(line);
    const minus = rows.filter((r) => dec(r.difference).lt(0)).map(line);
    const common = { date: doc.date, warehouseId: doc.warehouseId, baseDocumentId: id, reason: doc.number };
    const surplusId = plus.length ? await createAndPostInTransaction(trx, db, actor, { ...common, type: 'surplus', lines: plus }) : null;
    const shortageId = minus.length ? await createAndPostInTransaction(trx, db, actor, { ...common, type: 'shortage', lines: minus }) : null;
    await postInCallerTransaction(trx, db, actor, id);
    const cur = await trx.selectFrom('documents').select('payload').where('id', '=', id).executeTakeFirstOrThrow();
    const payload = { ...(JSON.parse(cur.payload ?? '{}') as Record<string, unknown>), result: { surplusId, shortageId, counted: rows.length } };
    await trx.updateTable('documents').set({ payload: JSON.stringify(payload) }).where('id', '=', id).execute();
    return { surplusId, shortageId };
  });
  return { document: await getDocument(db, id), ...result };
}
