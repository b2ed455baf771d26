// The till API the device bridge calls: the catalogue and price cache (incremental by a change cursor), cashiers
// with PIN hashes for offline login, and the receipt sync: each receipt is posted into the stock ledger exactly once,
// its uuid being the idempotency key, however often the bridge retries.

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { computeTotals, DomainError, isDomainError, type CurrencyCode } from '@kasa/domain';
import { announcePricesInForce, audit, createAndPost, markingCodeStatus, returnMarkingCode, sellMarkingCode, tillPriceGroup, tillWarehouseId, type Actor } from '@kasa/db';
import type { RouteContext } from '../app';
import { itemViews } from './catalogue';

const PAGE = 2000;

const ReceiptLine = Type.Object({
  itemId: Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: '^[1-9][0-9]{0,14}$' })]),
  quantity: Type.String({ pattern: '^[0-9]{1,9}(\\.[0-9]{1,3})?$' }),
  unitPriceMinor: Type.Integer({ minimum: 0, maximum: 1e12 }),
  discountMinor: Type.Integer({ minimum: 0, maximum: 1e12 }),
  vatRate: Type.Union([Type.String({ maxLength: 10 }), Type.Number()]),
  markingCode: Type.Optional(Type.String({ maxLength: 200 })),
});
const Receipt = Type.Object({
  uuid: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9-]+$' }),
  tillCode: Type.String({ minLength: 1, maxLength: 40 }),
  number: Type.String({ minLength: 1, maxLength: 60 }),
  type: Type.Union([Type.Literal('sale'), Type.Literal('return')]),
  originalUuid: Type.Optional(Type.String({ maxLength: 64 })),
  cashierId: Type.Union([Type.Integer({ minimum: 1 }), Type.String({ maxLength: 40 })]),
  shiftNumber: Type.Integer({ minimum: 0 }),
  createdAt: Type.String({ minLength: 10, maxLength: 40 }),
  currency: Type.String({ minLength: 3, maxLength: 3 }),
  lines: Type.Array(ReceiptLine, { minItems: 1, maxItems: 2000 }),
  payments: Type.Array(Type.Object({ method: Type.Union([Type.Literal('cash'), Type.Literal('card')]), amountMinor: Type.Integer({ minimum: 0, maximum: 1e12 }) }), { maxItems: 20 }),
});

export interface TillAccess {
  /** A shared secret the bridges send as `Authorization: Bearer …`; unset = tills on this machine only. */
  tillToken?: string;
}

function isLoopback(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}

export function registerTillRoutes(app: FastifyInstance, { db }: RouteContext, access: TillAccess = {}): void {
  const token = access.tillToken ?? process.env.KASA_TILL_TOKEN;
  const authorize = (req: FastifyRequest) => {
    if (req.user && (req.user.rights.includes('*') || req.user.rights.includes('till.sync'))) return;
    const auth = req.headers.authorization ?? '';
    if (token ? auth === `Bearer ${token}` : isLoopback(req.ip)) return;
    throw new DomainError('auth.till_token', {}, 401);
  };

  app.get(
    '/api/v1/till/catalogue',
    {
      schema: {
        tags: ['till'],
        summary: "Items and prices changed since a cursor, in pages; prices of the till's price group (setting till.price_groups), VAT included",
        querystring: Type.Object({ since: Type.Optional(Type.String({ pattern: '^[0-9]{0,15}$' })), till: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' })) }),
      },
    },
    async (req) => {
      authorize(req);
      await announcePricesInForce(db);
      const { since: sinceText, till } = req.query as { since?: string; till?: string };
      const since = Number(sinceText || 0);
      const group = await tillPriceGroup(db.kysely, till);
      const rows = await db.kysely
        .selectFrom('items')
        .select(['id', 'change_seq'])
        .where('change_seq', '>', since)
        .orderBy('change_seq')
        .orderBy('id')
        .limit(PAGE)
        .execute();
      // The cursor is a change number; two items may share one (changed concurrently), so a page never ends inside
      // such a group: the rest of the last number's items come along, or the next page would skip them.
      const last = rows.at(-1);
      if (rows.length === PAGE && last)
        rows.push(...(await db.kysely.selectFrom('items').select(['id', 'change_seq']).where('change_seq', '=', last.change_seq).where('id', '>', last.id).orderBy('id').execute()));
      const views = await itemViews(db, rows.map((r) => Number(r.id)), group);
      // The till shows and sells gross prices: a group priced without VAT gets it added, rounded per unit.
      const gross = (v: (typeof views)[number]) =>
        v.priceMinor === null || v.taxIncluded
          ? (v.priceMinor ?? 0)
          : computeTotals([{ quantity: 1, unitPriceMinor: v.priceMinor, vatRate: v.vatRate }], { currency: v.currency as CurrencyCode, pricesIncludeTax: false, vatRounding: 'line' }).gross.toMinor();
      return {
        items: views.map((v) => ({
          id: v.id,
          code: v.code,
          name: v.name,
          unit: v.unit,
          weighted: v.weighted,
          marked: v.marked,
          vatRate: v.vatRate,
          priceMinor: gross(v),
          currency: v.currency,
          barcodes: v.barcodes,
          ...(v.active ? {} : { deleted: true }),
        })),
        cursor: String(last ? Number(last.change_seq) : since),
        complete: rows.length < PAGE,
      };
    },
  );

  app.get('/api/v1/till/cashiers', { schema: { tags: ['till'], summary: 'Cashiers with PIN hashes (scrypt) so a till checks PINs offline' } }, async (req) => {
    authorize(req);
    const users = await db.kysely
      .selectFrom('users')
      .innerJoin('user_groups', 'user_groups.id', 'users.group_id')
      .select(['users.id', 'users.name', 'users.pin_hash', 'users.language', 'users.group_id'])
      .where('users.active', '=', 1)
      .where('users.pin_hash', 'is not', null)
      .execute();
    const rights = await db.kysely.selectFrom('group_rights').select(['group_id', 'right_code']).execute();
    return {
      cashiers: users.map((u) => ({
        id: Number(u.id),
        name: u.name,
        pinHash: u.pin_hash ?? '',
        language: u.language,
        rights: rights.filter((r) => Number(r.group_id) === Number(u.group_id)).map((r) => r.right_code),
      })),
    };
  });

  app.post(
    '/api/v1/till/receipts',
    {
      schema: {
        tags: ['till'],
        summary: 'Post a till receipt into the ledger once; Idempotency-Key is the receipt uuid',
        body: Receipt,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 64 })) }),
      },
    },
    async (req) => {
      authorize(req);
      const r = req.body as Static<typeof Receipt>;
      const key = (req.headers['idempotency-key'] as string | undefined) ?? r.uuid;
      if (key !== r.uuid) throw new DomainError('till.key_mismatch', { key, uuid: r.uuid }, 400);
      const warehouseId = await tillWarehouseId(db.kysely, r.tillCode);
      const cashier = Number(r.cashierId);
      const actor: Actor = { userId: Number.isSafeInteger(cashier) && cashier > 0 ? cashier : null, rights: ['*'] };
      const { document, duplicate } = await createAndPost(db, actor, {
        type: r.type === 'sale' ? 'sale' : 'sale_return',
        date: r.createdAt.slice(0, 10),
        warehouseId,
        idempotencyKey: `till:${r.uuid}`,
        reason: r.type === 'return' && r.originalUuid ? `return of ${r.originalUuid}` : null,
        payload: { tillCode: r.tillCode, receiptNumber: r.number, shiftNumber: r.shiftNumber, cashierId: r.cashierId, createdAt: r.createdAt, payments: r.payments, originalUuid: r.originalUuid, markingCodes: r.lines.map((l) => l.markingCode ?? null) },
        pricesIncludeTax: true,
        lines: r.lines.map((l) => ({ itemId: Number(l.itemId), quantity: l.quantity, priceMinor: l.unitPriceMinor, discountMinor: l.discountMinor || undefined })),
      });
      // Marked units: each code is sold once and returned once. The sale already happened at the till, so a code
      // the ledger does not know or already sold is not a reason to refuse the receipt: it is recorded and reported.
      const warnings: Array<{ code: string; markingCode: string; params: Record<string, unknown> }> = [];
      if (!duplicate) {
        for (const l of r.lines) {
          if (!l.markingCode) continue;
          try {
            if (r.type === 'sale') await sellMarkingCode(db.kysely, { code: l.markingCode, saleDocumentId: document.id, itemId: Number(l.itemId) });
            else await returnMarkingCode(db.kysely, { code: l.markingCode, returnDocumentId: document.id });
          } catch (e) {
            if (!isDomainError(e)) throw e;
            warnings.push({ code: e.code, markingCode: l.markingCode, params: e.params });
          }
        }
        if (warnings.length)
          await audit(db.kysely, { userId: actor.userId, action: 'marking_warning', entity: 'document', entityId: document.id, after: { warnings } });
      }
      return { status: duplicate ? 'duplicate' : 'posted', documentId: document.id, number: document.number, ...(warnings.length ? { warnings } : {}) };
    },
  );

  app.post(
    '/api/v1/till/marking/check',
    {
      schema: {
        tags: ['till'],
        summary: 'Whether a marked unit may be sold (or returned) now: its GS1 code parsed and its status in the ledger',
        body: Type.Object({ code: Type.String({ minLength: 16, maxLength: 200 }), itemId: Type.Optional(Type.Integer({ minimum: 1 })), operation: Type.Optional(Type.Union([Type.Literal('sale'), Type.Literal('return')])) }),
      },
    },
    async (req) => {
      authorize(req);
      const { code, itemId, operation = 'sale' } = req.body as { code: string; itemId?: number; operation?: 'sale' | 'return' };
      const unit = await markingCodeStatus(db.kysely, code);
      if (itemId !== undefined && unit && unit.itemId !== itemId) throw new DomainError('marking.wrong_item', { code, item: itemId }, 409);
      const allowed = operation === 'sale' ? unit?.status === 'received' || unit?.status === 'returned' : unit?.status === 'sold';
      return { code, status: unit?.status ?? 'unknown', allowed, itemId: unit?.itemId ?? null };
    },
  );
}
