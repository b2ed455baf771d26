// Recipe versions in the database: saved as a new version (never edited), found by the date they are valid on,
// loaded as a book with every nested semi-finished recipe, and costed from the current stock ledger.

import type { Kysely } from 'kysely';
import {
  assertRight,
  Decimal,
  DomainError,
  explodeVersion,
  recipeBook,
  recipeComponent,
  recipeCost,
  techCard,
  validateRecipe,
  chooseVersion,
  type RecipeComponentInput,
  type RecipeComponentKind,
  type RecipeCost,
  type RecipeLookup,
  type RecipeVersion,
  type TechCard,
  type TechCardLine,
} from '@kasa/domain';
import type { Db } from '../connection';
import type { Database } from '../schema';
import type { Actor } from '../documents/engine';
import { audit } from '../audit/audit';
import { itemCodes, namesFrom } from './posting';

type K = Kysely<Database>;

export interface SaveRecipeInput {
  outputItemId: number;
  validFrom: string;
  /** Yield of one batch, in the output's unit. */
  outputQuantity: string;
  /** Per batch, minor units. */
  overheadMinor?: number;
  note?: string | null;
  components: RecipeComponentInput[];
}

async function versionsOf(k: K, itemIds: number[]): Promise<RecipeVersion[]> {
  if (itemIds.length === 0) return [];
  const heads = await k.selectFrom('recipes').selectAll().where('output_item_id', 'in', itemIds).execute();
  if (heads.length === 0) return [];
  const comps = await k
    .selectFrom('recipe_components')
    .selectAll()
    .where(
      'recipe_id',
      'in',
      heads.map((h) => Number(h.id)),
    )
    .orderBy('recipe_id')
    .orderBy('line_no')
    .execute();
  return heads.map((h) => ({
    id: Number(h.id),
    outputItemId: Number(h.output_item_id),
    version: h.version,
    validFrom: h.valid_from,
    outputQuantity: h.output_quantity,
    overheadMinor: Number(h.overhead_minor),
    note: h.note,
    components: comps
      .filter((c) => Number(c.recipe_id) === Number(h.id))
      .map((c) => ({
        itemId: Number(c.item_id),
        kind: c.kind as RecipeComponentKind,
        grossQuantity: c.gross_quantity,
        netQuantity: c.net_quantity,
        lossPercent: c.loss_percent,
      })),
  }));
}

export interface LoadedRecipeBook {
  versions: RecipeVersion[];
  lookup: RecipeLookup;
  /** Every item met: the outputs asked for and all components at every level. */
  itemIds: number[];
}

/** Loads every version of the given items' recipes and, level by level, of their components' recipes. */
export async function loadRecipeBook(k: K, itemIds: number[], extra: RecipeVersion[] = []): Promise<LoadedRecipeBook> {
  const versions = [...extra];
  const seen = new Set<number>(itemIds);
  const loaded = new Set<number>(extra.map((v) => v.outputItemId));
  const componentsOf = (vs: RecipeVersion[]) => vs.flatMap((v) => v.components.map((c) => c.itemId));
  for (const id of componentsOf(extra)) seen.add(id);
  let frontier = [...seen].filter((id) => !loaded.has(id));
  while (frontier.length) {
    for (const id of frontier) loaded.add(id);
    const found = await versionsOf(k, frontier);
    versions.push(...found);
    const next: number[] = [];
    for (const id of componentsOf(found)) {
      if (!seen.has(id)) next.push(id);
      seen.add(id);
    }
    frontier = [...new Set(next)].filter((id) => !loaded.has(id));
  }
  return { versions, lookup: recipeBook(versions), itemIds: [...seen] };
}

function quantity3(itemId: number, v: string): string {
  if (!/^\d{1,12}(\.\d{1,3})?$/.test(String(v).trim())) throw new DomainError('recipe.invalid', { item: itemId, field: 'outputQuantity', value: String(v) }, 400);
  return new Decimal(String(v).trim()).toFixed(3);
}

/** Saves a new version of an item's recipe: validated, cycle-checked against the recipes it nests, audited. */
export async function saveRecipe(db: Db, actor: Actor, input: SaveRecipeInput): Promise<RecipeVersion> {
  assertRight(actor.rights, 'recipe.edit');
  const components = input.components.map(recipeComponent);
  return db.kysely.transaction().execute(async (trx) => {
    const ids = [input.outputItemId, ...components.map((c) => c.itemId)];
    const codes = await itemCodes(trx, ids);
    for (const id of ids) if (!codes.has(id)) throw new DomainError('item.unknown', { item: id }, 400);
    const names = namesFrom(codes);
    const last = await trx
      .selectFrom('recipes')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('output_item_id', '=', input.outputItemId)
      .executeTakeFirst();
    const draft: RecipeVersion = {
      outputItemId: input.outputItemId,
      version: Number(last?.v ?? 0) + 1,
      validFrom: input.validFrom,
      outputQuantity: quantity3(input.outputItemId, input.outputQuantity),
      overheadMinor: input.overheadMinor ?? 0,
      note: input.note ?? null,
      components,
    };
    validateRecipe(draft, names);
    // A cycle may close through a component's recipe (dough made of bread): explode the new version on its date
    // and on every later date a nested version starts.
    const withDraft = await loadRecipeBook(trx, [], [draft]);
    const allNames = namesFrom(await itemCodes(trx, withDraft.itemIds));
    const dates = new Set([draft.validFrom, ...withDraft.versions.map((v) => v.validFrom).filter((d) => d > draft.validFrom)]);
    for (const date of dates) explodeVersion(draft, draft.outputQuantity, withDraft.lookup, date, { names: allNames });
    const head = await trx
      .insertInto('recipes')
      .values({
        output_item_id: draft.outputItemId,
        version: draft.version,
        valid_from: draft.validFrom,
        output_quantity: draft.outputQuantity,
        overhead_minor: draft.overheadMinor,
        note: draft.note ?? null,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(head.id);
    await trx
      .insertInto('recipe_components')
      .values(
        components.map((c, i) => ({
          recipe_id: id,
          line_no: i + 1,
          item_id: c.itemId,
          gross_quantity: c.grossQuantity,
          net_quantity: c.netQuantity,
          loss_percent: c.lossPercent,
          kind: c.kind,
        })),
      )
      .execute();
    await audit(trx, { userId: actor.userId, action: 'create', entity: 'recipe', entityId: id, after: { item: names(draft.outputItemId), version: draft.version, validFrom: draft.validFrom } });
    return { ...draft, id };
  });
}

/** All versions of an item's recipe, oldest first. */
export async function recipeVersions(db: Db | K, itemId: number): Promise<RecipeVersion[]> {
  const k = 'kysely' in db ? db.kysely : db;
  return (await versionsOf(k, [itemId])).sort((a, b) => a.version - b.version);
}

/** The version of an item's recipe valid on a date, or null when the item is not made here. */
export async function recipeFor(db: Db | K, itemId: number, date: string): Promise<RecipeVersion | null> {
  return chooseVersion(await recipeVersions(db, itemId), itemId, date);
}

/**
 * Current unit cost in minor units of each item in a warehouse: the standard cost, or the average of what is in
 * stock, or the last receipt's cost when stock is empty; null when the item was never received.
 */
export async function currentUnitCosts(k: K, warehouseId: number, itemIds: number[]): Promise<Map<number, Decimal | null>> {
  const unique = [...new Set(itemIds)];
  const out = new Map<number, Decimal | null>(unique.map((id) => [id, null]));
  if (!unique.length) return out;
  const items = await k.selectFrom('items').select(['id', 'costing', 'standard_cost_minor']).where('id', 'in', unique).execute();
  const balances = await k
    .selectFrom('stock_balances')
    .select(['item_id', 'quantity_milli', 'value_minor', 'last_unit_cost'])
    .where('warehouse_id', '=', warehouseId)
    .where('item_id', 'in', unique)
    .execute();
  for (const b of balances) {
    const q = new Decimal(b.quantity_milli).div(1000);
    out.set(Number(b.item_id), q.isPos() ? new Decimal(b.value_minor).div(q) : new Decimal(b.last_unit_cost));
  }
  for (const i of items) if (i.costing === 'standard') out.set(Number(i.id), new Decimal(i.standard_cost_minor ?? 0));
  return out;
}

/** A version's cost from the warehouse's current costs (nested recipes exploded); for the tech card. */
export async function costRecipe(db: Db, opts: { itemId: number; date: string; warehouseId: number; version?: number }): Promise<RecipeCost & { recipe: RecipeVersion }> {
  const k = db.kysely;
  const book = await loadRecipeBook(k, [opts.itemId]);
  const codes = await itemCodes(k, book.itemIds);
  const recipe =
    opts.version === undefined ? book.lookup(opts.itemId, opts.date) : (book.versions.find((v) => v.outputItemId === opts.itemId && v.version === opts.version) ?? null);
  if (!recipe) throw new DomainError('recipe.not_found', { item: namesFrom(codes)(opts.itemId), date: opts.date });
  const costs = await currentUnitCosts(k, opts.warehouseId, book.itemIds);
  return { recipe, ...recipeCost(recipe, (id) => costs.get(id) ?? null, book.lookup, opts.date, { names: namesFrom(codes) }) };
}

export interface TechCardView extends TechCard {
  item: { id: number; code: string; name: string; unit: string };
  lines: Array<TechCardLine & { itemCode: string; itemName: string; unit: string }>;
}

/** The printable tech card of the version valid on a date (or a given version), costed in a warehouse. */
export async function techCardFor(db: Db, opts: { itemId: number; date: string; warehouseId: number; version?: number }): Promise<TechCardView> {
  const k = db.kysely;
  const book = await loadRecipeBook(k, [opts.itemId]);
  const items = await k.selectFrom('items').select(['id', 'code', 'name', 'unit']).where('id', 'in', book.itemIds).execute();
  const byId = new Map(items.map((i) => [Number(i.id), i]));
  const names = (id: number) => byId.get(id)?.code ?? String(id);
  const recipe =
    opts.version === undefined ? book.lookup(opts.itemId, opts.date) : (book.versions.find((v) => v.outputItemId === opts.itemId && v.version === opts.version) ?? null);
  if (!recipe) throw new DomainError('recipe.not_found', { item: names(opts.itemId), date: opts.date });
  const costs = await currentUnitCosts(k, opts.warehouseId, book.itemIds);
  const card = techCard(recipe, (id) => costs.get(id) ?? null, book.lookup, opts.date, { names });
  const out = byId.get(opts.itemId)!;
  return {
    ...card,
    item: { id: opts.itemId, code: out.code, name: out.name, unit: out.unit },
    lines: card.lines.map((l) => ({ ...l, itemCode: names(l.itemId), itemName: byId.get(l.itemId)?.name ?? '', unit: byId.get(l.itemId)?.unit ?? '' })),
  };
}
