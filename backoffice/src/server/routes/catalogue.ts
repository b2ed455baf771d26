// Catalogue and reference data: items with barcodes and current prices, warehouses, partners, price and VAT groups,
// number series, users, stock balances.

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertRight, DomainError } from '@kasa/domain';
import type { RouteContext } from '../app';

const Paging = {
  q: Type.Optional(Type.String({ maxLength: 200 })),
  /** Also list items withdrawn from sale (to bring one back). */
  inactive: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

const ItemBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 50 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  unit: Type.String({ minLength: 1, maxLength: 10 }),
  vatGroupId: Type.Integer({ minimum: 1 }),
  weighted: Type.Optional(Type.Boolean()),
  marked: Type.Optional(Type.Boolean()),
  barcodes: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9A-Za-z]{4,40}$' }), { maxItems: 50 })),
  priceMinor: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e12 })),
  /** false withdraws the item from sale: it leaves the search and the tills' catalogues, its history stays. */
  active: Type.Optional(Type.Boolean()),
});

// The catalogue reads live in @kasa/db (the bench measures the same code); re-exported for the other routes.
export { defaultPriceGroup, itemViews, nextChangeSeq } from '@kasa/db';
import { itemViews, nameContains, searchItems } from '@kasa/db';

export function registerCatalogueRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  app.get('/api/v1/items', { schema: { tags: ['catalogue'], summary: 'Search items by code, name or barcode', querystring: Type.Object(Paging) } }, async (req) => {
    requireUser(req);
    const { q, limit = 50, offset = 0, inactive } = req.query as { q?: string; limit?: number; offset?: number; inactive?: boolean };
    const found = await searchItems(db, { q, limit, offset, includeInactive: inactive });
    return { items: await itemViews(db, found.ids), total: found.total };
  });

  app.get('/api/v1/items/:id', { schema: { tags: ['catalogue'], summary: 'One item', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } }, async (req) => {
    requireUser(req);
    const [item] = await itemViews(db, [(req.params as { id: number }).id]);
    if (!item) throw new DomainError('item.unknown', { item: (req.params as { id: number }).id }, 404);
    return { item };
  });

  const saveItem = async (id: number | null, body: typeof ItemBody.static, userId: number) => {
    const vat = await db.kysely.selectFrom('vat_groups').select('id').where('id', '=', body.vatGroupId).executeTakeFirst();
    if (!vat) throw new DomainError('validation.vatGroupId', { field: 'vatGroupId', detail: 'unknown VAT group' }, 400);
    const unit = await db.kysely.selectFrom('units').select('code').where('code', '=', body.unit).executeTakeFirst();
    if (!unit) throw new DomainError('validation.unit', { field: 'unit', detail: 'unknown unit' }, 400);
    return db.kysely.transaction().execute(async (trx) => {
      const seqRow = await trx.selectFrom('items').select((eb) => eb.fn.max('change_seq').as('m')).executeTakeFirst();
      const values = {
        code: body.code,
        name: body.name,
        unit: body.unit,
        vat_group_id: body.vatGroupId,
        // A flag left out keeps its value on a change (and is off on a new item).
        ...(body.weighted === undefined ? {} : { weighted: body.weighted ? 1 : 0 }),
        ...(body.marked === undefined ? {} : { marked: body.marked ? 1 : 0 }),
        ...(body.active === undefined ? {} : { active: body.active ? 1 : 0 }),
        updated_at: new Date().toISOString(),
        change_seq: Number(seqRow?.m ?? 0) + 1,
      };
      const dup = await trx.selectFrom('items').select('id').where('code', '=', body.code).executeTakeFirst();
      if (dup && Number(dup.id) !== id) throw new DomainError('item.code_taken', { code: body.code }, 409);
      let itemId = id;
      if (id === null) {
        const r = await trx
          .insertInto('items')
          .values({ active: 1, weighted: 0, marked: 0, ...values, group_id: null, goods_type: 'sale', produced: 0, costing: 'average', standard_cost_minor: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        itemId = Number(r.id);
      } else {
        const r = await trx.updateTable('items').set(values).where('id', '=', id).executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) throw new DomainError('item.unknown', { item: id }, 404);
      }
      if (body.barcodes) {
        for (const code of body.barcodes) {
          const other = await trx.selectFrom('barcodes').select('item_id').where('code', '=', code).executeTakeFirst();
          if (other && Number(other.item_id) !== itemId) throw new DomainError('barcode.taken', { code }, 409);
        }
        await trx.deleteFrom('barcodes').where('item_id', '=', itemId!).execute();
        if (body.barcodes.length) await trx.insertInto('barcodes').values(body.barcodes.map((code) => ({ code, item_id: itemId!, pack_quantity: '1' }))).execute();
      }
      if (body.priceMinor !== undefined) {
        const pg = await trx.selectFrom('price_groups').select('id').orderBy('is_default', 'desc').orderBy('code').executeTakeFirst();
        if (pg)
          await trx
            .insertInto('prices')
            .values({ price_group_id: pg.id, item_id: itemId!, price_minor: body.priceMinor, valid_from: new Date().toISOString().slice(0, 10), created_at: new Date().toISOString() })
            .execute();
      }
      await trx.insertInto('audit_log').values({ at: new Date().toISOString(), user_id: userId, action: id ? 'update' : 'create', entity: 'item', entity_id: String(itemId), before: null, after: JSON.stringify(body) }).execute();
      return itemId!;
    });
  };

  app.post('/api/v1/items', { schema: { tags: ['catalogue'], summary: 'Create an item', body: ItemBody } }, async (req, reply) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'catalogue.edit');
    const id = await saveItem(null, req.body as typeof ItemBody.static, actor.user.id);
    return reply.status(201).send({ item: (await itemViews(db, [id]))[0] });
  });
  app.put('/api/v1/items/:id', { schema: { tags: ['catalogue'], summary: 'Change an item', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), body: ItemBody } }, async (req) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'catalogue.edit');
    const id = await saveItem((req.params as { id: number }).id, req.body as typeof ItemBody.static, actor.user.id);
    return { item: (await itemViews(db, [id]))[0] };
  });

  app.get('/api/v1/warehouses', { schema: { tags: ['reference'], summary: 'Warehouses' } }, async (req) => {
    requireUser(req);
    const rows = await db.kysely.selectFrom('warehouses').selectAll().where('is_transit', '=', 0).orderBy('code').execute();
    return { warehouses: rows.map((w) => ({ id: Number(w.id), code: w.code, name: w.name, negativeStock: w.negative_stock })) };
  });
  app.get('/api/v1/partners', { schema: { tags: ['reference'], summary: 'Partners (customers, suppliers)', querystring: Type.Object(Paging) } }, async (req) => {
    requireUser(req);
    const { limit = 50, offset = 0 } = req.query as { limit?: number; offset?: number };
    const rows = await db.kysely.selectFrom('partners').selectAll().orderBy('name').limit(limit).offset(offset).execute();
    return { partners: rows.map((p) => ({ id: Number(p.id), code: p.code, name: p.name, taxNumber: p.tax_number, kind: p.kind })) };
  });
  app.get('/api/v1/price-groups', { schema: { tags: ['reference'], summary: 'Price groups with their tax-included flag' } }, async (req) => {
    requireUser(req);
    const rows = await db.kysely.selectFrom('price_groups').selectAll().orderBy('code').execute();
    return { priceGroups: rows.map((g) => ({ id: Number(g.id), code: g.code, name: g.name, currency: g.currency, taxIncluded: !!g.tax_included, isDefault: !!g.is_default })) };
  });
  app.get('/api/v1/vat-groups', { schema: { tags: ['reference'], summary: 'VAT groups and rates' } }, async (req) => {
    requireUser(req);
    const rows = await db.kysely.selectFrom('vat_groups').selectAll().orderBy('code').execute();
    return { vatGroups: rows.map((g) => ({ id: Number(g.id), code: g.code, name: g.name, rate: g.rate })) };
  });
  app.get('/api/v1/series', { schema: { tags: ['reference'], summary: 'Number series' } }, async (req) => {
    requireUser(req);
    const rows = await db.kysely.selectFrom('number_series').selectAll().orderBy('code').orderBy('year').execute();
    return { series: rows.map((s) => ({ id: Number(s.id), code: s.code, documentType: s.doc_type, year: s.year, nextNumber: Number(s.next_number), format: s.format })) };
  });
  app.get('/api/v1/users', { schema: { tags: ['reference'], summary: 'Users and their groups' } }, async (req) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'users.view');
    const rows = await db.kysely.selectFrom('users').innerJoin('user_groups', 'user_groups.id', 'users.group_id').select(['users.id', 'users.username', 'users.name', 'users.language', 'users.active', 'user_groups.code as group']).orderBy('username').execute();
    return { users: rows.map((u) => ({ id: Number(u.id), username: u.username, name: u.name, language: u.language, active: !!u.active, group: u.group })) };
  });
  app.get(
    '/api/v1/stock',
    { schema: { tags: ['stock'], summary: 'Stock balances per item and warehouse', querystring: Type.Object({ ...Paging, warehouseId: Type.Optional(Type.Integer({ minimum: 1 })) }) } },
    async (req) => {
      requireUser(req);
      const { q, limit = 50, offset = 0, warehouseId } = req.query as { q?: string; limit?: number; offset?: number; warehouseId?: number };
      let base = db.kysely
        .selectFrom('stock_balances')
        .innerJoin('items', 'items.id', 'stock_balances.item_id')
        .innerJoin('warehouses', 'warehouses.id', 'stock_balances.warehouse_id');
      if (warehouseId) base = base.where('stock_balances.warehouse_id', '=', warehouseId);
      if (q) base = base.where((eb) => eb.or([eb('items.code', '=', q), nameContains(db, 'items.name', q)]));
      const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .select(['items.id as itemId', 'items.code', 'items.name', 'warehouses.id as warehouseId', 'warehouses.code as warehouseCode', 'stock_balances.quantity_milli', 'stock_balances.value_minor'])
        .orderBy('items.name')
        .limit(limit)
        .offset(offset)
        .execute();
      return {
        balances: rows.map((r) => ({
          itemId: Number(r.itemId),
          itemCode: r.code,
          itemName: r.name,
          warehouseId: Number(r.warehouseId),
          warehouseCode: r.warehouseCode,
          quantity: (Number(r.quantity_milli) / 1000).toFixed(3),
          valueMinor: Number(r.value_minor),
        })),
        total: Number(total.n),
      };
    },
  );
}
