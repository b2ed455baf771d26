// Sale-time consumption: goods marked "produced at sale" (a coffee, a dish) are made from their recipe when the
// receipt is posted, inside the sale's own transaction: the components leave stock, the dish comes in at their cost,
// and the sale's own movement then issues the dish at exactly that cost.

import type { Kysely, Transaction } from 'kysely';
import { allocateMinor, Decimal, DomainError, explodeRecipe } from '@kasa/domain';
import type { Database } from '../schema';
import type { Db, DialectKind } from '../connection';
import { loadRecipeBook } from './recipes';
import { ledgerPolicy, postNamed, itemCodes, namesFrom } from './posting';

export interface SaleConsumptionInput {
  /** The sale (receipt) being posted; movements are booked on it, so its storno takes them back too. */
  documentId: number;
  date: string;
  warehouseId: number;
  lines: Array<{ itemId: number; quantity: string }>;
  /** 'allow': a receipt is never refused because an ingredient is short; default: the warehouse's policy. */
  negativeStock?: 'warehouse' | 'allow';
}

export interface SaleConsumption {
  /** The receipt lines that were produced at sale, with their cost. */
  lines: Array<{ itemId: number; quantity: string; recipeId: number; recipeVersion: number; costMinor: number }>;
  components: Array<{ itemId: number; quantity: string; valueMinor: number }>;
  /** Produced-at-sale items sold with no recipe valid on the date (only with negativeStock 'allow'). */
  withoutRecipe: number[];
}

const q3 = (d: Decimal) => d.toDecimalPlaces(3, Decimal.ROUND_HALF_UP);

/**
 * Call before posting the sale's own movements, in the same transaction. Lines of items that are not produced at
 * sale are ignored; with none, this costs one query.
 */
export async function consumeAtSale(trx: Transaction<Database>, kind: DialectKind, sale: SaleConsumptionInput): Promise<SaleConsumption> {
  const ids = [...new Set(sale.lines.map((l) => l.itemId))];
  if (!ids.length) return { lines: [], components: [], withoutRecipe: [] };
  const produced = await trx.selectFrom('items').select('id').where('id', 'in', ids).where('produced', '=', 1).execute();
  const producedIds = new Set(produced.map((p) => Number(p.id)));
  const producedLines = sale.lines.filter((l) => producedIds.has(l.itemId) && new Decimal(l.quantity).isPos());
  if (!producedLines.length) return { lines: [], components: [], withoutRecipe: [] };

  const book = await loadRecipeBook(trx, [...producedIds]);
  // With the warehouse's policy a missing recipe refuses the receipt (recipe.not_found names the item); when the
  // receipt must never be refused, such lines are left to the sale's own movement and listed.
  const lines = sale.negativeStock === 'allow' ? producedLines.filter((l) => book.lookup(l.itemId, sale.date)) : producedLines;
  const withoutRecipe = [...new Set(producedLines.filter((l) => !lines.includes(l)).map((l) => l.itemId))];
  if (!lines.length) return { lines: [], components: [], withoutRecipe };
  const codes = await itemCodes(trx, book.itemIds);
  const names = namesFrom(codes);
  const explosions = lines.map((l) => explodeRecipe(book.lookup, l.itemId, l.quantity, sale.date, { names }));
  const total = new Map<number, Decimal>();
  for (const x of explosions) for (const c of x.components) total.set(c.itemId, (total.get(c.itemId) ?? new Decimal(0)).plus(c.quantity));
  const consumed = [...total].map(([itemId, q]) => [itemId, q3(q)] as const).filter(([, q]) => q.isPos());

  const policy = await ledgerPolicy(trx, [...total.keys(), ...producedIds]);
  const allow = sale.negativeStock === 'allow' ? 'allow' : undefined;
  const values = await postNamed(
    trx,
    { kind },
    sale.documentId,
    sale.date,
    consumed.map(([itemId, q]) => ({ itemId, warehouseId: sale.warehouseId, quantity: q.neg().toFixed(3) })),
    policy,
    names,
    allow,
  );
  const cost = lines.map(() => 0);
  consumed.forEach(([itemId], i) => {
    const weights = explosions.map((x) => x.components.find((c) => c.itemId === itemId)?.quantity ?? new Decimal(0));
    allocateMinor(-(values[i] ?? 0), weights).forEach((s, l) => (cost[l] = cost[l]! + s));
  });
  explosions.forEach((x, l) => (cost[l] = cost[l]! + x.overheadMinor.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()));
  // The dish comes in at its cost; the sale's own movement takes it out again.
  await postNamed(
    trx,
    { kind },
    sale.documentId,
    sale.date,
    lines.map((l, i) => ({ itemId: l.itemId, warehouseId: sale.warehouseId, quantity: new Decimal(l.quantity).toFixed(3), valueMinor: cost[i]! })),
    policy,
    names,
    allow,
  );
  const result: SaleConsumption = {
    lines: lines.map((l, i) => ({
      itemId: l.itemId,
      quantity: new Decimal(l.quantity).toFixed(3),
      recipeId: explosions[i]!.recipe.id!,
      recipeVersion: explosions[i]!.recipe.version,
      costMinor: cost[i]!,
    })),
    components: consumed.map(([itemId, q], i) => ({ itemId, quantity: q.toFixed(3), valueMinor: -(values[i] ?? 0) })),
    withoutRecipe,
  };
  await trx
    .insertInto('recipe_consumption')
    .values(
      result.lines.map((l) => ({
        document_id: sale.documentId,
        date: sale.date,
        recipe_id: l.recipeId,
        output_item_id: l.itemId,
        output_quantity_milli: new Decimal(l.quantity).mul(1000).toNumber(),
        cost_minor: l.costMinor,
      })),
    )
    .execute();
  return result;
}

export interface RecipeConsumptionRow {
  date: string;
  recipeId: number;
  recipeVersion: number;
  itemId: number;
  itemCode: string;
  quantity: string;
  costMinor: number;
  documents: number;
}

/** Consumption by recipe per day: what was made through which recipe version, from production runs and receipts. */
export async function consumptionByRecipe(db: Db | Kysely<Database>, range: { from: string; to: string }): Promise<RecipeConsumptionRow[]> {
  const k = 'kysely' in db ? db.kysely : db;
  if (range.from > range.to) throw new DomainError('validation.date', { field: 'to', value: range.to }, 400);
  const rows = await k
    .selectFrom('recipe_consumption as rc')
    .innerJoin('documents as d', 'd.id', 'rc.document_id')
    .innerJoin('recipes as r', 'r.id', 'rc.recipe_id')
    .innerJoin('items as i', 'i.id', 'rc.output_item_id')
    // A reversed document (status storno) no longer counts; its reversal carries no consumption rows.
    .where('d.status', 'in', ['posted', 'closed'])
    .where('rc.date', '>=', range.from)
    .where('rc.date', '<=', range.to)
    .select((eb) => [
      'rc.date',
      'rc.recipe_id',
      'r.version',
      'rc.output_item_id',
      'i.code',
      eb.fn.sum<number>('rc.output_quantity_milli').as('milli'),
      eb.fn.sum<number>('rc.cost_minor').as('cost'),
      eb.fn.count<number>('rc.document_id').distinct().as('docs'),
    ])
    .groupBy(['rc.date', 'rc.recipe_id', 'r.version', 'rc.output_item_id', 'i.code'])
    .orderBy('rc.date')
    .orderBy('i.code')
    .execute();
  return rows.map((r) => ({
    date: r.date,
    recipeId: Number(r.recipe_id),
    recipeVersion: Number(r.version),
    itemId: Number(r.output_item_id),
    itemCode: r.code,
    quantity: new Decimal(String(r.milli)).div(1000).toFixed(3),
    costMinor: Number(r.cost),
    documents: Number(r.docs),
  }));
}
