// Recipes / tech cards (технологическая карта): what one batch of an output takes, in versions valid from a date.
// A component leaves stock at its gross quantity; net is what is left after cleaning or cooking (loss %).
// Exploding resolves semi-finished components (dough in bread) down to the goods actually in stock.

import { DomainError } from '../errors/domain-error';
import { Decimal, dec, type DecimalInput } from '../money/decimal';

export const RECIPE_COMPONENT_KINDS = ['component', 'byproduct', 'packaging'] as const;
export type RecipeComponentKind = (typeof RECIPE_COMPONENT_KINDS)[number];

export interface RecipeComponent {
  itemId: number;
  kind: RecipeComponentKind;
  /** Per batch, leaving stock (brutto); for a by-product, the quantity it yields. 3 decimals. */
  grossQuantity: string;
  /** Per batch, left in the product after loss (netto). 3 decimals. */
  netQuantity: string;
  /** Loss in processing, percent of gross, 2 decimals. */
  lossPercent: string;
}

export interface RecipeVersion {
  id?: number;
  outputItemId: number;
  version: number;
  /** ISO date from which this version applies; a production uses the version valid on its date. */
  validFrom: string;
  /** Yield: units of the output one batch makes. */
  outputQuantity: string;
  /** Overhead per batch (energy, labour) in minor units. */
  overheadMinor: number;
  note?: string | null;
  components: RecipeComponent[];
}

export interface RecipeComponentInput {
  itemId: number;
  kind?: RecipeComponentKind;
  grossQuantity?: DecimalInput;
  netQuantity?: DecimalInput;
  lossPercent?: DecimalInput;
}

const q3 = (d: Decimal) => d.toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(3);
const HUNDRED = new Decimal(100);

function positive(v: DecimalInput | undefined, item: number, field: string): Decimal | undefined {
  if (v === undefined || v === '') return undefined;
  let d: Decimal;
  try {
    d = dec(v);
  } catch {
    throw new DomainError('recipe.invalid', { item, field, value: String(v) }, 400);
  }
  if (!d.isFinite() || d.isNeg() || (field !== 'lossPercent' && d.isZero())) throw new DomainError('recipe.invalid', { item, field, value: String(v) }, 400);
  return d;
}

/** Completes a component from any two of gross, net and loss % (or gross alone: no loss). */
export function recipeComponent(input: RecipeComponentInput): RecipeComponent {
  const kind = input.kind ?? 'component';
  if (!RECIPE_COMPONENT_KINDS.includes(kind)) throw new DomainError('recipe.invalid', { item: input.itemId, field: 'kind', value: String(kind) }, 400);
  let gross = positive(input.grossQuantity, input.itemId, 'grossQuantity');
  let net = positive(input.netQuantity, input.itemId, 'netQuantity');
  let loss = positive(input.lossPercent, input.itemId, 'lossPercent');
  if (loss && loss.gte(HUNDRED)) throw new DomainError('recipe.invalid', { item: input.itemId, field: 'lossPercent', value: loss.toString() }, 400);
  if (gross && net && loss) {
    const expected = gross.mul(HUNDRED.minus(loss)).div(HUNDRED);
    if (expected.minus(net).abs().gt('0.001'))
      throw new DomainError('recipe.quantities_inconsistent', { item: input.itemId, gross: gross.toString(), net: net.toString(), loss: loss.toString() }, 400);
  } else if (gross && loss) {
    net = gross.mul(HUNDRED.minus(loss)).div(HUNDRED);
  } else if (net && loss) {
    gross = net.mul(HUNDRED).div(HUNDRED.minus(loss));
  } else if (gross && net) {
    loss = gross.minus(net).div(gross).mul(HUNDRED);
  } else if (gross || net) {
    gross ??= net;
    net ??= gross;
    loss = new Decimal(0);
  } else {
    throw new DomainError('recipe.invalid', { item: input.itemId, field: 'grossQuantity', value: '' }, 400);
  }
  if (net!.gt(gross!)) throw new DomainError('recipe.quantities_inconsistent', { item: input.itemId, gross: gross!.toString(), net: net!.toString(), loss: loss!.toString() }, 400);
  return {
    itemId: input.itemId,
    kind,
    grossQuantity: q3(gross!),
    netQuantity: q3(net!),
    lossPercent: loss!.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
  };
}

export type ItemNames = (itemId: number) => string;
const byId: ItemNames = (id) => String(id);

/** Checks a version on its own: a date, a positive yield, at least one consumed component, no output in its own list. */
export function validateRecipe(r: RecipeVersion, names: ItemNames = byId): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.validFrom) || Number.isNaN(Date.parse(r.validFrom)))
    throw new DomainError('validation.date', { field: 'validFrom', value: r.validFrom }, 400);
  positive(r.outputQuantity, r.outputItemId, 'outputQuantity');
  if (!Number.isSafeInteger(r.overheadMinor) || r.overheadMinor < 0)
    throw new DomainError('recipe.invalid', { item: r.outputItemId, field: 'overheadMinor', value: String(r.overheadMinor) }, 400);
  if (!r.components.some((c) => c.kind !== 'byproduct')) throw new DomainError('recipe.no_components', { item: names(r.outputItemId) }, 400);
  for (const c of r.components) {
    if (c.itemId === r.outputItemId) throw new DomainError('recipe.cycle', { item: names(r.outputItemId), chain: `${names(r.outputItemId)} → ${names(r.outputItemId)}` });
  }
}

/** The version valid on a date: the latest validFrom on or before it (the higher version number on the same day). */
export function chooseVersion(versions: readonly RecipeVersion[], itemId: number, date: string): RecipeVersion | null {
  let best: RecipeVersion | null = null;
  for (const v of versions) {
    if (v.outputItemId !== itemId || v.validFrom > date) continue;
    if (!best || v.validFrom > best.validFrom || (v.validFrom === best.validFrom && v.version > best.version)) best = v;
  }
  return best;
}

/** Where exploding finds recipes: the version of an item's recipe valid on a date, or null for goods bought in. */
export type RecipeLookup = (itemId: number, date: string) => RecipeVersion | null;

export function recipeBook(versions: readonly RecipeVersion[]): RecipeLookup {
  return (itemId, date) => chooseVersion(versions, itemId, date);
}

export interface ExplodedComponent {
  itemId: number;
  kind: RecipeComponentKind;
  /** Exact quantity to take from stock (gross); round to 3 places when posting. */
  quantity: Decimal;
}

export interface Explosion {
  outputItemId: number;
  quantity: Decimal;
  recipe: RecipeVersion;
  /** Goods consumed from stock, summed per item, in order of first appearance. */
  components: ExplodedComponent[];
  /** By-products yielded, summed per item. */
  byproducts: ExplodedComponent[];
  /** Semi-finished items resolved through their own recipes on the way, with the quantity made of each. */
  intermediates: Array<{ itemId: number; quantity: Decimal; recipe: RecipeVersion }>;
  /** Overhead of all batches at every level, exact minor units. */
  overheadMinor: Decimal;
}

export interface ExplodeOptions {
  names?: ItemNames;
  /** Whether a semi-finished component is made through its recipe (default) or taken from stock as it is. */
  resolveNested?: boolean | ((itemId: number) => boolean);
}

/** Explodes N units of an output through the given version down to goods in stock. Cycles are refused with the chain. */
export function explodeVersion(recipe: RecipeVersion, quantity: DecimalInput, lookup: RecipeLookup, date: string, opts: ExplodeOptions = {}): Explosion {
  const names = opts.names ?? byId;
  const resolve = typeof opts.resolveNested === 'function' ? opts.resolveNested : () => opts.resolveNested !== false;
  const components = new Map<number, ExplodedComponent>();
  const byproducts = new Map<number, ExplodedComponent>();
  const intermediates: Explosion['intermediates'] = [];
  let overhead = new Decimal(0);
  const add = (m: Map<number, ExplodedComponent>, c: ExplodedComponent) => {
    const e = m.get(c.itemId);
    if (e) e.quantity = e.quantity.plus(c.quantity);
    else m.set(c.itemId, { ...c });
  };
  const walk = (r: RecipeVersion, n: Decimal, path: number[]) => {
    const factor = n.div(dec(r.outputQuantity));
    overhead = overhead.plus(factor.mul(r.overheadMinor));
    for (const c of r.components) {
      const q = dec(c.grossQuantity).mul(factor);
      if (c.kind === 'byproduct') {
        add(byproducts, { itemId: c.itemId, kind: c.kind, quantity: q });
        continue;
      }
      if (path.includes(c.itemId)) {
        const chain = [...path.slice(path.indexOf(c.itemId)), c.itemId].map(names).join(' → ');
        throw new DomainError('recipe.cycle', { item: names(c.itemId), chain });
      }
      const sub = resolve(c.itemId) ? lookup(c.itemId, date) : null;
      if (sub) {
        intermediates.push({ itemId: c.itemId, quantity: q, recipe: sub });
        walk(sub, q, [...path, c.itemId]);
      } else {
        add(components, { itemId: c.itemId, kind: c.kind, quantity: q });
      }
    }
  };
  const n = dec(quantity);
  walk(recipe, n, [recipe.outputItemId]);
  return {
    outputItemId: recipe.outputItemId,
    quantity: n,
    recipe,
    components: [...components.values()],
    byproducts: [...byproducts.values()],
    intermediates,
    overheadMinor: overhead,
  };
}

/** Explodes N units of an item through the version valid on the date. */
export function explodeRecipe(lookup: RecipeLookup, itemId: number, quantity: DecimalInput, date: string, opts: ExplodeOptions = {}): Explosion {
  const r = lookup(itemId, date);
  if (!r) throw new DomainError('recipe.not_found', { item: (opts.names ?? byId)(itemId), date });
  return explodeVersion(r, quantity, lookup, date, opts);
}

export interface RecipeCostLine {
  itemId: number;
  kind: RecipeComponentKind;
  quantity: Decimal;
  unitCostMinor: Decimal;
  /** Exact, negative for by-products (their value lowers the cost). */
  costMinor: Decimal;
}

export interface RecipeCost {
  lines: RecipeCostLine[];
  overheadMinor: Decimal;
  /** One batch (the recipe's output quantity), rounded to minor units once, at the end. */
  totalMinor: number;
  /** Exact cost of one unit of output. */
  unitCostMinor: Decimal;
  /** Items with no known cost, counted at zero. */
  missingCosts: number[];
}

/** Cost of one batch of a version from current unit costs (minor units per unit, exact); nested recipes exploded. */
export function recipeCost(
  recipe: RecipeVersion,
  unitCost: (itemId: number) => DecimalInput | null | undefined,
  lookup: RecipeLookup,
  date: string,
  opts: ExplodeOptions = {},
): RecipeCost {
  const x = explodeVersion(recipe, recipe.outputQuantity, lookup, date, opts);
  const missing: number[] = [];
  const cost = (itemId: number) => {
    const c = unitCost(itemId);
    if (c === null || c === undefined) {
      missing.push(itemId);
      return new Decimal(0);
    }
    return dec(c);
  };
  const lines: RecipeCostLine[] = [
    ...x.components.map((c) => {
      const u = cost(c.itemId);
      return { ...c, unitCostMinor: u, costMinor: c.quantity.mul(u) };
    }),
    ...x.byproducts.map((c) => {
      const u = cost(c.itemId);
      return { ...c, unitCostMinor: u, costMinor: c.quantity.mul(u).neg() };
    }),
  ];
  const exact = lines.reduce((s, l) => s.plus(l.costMinor), x.overheadMinor);
  return {
    lines,
    overheadMinor: x.overheadMinor,
    totalMinor: exact.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(),
    unitCostMinor: exact.div(dec(recipe.outputQuantity)),
    missingCosts: missing,
  };
}

/** Actual against norm per item: what a production took beyond (positive) or below (negative) its recipe. */
export interface NormDifference {
  itemId: number;
  normQuantity: string;
  actualQuantity: string;
  differenceQuantity: string;
}

export function normDifferences(norm: ReadonlyArray<{ itemId: number; quantity: DecimalInput }>, actual: ReadonlyArray<{ itemId: number; quantity: DecimalInput }>): NormDifference[] {
  const rows = new Map<number, { norm: Decimal; actual: Decimal }>();
  const row = (id: number) => rows.get(id) ?? rows.set(id, { norm: new Decimal(0), actual: new Decimal(0) }).get(id)!;
  for (const n of norm) row(n.itemId).norm = row(n.itemId).norm.plus(dec(n.quantity));
  for (const a of actual) row(a.itemId).actual = row(a.itemId).actual.plus(dec(a.quantity));
  return [...rows].map(([itemId, r]) => ({
    itemId,
    normQuantity: q3(r.norm),
    actualQuantity: q3(r.actual),
    differenceQuantity: q3(r.actual.minus(r.norm)),
  }));
}

export interface TechCardLine extends RecipeComponent {
  /** Exact minor units per unit of the component: its recipe's cost for a semi-finished item, else the current cost. */
  unitCostMinor: Decimal | null;
  /** Exact; negative for by-products. */
  costMinor: Decimal;
  /** Costed through its own recipe (semi-finished). */
  viaRecipe: boolean;
}

export interface TechCard {
  recipe: RecipeVersion;
  lines: TechCardLine[];
  overheadMinor: number;
  /** One batch, rounded once; equals recipeCost's total. */
  totalMinor: number;
  unitCostMinor: Decimal;
}

/** The printable tech card: the recipe's own lines (dough, not flour) each with its cost; nested ones through their recipes. */
export function techCard(
  recipe: RecipeVersion,
  unitCost: (itemId: number) => DecimalInput | null | undefined,
  lookup: RecipeLookup,
  date: string,
  opts: ExplodeOptions = {},
): TechCard {
  const resolve = typeof opts.resolveNested === 'function' ? opts.resolveNested : () => opts.resolveNested !== false;
  const lines = recipe.components.map((c): TechCardLine => {
    const sub = c.kind !== 'byproduct' && resolve(c.itemId) ? lookup(c.itemId, date) : null;
    if (sub && sub.outputItemId === recipe.outputItemId) throw new DomainError('recipe.cycle', { item: String(c.itemId), chain: `${c.itemId} → ${c.itemId}` });
    const known = sub ? recipeCost(sub, unitCost, lookup, date, opts).unitCostMinor : unitCost(c.itemId);
    const unit = known === null || known === undefined ? null : dec(known);
    const cost = dec(c.grossQuantity).mul(unit ?? 0);
    return { ...c, unitCostMinor: unit, costMinor: c.kind === 'byproduct' ? cost.neg() : cost, viaRecipe: !!sub };
  });
  const exact = lines.reduce((s, l) => s.plus(l.costMinor), new Decimal(recipe.overheadMinor));
  return {
    recipe,
    lines,
    overheadMinor: recipe.overheadMinor,
    totalMinor: exact.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(),
    unitCostMinor: exact.div(dec(recipe.outputQuantity)),
  };
}
