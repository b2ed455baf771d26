// Production over HTTP (/api/v1/production): recipe versions and their cost, the printable tech card, the norm of a
// run, posting runs and cuttings (Idempotency-Key), the consumption-by-recipe report and marked goods' codes.
// Every rule lives in @kasa/domain and @kasa/db; this file only translates HTTP to those calls.

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertRight, Decimal, DomainError, splitCuttingCost, type CuttingOutput, type DecimalInput } from '@kasa/domain';
import {
  consumptionByRecipe,
  costRecipe,
  currentUnitCosts,
  markingCodeStatus,
  postCutting,
  postProduction,
  productionNorm,
  receiveMarkingCodes,
  recipeVersions,
  saveRecipe,
  techCardFor,
  type Db,
  type TechCardView,
} from '@kasa/db';
import type { RouteContext } from '../app';
import { withIdempotency } from '../idempotency';
import { pickLanguage, type Language } from '../messages';

const DateStr = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-11-23'] });
const Quantity = Type.String({ pattern: '^[0-9]{1,9}(\\.[0-9]{1,3})?$', description: 'Decimal with up to 3 places', examples: ['0.500'] });
const Percent = Type.String({ pattern: '^[0-9]{1,2}(\\.[0-9]{1,3})?$', description: 'Loss percent, e.g. "3"', examples: ['3'] });
const Minor = Type.Integer({ minimum: 0, maximum: 1e12, description: 'Integer minor units (cents)' });
const ItemParam = Type.Object({ itemId: Type.Integer({ minimum: 1 }) });
const Component = Type.Object(
  {
    itemId: Type.Integer({ minimum: 1 }),
    kind: Type.Optional(Type.Union([Type.Literal('component'), Type.Literal('packaging'), Type.Literal('byproduct')])),
    grossQuantity: Type.Optional(Quantity),
    netQuantity: Type.Optional(Quantity),
    lossPercent: Type.Optional(Percent),
  },
  { additionalProperties: false },
);
const RecipeBody = Type.Object(
  {
    validFrom: DateStr,
    outputQuantity: Quantity,
    overheadMinor: Type.Optional(Minor),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    components: Type.Array(Component, { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
const CostQuery = Type.Object({
  date: Type.Optional(DateStr),
  warehouseId: Type.Optional(Type.Integer({ minimum: 1 })),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
});
const Output = Type.Object({ itemId: Type.Integer({ minimum: 1 }), quantity: Quantity }, { additionalProperties: false });
const NormBody = Type.Object(
  { date: DateStr, warehouseId: Type.Integer({ minimum: 1 }), outputs: Type.Array(Output, { minItems: 1, maxItems: 200 }), resolveNested: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const RunBody = Type.Object(
  {
    date: DateStr,
    warehouseId: Type.Integer({ minimum: 1 }),
    outputs: Type.Array(Output, { minItems: 1, maxItems: 200 }),
    actualConsumption: Type.Optional(Type.Array(Type.Object({ itemId: Type.Integer({ minimum: 1 }), quantity: Quantity }, { additionalProperties: false }), { maxItems: 2000 })),
    overheadMinor: Type.Optional(Minor),
    resolveNested: Type.Optional(Type.Boolean()),
    reason: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const CuttingOutputSchema = Type.Object(
  {
    itemId: Type.Optional(Type.Integer({ minimum: 1 })),
    quantity: Quantity,
    priceMinor: Type.Optional(Minor),
    coefficient: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}(\\.[0-9]{1,6})?$' })),
    waste: Type.Optional(Type.Boolean()),
    wasteValueMinor: Type.Optional(Minor),
  },
  { additionalProperties: false },
);
const CuttingKeySchema = Type.Union([Type.Literal('weight'), Type.Literal('price'), Type.Literal('coefficient')]);
const CuttingBody = Type.Object(
  {
    date: DateStr,
    warehouseId: Type.Integer({ minimum: 1 }),
    input: Output,
    outputs: Type.Array(CuttingOutputSchema, { minItems: 1, maxItems: 200 }),
    key: CuttingKeySchema,
    reason: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const RangeQuery = Type.Object({ from: DateStr, to: DateStr });
const CodesBody = Type.Object(
  { documentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])), itemId: Type.Optional(Type.Integer({ minimum: 1 })), codes: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 1, maxItems: 5000 }) },
  { additionalProperties: false },
);
const CodeQuery = Type.Object({ code: Type.String({ minLength: 1, maxLength: 300 }) });

function idempotencyKey(req: FastifyRequest): string | undefined {
  const k = req.headers['idempotency-key'];
  return Array.isArray(k) ? k[0] : k;
}

function send(reply: FastifyReply, r: { statusCode: number; body: unknown; replayed: boolean }) {
  if (r.replayed) void reply.header('idempotent-replayed', 'true');
  return reply.status(r.statusCode).send(r.body);
}

const today = () => new Date().toISOString().slice(0, 10);

/** The company's currency: every amount in these answers is in its minor units. */
async function currencyOf(db: Db): Promise<string> {
  const c = await db.kysely.selectFrom('companies').select('currency').orderBy('id').executeTakeFirst();
  return c?.currency ?? 'EUR';
}

/** The warehouse costs are read from: the one asked for, else the first stocking warehouse. */
async function warehouseFor(db: Db, id: number | undefined): Promise<number> {
  if (id !== undefined) return id;
  const w = await db.kysely.selectFrom('warehouses').select('id').where('is_transit', '=', 0).orderBy('id').executeTakeFirst();
  if (!w) throw new DomainError('production.warehouse_unknown', { warehouse: '' }, 400);
  return Number(w.id);
}

// The same lookup postCutting makes for the price key (db/src/production/cutting.ts keeps its copy private):
// a missing sales price comes from the default price group on the date.
async function withDefaultPrices(db: Db, outputs: CuttingOutput[], date: string): Promise<CuttingOutput[]> {
  const need = outputs.filter((o) => !o.waste && o.priceMinor === undefined && o.itemId !== undefined).map((o) => o.itemId!);
  if (!need.length) return outputs;
  const rows = await db.kysely
    .selectFrom('prices')
    .innerJoin('price_groups', 'price_groups.id', 'prices.price_group_id')
    .select(['prices.item_id', 'prices.price_minor'])
    .where('price_groups.is_default', '=', 1)
    .where('prices.item_id', 'in', need)
    .where('prices.valid_from', '<=', date)
    .orderBy('prices.valid_from', 'desc')
    .orderBy('prices.id', 'desc')
    .execute();
  const price = new Map<number, number>();
  for (const r of rows) if (!price.has(Number(r.item_id))) price.set(Number(r.item_id), Number(r.price_minor));
  return outputs.map((o) => (o.waste || o.priceMinor !== undefined || o.itemId === undefined ? o : { ...o, priceMinor: price.get(o.itemId) }));
}

export function registerProductionRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  app.get('/api/v1/production/recipes', { schema: { tags: ['production'], summary: 'Items that have a recipe, with their latest version' } }, async (req) => {
    requireUser(req);
    const rows = await db.kysely
      .selectFrom('recipes as r')
      .innerJoin('items as i', 'i.id', 'r.output_item_id')
      .select(['r.output_item_id', 'r.version', 'r.valid_from', 'r.output_quantity', 'i.code', 'i.name', 'i.unit', 'i.produced'])
      .orderBy('i.code')
      .orderBy('r.version')
      .execute();
    const byItem = new Map<number, { itemId: number; code: string; name: string; unit: string; producedAtSale: boolean; versions: number; latestVersion: number; latestValidFrom: string; outputQuantity: string }>();
    for (const r of rows) {
      const id = Number(r.output_item_id);
      const prev = byItem.get(id);
      byItem.set(id, {
        itemId: id,
        code: r.code,
        name: r.name,
        unit: r.unit,
        producedAtSale: Number(r.produced) === 1,
        versions: (prev?.versions ?? 0) + 1,
        latestVersion: r.version,
        latestValidFrom: r.valid_from,
        outputQuantity: r.output_quantity,
      });
    }
    return { recipes: [...byItem.values()] };
  });

  app.get('/api/v1/production/recipes/:itemId', { schema: { tags: ['production'], summary: 'Every version of an item’s recipe, oldest first', params: ItemParam } }, async (req) => {
    requireUser(req);
    const { itemId } = req.params as Static<typeof ItemParam>;
    const item = await db.kysely.selectFrom('items').select(['id', 'code', 'name', 'unit', 'produced']).where('id', '=', itemId).executeTakeFirst();
    if (!item) throw new DomainError('item.unknown', { item: itemId }, 404);
    const versions = await recipeVersions(db, itemId);
    const ids = [...new Set(versions.flatMap((v) => v.components.map((c) => c.itemId)))];
    const items = ids.length ? await db.kysely.selectFrom('items').select(['id', 'code', 'name', 'unit']).where('id', 'in', ids).execute() : [];
    return {
      item: { id: Number(item.id), code: item.code, name: item.name, unit: item.unit, producedAtSale: Number(item.produced) === 1 },
      versions,
      components: items.map((i) => ({ id: Number(i.id), code: i.code, name: i.name, unit: i.unit })),
    };
  });

  app.post(
    '/api/v1/production/recipes/:itemId',
    { schema: { tags: ['production'], summary: 'Save a new version of an item’s recipe (right recipe.edit); versions are never edited', params: ItemParam, body: RecipeBody } },
    async (req, reply) => {
      const actor = requireUser(req);
      const { itemId } = req.params as Static<typeof ItemParam>;
      const body = req.body as Static<typeof RecipeBody>;
      const version = await saveRecipe(db, actor, { ...body, outputItemId: itemId });
      return reply.status(201).send({ version });
    },
  );

  app.get(
    '/api/v1/production/recipes/:itemId/cost',
    { schema: { tags: ['production'], summary: 'Cost of the version valid on a date (or a given version) from the warehouse’s current costs', params: ItemParam, querystring: CostQuery } },
    async (req) => {
      requireUser(req);
      const { itemId } = req.params as Static<typeof ItemParam>;
      const q = req.query as Static<typeof CostQuery>;
      const warehouseId = await warehouseFor(db, q.warehouseId);
      const opts = { itemId, date: q.date ?? today(), warehouseId, version: q.version };
      const cost = await costRecipe(db, opts);
      // The card's own lines (dough, not flour), each costed; `exploded` is what leaves stock (flour, water, yeast).
      const card = await techCardFor(db, opts);
      return {
        warehouseId,
        currency: await currencyOf(db),
        recipe: cost.recipe,
        totalMinor: cost.totalMinor,
        unitCostMinor: cost.unitCostMinor.toDecimalPlaces(4).toString(),
        overheadMinor: cost.overheadMinor.toString(),
        missingCosts: cost.missingCosts,
        exploded: cost.lines,
        lines: card.lines.map((l) => ({ ...l, unitCostMinor: l.unitCostMinor?.toDecimalPlaces(4).toString() ?? null, costMinor: l.costMinor.toDecimalPlaces(4).toString() })),
      };
    },
  );

  app.get(
    '/api/v1/production/recipes/:itemId/tech-card',
    { schema: { tags: ['production'], summary: 'The printable tech card (HTML), in the Accept-Language of the caller', params: ItemParam, querystring: CostQuery } },
    async (req, reply) => {
      requireUser(req);
      const { itemId } = req.params as Static<typeof ItemParam>;
      const q = req.query as Static<typeof CostQuery>;
      const warehouseId = await warehouseFor(db, q.warehouseId);
      const date = q.date ?? today();
      const card = await techCardFor(db, { itemId, date, warehouseId, version: q.version });
      const company = await db.kysely.selectFrom('companies').select(['name', 'currency']).orderBy('id').executeTakeFirst();
      const wh = await db.kysely.selectFrom('warehouses').select(['code', 'name']).where('id', '=', warehouseId).executeTakeFirst();
      const lng = pickLanguage(req.headers['accept-language']);
      return reply
        .type('text/html; charset=utf-8')
        .send(techCardHtml(card, { lng, date, company: company?.name ?? '', currency: company?.currency ?? 'EUR', warehouse: wh ? `${wh.code} ${wh.name}` : '' }));
    },
  );

  app.post('/api/v1/production/norm', { schema: { tags: ['production'], summary: 'The norm of a run: what the recipes take, at current costs', body: NormBody } }, async (req) => {
    requireUser(req);
    const body = req.body as Static<typeof NormBody>;
    return { norm: await productionNorm(db, body), currency: await currencyOf(db) };
  });

  app.post(
    '/api/v1/production/runs',
    {
      schema: {
        tags: ['production'],
        summary: 'Post a production run (right production.post); an Idempotency-Key header makes retries safe',
        body: RunBody,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      const body = req.body as Static<typeof RunBody>;
      const key = idempotencyKey(req);
      const r = await withIdempotency(db, `production:${actor.userId}`, key, body, async () => {
        const run = await postProduction(db, actor, { ...body, idempotencyKey: key ? `run:${actor.userId}:${key}` : undefined });
        return { statusCode: 201, body: { run, currency: await currencyOf(db) } };
      });
      return send(reply, r);
    },
  );

  app.post(
    '/api/v1/production/cuttings/preview',
    { schema: { tags: ['production'], summary: 'The split of a cutting before posting, from the input’s current cost; sums to it to the cent', body: CuttingBody } },
    async (req) => {
      requireUser(req);
      const body = req.body as Static<typeof CuttingBody>;
      const costs = await currentUnitCosts(db.kysely, body.warehouseId, [body.input.itemId]);
      const inputCostMinor = new Decimal(body.input.quantity).mul(costs.get(body.input.itemId) ?? 0).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
      const outputs = body.key === 'price' ? await withDefaultPrices(db, body.outputs, body.date) : body.outputs;
      const shares = splitCuttingCost(inputCostMinor, outputs, body.key);
      return { currency: await currencyOf(db), inputCostMinor, outputs: shares.map((s) => ({ ...s, unitCostMinor: s.unitCostMinor.toDecimalPlaces(4).toString() })) };
    },
  );

  app.post(
    '/api/v1/production/cuttings',
    {
      schema: {
        tags: ['production'],
        summary: 'Post a cutting: one input into outputs and waste, its cost split by the key (right production.post)',
        body: CuttingBody,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      const body = req.body as Static<typeof CuttingBody>;
      const key = idempotencyKey(req);
      const r = await withIdempotency(db, `cutting:${actor.userId}`, key, body, async () => {
        const cutting = await postCutting(db, actor, { ...body, idempotencyKey: key ? `cut:${actor.userId}:${key}` : undefined });
        return { statusCode: 201, body: { cutting, currency: await currencyOf(db) } };
      });
      return send(reply, r);
    },
  );

  app.get(
    '/api/v1/production/consumption',
    { schema: { tags: ['production'], summary: 'Consumption by recipe per day: what was made through which version, from runs and receipts', querystring: RangeQuery } },
    async (req) => {
      const actor = requireUser(req);
      assertRight(actor.rights, 'production.view');
      const q = req.query as Static<typeof RangeQuery>;
      const rows = await consumptionByRecipe(db, q);
      const ids = [...new Set(rows.map((r) => r.itemId))];
      const names = ids.length ? await db.kysely.selectFrom('items').select(['id', 'name', 'unit']).where('id', 'in', ids).execute() : [];
      const byId = new Map(names.map((n) => [Number(n.id), n]));
      return { currency: await currencyOf(db), rows: rows.map((r) => ({ ...r, itemName: byId.get(r.itemId)?.name ?? '', unit: byId.get(r.itemId)?.unit ?? '' })) };
    },
  );

  app.post(
    '/api/v1/production/marking-codes',
    { schema: { tags: ['production'], summary: 'Record the GS1 codes of received units (right receiving.post); refused as a whole if one is wrong', body: CodesBody } },
    async (req, reply) => {
      const actor = requireUser(req);
      assertRight(actor.rights, 'receiving.post');
      const body = req.body as Static<typeof CodesBody>;
      const units = await db.kysely.transaction().execute((trx) => receiveMarkingCodes(trx, body));
      return reply.status(201).send({ units });
    },
  );

  app.get(
    '/api/v1/production/marking-codes/status',
    { schema: { tags: ['production'], summary: 'Status of one marking code: received, sold or returned', querystring: CodeQuery } },
    async (req) => {
      requireUser(req);
      const { code } = req.query as Static<typeof CodeQuery>;
      const unit = await markingCodeStatus(db.kysely, code);
      if (!unit) throw new DomainError('marking.unknown', { code }, 404);
      return { unit };
    },
  );
}

// The tech card page: its labels in the five languages; the numbers as the ledger has them.
const CARD_TEXTS: Record<Language, Record<'title' | 'version' | 'validFrom' | 'yield' | 'warehouse' | 'date' | 'item' | 'kind' | 'gross' | 'net' | 'loss' | 'unitCost' | 'cost' | 'overhead' | 'total' | 'perUnit' | 'viaRecipe' | 'component' | 'packaging' | 'byproduct' | 'note', string>> = {
  en: { title: 'Technological card', version: 'Version', validFrom: 'Valid from', yield: 'Yield', warehouse: 'Costs of warehouse', date: 'Costed on', item: 'Component', kind: 'Kind', gross: 'Gross', net: 'Net', loss: 'Loss %', unitCost: 'Unit cost', cost: 'Cost', overhead: 'Overhead', total: 'Batch cost', perUnit: 'Cost per unit', viaRecipe: 'by its own recipe', component: 'material', packaging: 'packaging', byproduct: 'by-product', note: 'Note' },
  lv: { title: 'Tehnoloģiskā karte', version: 'Versija', validFrom: 'Derīga no', yield: 'Iznākums', warehouse: 'Noliktavas izmaksas', date: 'Izmaksas uz', item: 'Sastāvdaļa', kind: 'Veids', gross: 'Bruto', net: 'Neto', loss: 'Zudumi %', unitCost: 'Vienības izmaksas', cost: 'Izmaksas', overhead: 'Pieskaitāmās izmaksas', total: 'Partijas izmaksas', perUnit: 'Vienības izmaksas', viaRecipe: 'pēc savas receptes', component: 'izejviela', packaging: 'iepakojums', byproduct: 'blakusprodukts', note: 'Piezīme' },
  ru: { title: 'Технологическая карта', version: 'Версия', validFrom: 'Действует с', yield: 'Выход', warehouse: 'Себестоимость склада', date: 'Расчёт на', item: 'Компонент', kind: 'Вид', gross: 'Брутто', net: 'Нетто', loss: 'Потери %', unitCost: 'Цена единицы', cost: 'Стоимость', overhead: 'Накладные расходы', total: 'Себестоимость партии', perUnit: 'Себестоимость единицы', viaRecipe: 'по своей рецептуре', component: 'сырьё', packaging: 'упаковка', byproduct: 'побочный продукт', note: 'Примечание' },
  cs: { title: 'Technologická karta', version: 'Verze', validFrom: 'Platí od', yield: 'Výtěžnost', warehouse: 'Náklady skladu', date: 'Kalkulace k', item: 'Složka', kind: 'Druh', gross: 'Brutto', net: 'Netto', loss: 'Ztráta %', unitCost: 'Jednotková cena', cost: 'Náklad', overhead: 'Režie', total: 'Náklad dávky', perUnit: 'Náklad na jednotku', viaRecipe: 'podle vlastní receptury', component: 'surovina', packaging: 'obal', byproduct: 'vedlejší produkt', note: 'Poznámka' },
  hu: { title: 'Technológiai kártya', version: 'Verzió', validFrom: 'Érvényes', yield: 'Kihozatal', warehouse: 'Raktár költségei', date: 'Kalkuláció napja', item: 'Összetevő', kind: 'Fajta', gross: 'Bruttó', net: 'Nettó', loss: 'Veszteség %', unitCost: 'Egységköltség', cost: 'Költség', overhead: 'Rezsi', total: 'Adag költsége', perUnit: 'Egységköltség', viaRecipe: 'saját recept szerint', component: 'alapanyag', packaging: 'csomagolás', byproduct: 'melléktermék', note: 'Megjegyzés' },
};

const LOCALES: Record<Language, string> = { en: 'en-GB', lv: 'lv-LV', ru: 'ru-RU', cs: 'cs-CZ', hu: 'hu-HU' };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Minor units (exact) → "1,23 €" in the language's format; the exact value rounded once here, for print. */
function money(minor: DecimalInput | null, currency: string, lng: Language): string {
  if (minor === null) return '—';
  const cents = new Decimal(minor).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  const s = cents.abs().div(100).toFixed(2);
  const [int, frac] = s.split('.') as [string, string];
  const grouped = new Intl.NumberFormat(LOCALES[lng], { useGrouping: true }).format(BigInt(int));
  const sep = lng === 'en' ? '.' : ',';
  return `${cents.isNeg() ? '−' : ''}${grouped}${sep}${frac} ${currency === 'EUR' ? '€' : currency}`;
}

function qty(q: string, lng: Language): string {
  return lng === 'en' ? q : q.replace('.', ',');
}

export function techCardHtml(card: TechCardView, o: { lng: Language; date: string; company: string; currency: string; warehouse: string }): string {
  const t = CARD_TEXTS[o.lng];
  const r = card.recipe;
  const rows = card.lines
    .map(
      (l) => `<tr><td>${esc(l.itemCode)}</td><td>${esc(l.itemName)}${l.viaRecipe ? ` <small>(${t.viaRecipe})</small>` : ''}</td><td>${t[l.kind]}</td>` +
        `<td class="n">${qty(l.grossQuantity, o.lng)} ${esc(l.unit)}</td><td class="n">${qty(l.netQuantity, o.lng)}</td><td class="n">${qty(l.lossPercent, o.lng)}</td>` +
        `<td class="n">${money(l.unitCostMinor, o.currency, o.lng)}</td><td class="n">${money(l.costMinor, o.currency, o.lng)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${o.lng}"><head><meta charset="utf-8"><title>${esc(t.title)} — ${esc(card.item.code)} ${esc(card.item.name)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;color:#111}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px 6px;text-align:left}td.n,th.n{text-align:right}dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:600}@media print{body{margin:0}}</style>
</head><body>
<p>${esc(o.company)}</p>
<h1>${esc(t.title)}: ${esc(card.item.code)} ${esc(card.item.name)}</h1>
<dl>
<dt>${t.version}</dt><dd class="version">${r.version}</dd>
<dt>${t.validFrom}</dt><dd>${esc(r.validFrom)}</dd>
<dt>${t.yield}</dt><dd>${qty(r.outputQuantity, o.lng)} ${esc(card.item.unit)}</dd>
<dt>${t.warehouse}</dt><dd>${esc(o.warehouse)}</dd>
<dt>${t.date}</dt><dd>${esc(o.date)}</dd>
${r.note ? `<dt>${t.note}</dt><dd>${esc(r.note)}</dd>` : ''}
</dl>
<table>
<thead><tr><th colspan="2">${t.item}</th><th>${t.kind}</th><th class="n">${t.gross}</th><th class="n">${t.net}</th><th class="n">${t.loss}</th><th class="n">${t.unitCost}</th><th class="n">${t.cost}</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot>
<tr><td colspan="7">${t.overhead}</td><td class="n">${money(card.overheadMinor, o.currency, o.lng)}</td></tr>
<tr><th colspan="7">${t.total}</th><th class="n total">${money(card.totalMinor, o.currency, o.lng)}</th></tr>
<tr><td colspan="7">${t.perUnit}</td><td class="n per-unit">${money(card.unitCostMinor, o.currency, o.lng)}</td></tr>
</tfoot>
</table>
</body></html>`;
}
