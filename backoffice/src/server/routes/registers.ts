// Catalogue management the back office edits: an item's prices with history (a new price valid from a date, never
// overwriting an old one), partners, users, and the rights of user groups.

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertRight, DomainError } from '@kasa/domain';
import type { RouteContext } from '../app';
import { addUser } from '../../auth/users';
import { nextChangeSeq } from './catalogue';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-12-01'] });
const PriceBody = Type.Object(
  { priceGroupId: Type.Integer({ minimum: 1 }), priceMinor: Type.Integer({ minimum: 0, maximum: 1e12 }), validFrom: Day },
  { additionalProperties: false },
);
const PartnerBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 50 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Union([Type.Literal('supplier'), Type.Literal('customer'), Type.Literal('both')]),
    taxNumber: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    bankAccount: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
    priceGroupId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const UserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z0-9._-]{2,40}$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    group: Type.String({ minLength: 1, maxLength: 50 }),
    password: Type.Optional(Type.String({ minLength: 4, maxLength: 200 })),
    pin: Type.Optional(Type.String({ pattern: '^\\d{4,8}$' })),
    language: Type.Optional(Type.Union(['en', 'lv', 'ru', 'cs', 'hu'].map((l) => Type.Literal(l)))),
  },
  { additionalProperties: false },
);
const RightsBody = Type.Object({ rights: Type.Array(Type.String({ pattern: '^[a-z_]+(\\.[a-z_:0-9*]+)?$|^\\*$', maxLength: 80 }), { maxItems: 500 }) }, { additionalProperties: false });

export function registerRegisterRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  app.get('/api/v1/items/:id/prices', { schema: { tags: ['catalogue'], summary: "An item's prices in every price group, newest first, with the one in force today marked", params: Id } }, async (req) => {
    requireUser(req);
    const id = (req.params as Static<typeof Id>).id;
    const today = new Date().toISOString().slice(0, 10);
    const rows = await db.kysely
      .selectFrom('prices')
      .innerJoin('price_groups', 'price_groups.id', 'prices.price_group_id')
      .select(['prices.id', 'prices.price_group_id', 'price_groups.code', 'price_groups.currency', 'prices.price_minor', 'prices.valid_from', 'prices.created_at'])
      .where('prices.item_id', '=', id)
      .orderBy('price_groups.code')
      .orderBy('prices.valid_from', 'desc')
      .orderBy('prices.id', 'desc')
      .execute();
    const current = new Set<number>();
    const seen = new Set<number>();
    for (const r of rows)
      if (r.valid_from <= today && !seen.has(Number(r.price_group_id))) {
        seen.add(Number(r.price_group_id));
        current.add(Number(r.id));
      }
    return {
      prices: rows.map((r) => ({
        id: Number(r.id),
        priceGroupId: Number(r.price_group_id),
        priceGroupCode: r.code,
        currency: r.currency,
        priceMinor: Number(r.price_minor),
        validFrom: r.valid_from,
        createdAt: r.created_at,
        current: current.has(Number(r.id)),
      })),
    };
  });

  app.post('/api/v1/items/:id/prices', { schema: { tags: ['catalogue'], summary: 'A new price valid from a date (history is kept)', params: Id, body: PriceBody } }, async (req, reply) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'prices.edit');
    const id = (req.params as Static<typeof Id>).id;
    const body = req.body as Static<typeof PriceBody>;
    if (Number.isNaN(Date.parse(body.validFrom))) throw new DomainError('validation.date', { field: 'validFrom', value: body.validFrom }, 400);
    const item = await db.kysely.selectFrom('items').select('id').where('id', '=', id).executeTakeFirst();
    if (!item) throw new DomainError('item.unknown', { item: id }, 404);
    const group = await db.kysely.selectFrom('price_groups').select('id').where('id', '=', body.priceGroupId).executeTakeFirst();
    if (!group) throw new DomainError('validation.priceGroupId', { field: 'priceGroupId', detail: 'unknown price group' }, 400);
    const now = new Date().toISOString();
    const seq = await nextChangeSeq(db);
    const r = await db.kysely.transaction().execute(async (trx) => {
      const ins = await trx.insertInto('prices').values({ price_group_id: body.priceGroupId, item_id: id, price_minor: body.priceMinor, valid_from: body.validFrom, created_at: now }).returning('id').executeTakeFirstOrThrow();
      // The tills pick the item up again on their next catalogue sync.
      await trx.updateTable('items').set({ change_seq: seq, updated_at: now }).where('id', '=', id).execute();
      await trx.insertInto('audit_log').values({ at: now, user_id: actor.userId, action: 'price', entity: 'item', entity_id: String(id), before: null, after: JSON.stringify(body) }).execute();
      return ins;
    });
    return reply.status(201).send({ price: { id: Number(r.id), ...body } });
  });

  app.get('/api/v1/item-groups', { schema: { tags: ['catalogue'], summary: 'Item groups (a stocktake may count one group and its subgroups)' } }, async (req) => {
    requireUser(req);
    const rows = await db.kysely.selectFrom('item_groups').selectAll().orderBy('code').execute();
    return { itemGroups: rows.map((g) => ({ id: Number(g.id), code: g.code, name: g.name, parentId: g.parent_id === null ? null : Number(g.parent_id) })) };
  });

  const savePartner = async (id: number | null, body: Static<typeof PartnerBody>) => {
    const dup = await db.kysely.selectFrom('partners').select('id').where('code', '=', body.code).executeTakeFirst();
    if (dup && Number(dup.id) !== id) throw new DomainError('partner.code_taken', { code: body.code }, 409);
    const values = { code: body.code, name: body.name, kind: body.kind, tax_number: body.taxNumber ?? null, bank_account: body.bankAccount ?? null, price_group_id: body.priceGroupId ?? null };
    if (id === null) return Number((await db.kysely.insertInto('partners').values(values).returning('id').executeTakeFirstOrThrow()).id);
    // Fields left out of a change keep their value (the list does not carry the bank account, for one).
    const change = {
      code: values.code,
      name: values.name,
      kind: values.kind,
      ...(body.taxNumber !== undefined ? { tax_number: values.tax_number } : {}),
      ...(body.bankAccount !== undefined ? { bank_account: values.bank_account } : {}),
      ...(body.priceGroupId !== undefined ? { price_group_id: values.price_group_id } : {}),
    };
    const r = await db.kysely.updateTable('partners').set(change).where('id', '=', id).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new DomainError('partner.unknown', { partner: id }, 404);
    return id;
  };
  app.post('/api/v1/partners', { schema: { tags: ['reference'], summary: 'Create a partner', body: PartnerBody } }, async (req, reply) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'partners.edit');
    const id = await savePartner(null, req.body as Static<typeof PartnerBody>);
    return reply.status(201).send({ partner: { id, ...(req.body as object) } });
  });
  app.put('/api/v1/partners/:id', { schema: { tags: ['reference'], summary: 'Change a partner', params: Id, body: PartnerBody } }, async (req) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'partners.edit');
    const id = await savePartner((req.params as Static<typeof Id>).id, req.body as Static<typeof PartnerBody>);
    return { partner: { id, ...(req.body as object) } };
  });

  app.get('/api/v1/user-groups', { schema: { tags: ['reference'], summary: 'User groups with their rights' } }, async (req) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'users.view');
    const groups = await db.kysely.selectFrom('user_groups').selectAll().orderBy('code').execute();
    const rights = await db.kysely.selectFrom('group_rights').selectAll().execute();
    return {
      groups: groups.map((g) => ({ id: Number(g.id), code: g.code, name: g.name, rights: rights.filter((r) => Number(r.group_id) === Number(g.id)).map((r) => r.right_code).sort() })),
    };
  });
  app.put('/api/v1/user-groups/:id/rights', { schema: { tags: ['reference'], summary: "Replace a group's rights", params: Id, body: RightsBody } }, async (req) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'users.edit');
    const id = (req.params as Static<typeof Id>).id;
    const rights = [...new Set((req.body as Static<typeof RightsBody>).rights)].sort();
    await db.kysely.transaction().execute(async (trx) => {
      const g = await trx.selectFrom('user_groups').select('id').where('id', '=', id).executeTakeFirst();
      if (!g) throw new DomainError('user.group_unknown', { group: id }, 404);
      await trx.deleteFrom('group_rights').where('group_id', '=', id).execute();
      if (rights.length) await trx.insertInto('group_rights').values(rights.map((r) => ({ group_id: id, right_code: r }))).execute();
      await trx.insertInto('audit_log').values({ at: new Date().toISOString(), user_id: actor.userId, action: 'rights', entity: 'user_group', entity_id: String(id), before: null, after: JSON.stringify(rights) }).execute();
    });
    return { group: { id, rights } };
  });
  app.post('/api/v1/users', { schema: { tags: ['reference'], summary: 'Create a user in a group', body: UserBody } }, async (req, reply) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'users.edit');
    const id = await addUser(db, req.body as Static<typeof UserBody>);
    return reply.status(201).send({ user: { id, username: (req.body as Static<typeof UserBody>).username } });
  });
}
