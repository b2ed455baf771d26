// Production runs: N units of one or more outputs made from their recipes in one posted 'production' document.
// Components leave stock at their ledger cost (moving average or standard), outputs come in at the summed cost
// plus overhead; actual consumption may differ from the norm, and the differences are reported.

import type { Kysely } from 'kysely';
import {
  allocateMinor,
  Decimal,
  DomainError,
  explodeRecipe,
  normDifferences,
  type Explosion,
} from '@kasa/domain';
import type { Db } from '../connection';
import type { Database } from '../schema';
import type { Actor, DocumentView } from '../documents/engine';
import { getDocument } from '../documents/engine';
import { audit } from '../audit/audit';
import { currentUnitCosts, loadRecipeBook } from './recipes';
import { checkDate, checkQuantity, closePostedDocument, existingByKey, isUniqueViolation, ledgerPolicy, openPostedDocument, postNamed, itemCodes, namesFrom } from './posting';

type K = Kysely<Database>;

export interface ProductionInput {
  date: string;
  warehouseId: number;
  outputs: Array<{ itemId: number; quantity: string }>;
  /** Actual consumption where it differs from the norm, per item; items not listed consume their norm ('0' for none). */
  actualConsumption?: Array<{ itemId: number; quantity: string }>;
  /** Overhead of this run in minor units, shared over the outputs by their material cost (recipe overhead comes on top). */
  overheadMinor?: number;
  /** Make semi-finished components through their recipes (default) or take them from stock. */
  resolveNested?: boolean;
  idempotencyKey?: string;
  reason?: string | null;
  seriesCode?: string;
}

export interface ProductionOutputReport {
  itemId: number;
  itemCode: string;
  quantity: string;
  recipeId: number | null;
  recipeVersion: number;
  materialMinor: number;
  overheadMinor: number;
  /** Value of by-products taken off this output's cost. */
  byproductMinor: number;
  costMinor: number;
}

export interface ConsumptionReport {
  itemId: number;
  itemCode: string;
  normQuantity: string;
  actualQuantity: string;
  differenceQuantity: string;
  /** Ledger value of what was actually consumed. */
  valueMinor: number;
  /** Value of the difference to the norm (positive: over-consumption). */
  differenceValueMinor: number;
}

export interface ProductionReport {
  kind: 'production';
  outputs: ProductionOutputReport[];
  consumption: ConsumptionReport[];
  byproducts: Array<{ itemId: number; itemCode: string; quantity: string; valueMinor: number }>;
  /** Semi-finished goods made on the way (dough for the bread), not stocked. */
  intermediates: Array<{ itemId: number; itemCode: string; quantity: string }>;
}

export interface ProductionResult extends ProductionReport {
  document: DocumentView;
  duplicate: boolean;
}

const q3 = (d: Decimal) => d.toDecimalPlaces(3, Decimal.ROUND_HALF_UP);
const round = (d: Decimal) => d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();

interface Plan {
  names: (id: number) => string;
  explosions: Explosion[];
  /** Norm per item over all outputs, rounded to 3 places as it leaves stock. */
  norm: Map<number, Decimal>;
}

async function plan(k: K, input: Pick<ProductionInput, 'date' | 'outputs' | 'resolveNested'>): Promise<Plan> {
  checkDate(input.date);
  if (!input.outputs.length) throw new DomainError('production.no_outputs', {}, 400);
  for (const o of input.outputs) checkQuantity(o.itemId, o.quantity);
  const book = await loadRecipeBook(k, input.outputs.map((o) => o.itemId));
  const codes = await itemCodes(k, book.itemIds);
  for (const o of input.outputs) if (!codes.has(o.itemId)) throw new DomainError('item.unknown', { item: o.itemId }, 400);
  const names = namesFrom(codes);
  const explosions = input.outputs.map((o) => explodeRecipe(book.lookup, o.itemId, o.quantity, input.date, { names, resolveNested: input.resolveNested }));
  const exact = new Map<number, Decimal>();
  for (const x of explosions) for (const c of x.components) exact.set(c.itemId, (exact.get(c.itemId) ?? new Decimal(0)).plus(c.quantity));
  return { names, explosions, norm: new Map([...exact].map(([id, q]) => [id, q3(q)])) };
}

/** The norm of a run before posting: what the recipes say to take, at current costs; the screen edits from this. */
export async function productionNorm(
  db: Db,
  input: Pick<ProductionInput, 'date' | 'warehouseId' | 'outputs' | 'resolveNested'>,
): Promise<Array<{ itemId: number; itemCode: string; quantity: string; unitCostMinor: string | null }>> {
  const p = await plan(db.kysely, input);
  const costs = await currentUnitCosts(db.kysely, input.warehouseId, [...p.norm.keys()]);
  return [...p.norm].map(([itemId, q]) => ({ itemId, itemCode: p.names(itemId), quantity: q.toFixed(3), unitCostMinor: costs.get(itemId)?.toDecimalPlaces(4).toString() ?? null }));
}

/** Posts a production run as one document in one transaction; a retry with the same idempotency key returns the first. */
export async function postProduction(db: Db, actor: Actor, input: ProductionInput): Promise<ProductionResult> {
  const first = await existingByKey<ProductionReport>(db, input.idempotencyKey);
  if (first) return { ...first.report, document: first.document, duplicate: true };
  try {
    const { id, report } = await db.kysely.transaction().execute(async (trx) => {
      const p = await plan(trx, input);
      const byproductIds = p.explosions.flatMap((x) => x.byproducts.map((b) => b.itemId));
      const policy = await ledgerPolicy(trx, [...p.norm.keys(), ...input.outputs.map((o) => o.itemId), ...(input.actualConsumption ?? []).map((a) => a.itemId), ...byproductIds]);
      if (!policy.warehouseKnown(input.warehouseId)) throw new DomainError('production.warehouse_unknown', { warehouse: input.warehouseId }, 400);
      const doc = await openPostedDocument(trx, actor, {
        type: 'production',
        seriesCode: input.seriesCode ?? 'PRD',
        date: input.date,
        warehouseId: input.warehouseId,
        reason: input.reason,
        idempotencyKey: input.idempotencyKey,
      });

      // Actual consumption: the norm, with the listed items replaced.
      const actual = new Map(p.norm);
      for (const a of input.actualConsumption ?? []) {
        checkQuantity(a.itemId, a.quantity, true);
        actual.set(a.itemId, new Decimal(a.quantity));
      }
      const codes = await itemCodes(trx, [...actual.keys()]);
      const names = (id: number) => codes.get(id) ?? p.names(id);
      const unitCosts = await currentUnitCosts(trx, input.warehouseId, [...actual.keys(), ...byproductIds]);
      const consumed = [...actual].filter(([, q]) => q.isPos());
      const values = await postNamed(
        trx,
        db,
        doc.id,
        input.date,
        consumed.map(([itemId, q]) => ({ itemId, warehouseId: input.warehouseId, quantity: q.neg().toFixed(3) })),
        policy,
        names,
      );

      // Each item's consumed value is shared over the outputs by their norm of it.
      const material = input.outputs.map(() => 0);
      consumed.forEach(([itemId], i) => {
        const value = -(values[i] ?? 0);
        const weights = p.explosions.map((x) => x.components.find((c) => c.itemId === itemId)?.quantity ?? new Decimal(0));
        const shares = allocateMinor(value, weights.some((w) => w.isPos()) ? weights : weights.map(() => 1));
        shares.forEach((s, o) => (material[o] = material[o]! + s));
      });
      const extra = input.overheadMinor ?? 0;
      if (!Number.isSafeInteger(extra) || extra < 0) throw new DomainError('validation.field', { field: 'overheadMinor', detail: String(extra) }, 400);
      const extraShares = allocateMinor(extra, material.some((m) => m > 0) ? material : material.map(() => 1));
      const overhead = p.explosions.map((x, o) => round(x.overheadMinor) + extraShares[o]!);

      // By-products come in at their current cost, which is taken off the output that yielded them (never below zero).
      const byproductValue = new Map<number, { quantity: Decimal; value: number }>();
      const credit = p.explosions.map((x, o) => {
        const raw = x.byproducts.map((b) => round(b.quantity.mul(unitCosts.get(b.itemId) ?? 0)));
        const base = material[o]! + overhead[o]!;
        const sum = raw.reduce((a, b) => a + b, 0);
        const vals = sum > base ? allocateMinor(base, raw) : raw;
        x.byproducts.forEach((b, i) => {
          const e = byproductValue.get(b.itemId) ?? { quantity: new Decimal(0), value: 0 };
          byproductValue.set(b.itemId, { quantity: e.quantity.plus(b.quantity), value: e.value + vals[i]! });
        });
        return vals.reduce((a, b) => a + b, 0);
      });
      const cost = material.map((m, o) => m + overhead[o]! - credit[o]!);
      const incoming = [
        ...input.outputs.map((o, i) => ({ itemId: o.itemId, warehouseId: input.warehouseId, quantity: new Decimal(o.quantity).toFixed(3), valueMinor: cost[i]! })),
        ...[...byproductValue]
          .filter(([, b]) => q3(b.quantity).isPos())
          .map(([itemId, b]) => ({ itemId, warehouseId: input.warehouseId, quantity: q3(b.quantity).toFixed(3), valueMinor: b.value })),
      ];
      await postNamed(trx, db, doc.id, input.date, incoming, policy, names);

      const valueOf = new Map(consumed.map(([itemId], i) => [itemId, -(values[i] ?? 0)]));
      const report: ProductionReport = {
        kind: 'production',
        outputs: input.outputs.map((o, i) => ({
          itemId: o.itemId,
          itemCode: names(o.itemId),
          quantity: new Decimal(o.quantity).toFixed(3),
          recipeId: p.explosions[i]!.recipe.id ?? null,
          recipeVersion: p.explosions[i]!.recipe.version,
          materialMinor: material[i]!,
          overheadMinor: overhead[i]!,
          byproductMinor: credit[i]!,
          costMinor: cost[i]!,
        })),
        consumption: normDifferences(
          [...p.norm].map(([itemId, quantity]) => ({ itemId, quantity })),
          [...actual].map(([itemId, quantity]) => ({ itemId, quantity })),
        ).map((d) => {
          const value = valueOf.get(d.itemId) ?? 0;
          const act = new Decimal(d.actualQuantity);
          const diff = new Decimal(d.differenceQuantity);
          const diffValue = act.isPos() ? round(new Decimal(value).mul(diff).div(act)) : round(diff.mul(unitCosts.get(d.itemId) ?? 0));
          return { ...d, itemCode: names(d.itemId), valueMinor: value, differenceValueMinor: diffValue };
        }),
        byproducts: [...byproductValue].map(([itemId, b]) => ({ itemId, itemCode: names(itemId), quantity: q3(b.quantity).toFixed(3), valueMinor: b.value })),
        intermediates: p.explosions.flatMap((x) => x.intermediates.map((m) => ({ itemId: m.itemId, itemCode: names(m.itemId), quantity: q3(m.quantity).toFixed(3) }))),
      };
      await closePostedDocument(
        trx,
        doc.id,
        report.outputs.map((o) => ({ itemId: o.itemId, quantity: o.quantity, amountMinor: o.costMinor })),
        report,
      );
      const withRecipe = report.outputs.filter((o) => o.recipeId !== null);
      if (withRecipe.length)
        await trx
          .insertInto('recipe_consumption')
          .values(
            withRecipe.map((o) => ({
              document_id: doc.id,
              date: input.date,
              recipe_id: o.recipeId!,
              output_item_id: o.itemId,
              output_quantity_milli: new Decimal(o.quantity).mul(1000).toNumber(),
              cost_minor: o.costMinor,
            })),
          )
          .execute();
      await audit(trx, { userId: actor.userId, action: 'post', entity: 'document', entityId: doc.id, after: { status: 'posted', number: doc.number, type: 'production' } });
      return { id: doc.id, report };
    });
    return { ...report, document: await getDocument(db, id), duplicate: false };
  } catch (e) {
    if (input.idempotencyKey && isUniqueViolation(e)) {
      const again = await existingByKey<ProductionReport>(db, input.idempotencyKey);
      if (again) return { ...again.report, document: again.document, duplicate: true };
    }
    throw e;
  }
}
