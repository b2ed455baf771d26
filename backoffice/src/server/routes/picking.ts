// Picking online orders on the warehouse handheld, and fiscalizing paid ones on the store's fiscal register.
// Picking: the open orders (reserved or being picked), each order's pick list in walking order, scans confirming
// picked quantities (with agreed substitutes), and Finish making the order ready. Items have no shelf location yet:
// the walking order is the item group's code, then the item's code (a store lays its aisles out by group).
// Fiscalizing: the receipt goes through the device bridge named in the settings (labels.bridge_url/token, the
// store's one bridge); a background fiscalizer sends it as soon as an order is paid and retries failures later.

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertRight, DomainError } from '@kasa/domain';
import { readSettings, type Db } from '@kasa/db';
import { changeOrderStatus, fiscalizeOrder, getOrder, listOrders, pickOrder, startFiscalizer, type FiscalBridge, type OrderView } from '@kasa/integrations';
import { withIdempotency } from '../idempotency';
import type { RouteContext } from '../app';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const PickLine = Type.Object(
  {
    itemCode: Type.String({ minLength: 1, maxLength: 64 }),
    quantity: Type.Number({ minimum: 0, description: 'What has been picked of this item in total (not added to earlier picks); kg with up to 3 decimals for weighed goods' }),
    substituteFor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "The ordered item's code this one replaces (only if the order allows substitutions)" })),
  },
  { additionalProperties: false },
);
const PickBody = Type.Object({ lines: Type.Array(PickLine, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false });
const ReadyBody = Type.Object({ lines: Type.Optional(Type.Array(PickLine, { maxItems: 1000 })) }, { additionalProperties: false });
const IdemHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) });

export interface PickListLine {
  lineNo: number;
  itemCode: string;
  itemName: string;
  unit: string;
  weighted: boolean;
  /** The walking order's first key: the item group's code ('' for items without a group, walked last). */
  location: string;
  barcodes: string[];
  quantity: number;
  pickedQuantity: number | null;
  substituteFor: string | null;
}

function keyOf(req: FastifyRequest): string | undefined {
  const k = req.headers['idempotency-key'];
  return Array.isArray(k) ? k[0] : k;
}

/** The order's lines in walking order (group code, then item code), with the barcodes a scan is checked against. */
export async function pickList(db: Db, order: OrderView): Promise<PickListLine[]> {
  const codes = [...new Set(order.lines.map((l) => l.itemCode))];
  if (codes.length === 0) return [];
  const items = await db.kysely
    .selectFrom('items')
    .leftJoin('item_groups', 'item_groups.id', 'items.group_id')
    .select(['items.id', 'items.code', 'items.weighted', 'item_groups.code as groupCode'])
    .where('items.code', 'in', codes)
    .execute();
  const barcodes = await db.kysely
    .selectFrom('barcodes')
    .select(['code', 'item_id'])
    .where(
      'item_id',
      'in',
      items.map((i) => Number(i.id)),
    )
    .orderBy('code')
    .execute();
  const byCode = new Map(items.map((i) => [i.code, i]));
  const lines = order.lines.map((l) => {
    const it = byCode.get(l.itemCode);
    return {
      lineNo: l.lineNo,
      itemCode: l.itemCode,
      itemName: l.itemName,
      unit: l.unit,
      weighted: Boolean(it?.weighted),
      location: it?.groupCode ?? '',
      barcodes: barcodes.filter((b) => it && Number(b.item_id) === Number(it.id)).map((b) => b.code),
      quantity: l.quantity,
      pickedQuantity: l.pickedQuantity,
      substituteFor: l.substituteFor,
    };
  });
  const walk = (a: PickListLine, b: PickListLine) =>
    (a.location === '' ? 1 : 0) - (b.location === '' ? 1 : 0) || a.location.localeCompare(b.location) || a.itemCode.localeCompare(b.itemCode) || a.lineNo - b.lineNo;
  return lines.sort(walk);
}

/**
 * The store's bridge from the settings, or null when none is configured. Printing on its own (`explicit`) needs the
 * address saved in the settings, not just the default 127.0.0.1:7070, so a server never sends receipts unasked.
 */
export async function storeBridge(db: Db, explicit = false): Promise<FiscalBridge | null> {
  if (explicit) {
    const row = await db.kysely.selectFrom('settings').select('value').where('key', '=', 'labels.bridge_url').executeTakeFirst();
    if (!row?.value) return null;
  }
  const s = await readSettings(db.kysely);
  const url = s['labels.bridge_url'];
  return url ? { url, token: s['labels.bridge_token'] ?? '' } : null;
}

const OPEN_FOR_PICKING = ['reserved', 'picking'] as const;

export function registerPickingRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  const terminalUser = (req: FastifyRequest) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'terminal.use');
    return actor;
  };
  const view = async (id: number) => {
    const order = await getOrder(db, null, id);
    return { order: { ...order, lines: undefined }, lines: await pickList(db, order) };
  };

  app.get('/api/v1/picking/orders', { schema: { tags: ['picking'], summary: 'Online orders to pick (reserved or being picked), oldest first' } }, async (req) => {
    terminalUser(req);
    const lists = await Promise.all(OPEN_FOR_PICKING.map((status) => listOrders(db, null, { status, limit: 200 })));
    return { orders: lists.flat().sort((a, b) => a.id - b.id) };
  });

  app.get('/api/v1/picking/orders/:id', { schema: { tags: ['picking'], summary: "An order's pick list in walking order (item group code, then item code), with barcodes", params: Id } }, async (req) => {
    terminalUser(req);
    return view((req.params as Static<typeof Id>).id);
  });

  app.post(
    '/api/v1/picking/orders/:id/pick',
    { schema: { tags: ['picking'], summary: 'Picked quantities (totals per item) from the handheld; a reserved order starts picking. Send an Idempotency-Key', params: Id, body: PickBody, headers: IdemHeaders } },
    async (req, reply) => {
      terminalUser(req);
      const id = (req.params as Static<typeof Id>).id;
      const body = req.body as Static<typeof PickBody>;
      const r = await withIdempotency(db, `picking:${id}`, keyOf(req), body, async () => {
        await pickOrder(db, null, id, body.lines);
        return { statusCode: 200, body: await view(id) };
      });
      if (r.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(r.statusCode).send(r.body);
    },
  );

  app.post(
    '/api/v1/picking/orders/:id/ready',
    { schema: { tags: ['picking'], summary: 'Finish picking: the last picked totals (optional) and the order becomes ready. Send an Idempotency-Key', params: Id, body: ReadyBody, headers: IdemHeaders } },
    async (req, reply) => {
      terminalUser(req);
      const id = (req.params as Static<typeof Id>).id;
      const body = (req.body ?? {}) as Static<typeof ReadyBody>;
      const r = await withIdempotency(db, `picking-ready:${id}`, keyOf(req), body, async () => {
        await changeOrderStatus(db, null, id, 'ready', body.lines);
        return { statusCode: 200, body: await view(id) };
      });
      if (r.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(r.statusCode).send(r.body);
    },
  );

  // ---- fiscalizing paid orders
  const fiscalizer = startFiscalizer({ db, bridge: () => storeBridge(db, true), onError: (e) => app.log.warn({ err: e }, 'fiscalizing an online order failed') });
  app.addHook('onClose', () => fiscalizer.close());
  // A status change through the shop's API or this server may have made an order paid: look at once.
  app.addHook('onResponse', async (req, reply) => {
    if (req.method === 'POST' && reply.statusCode < 300 && /\/orders\/\d+\/status$/.test(req.url.split('?')[0] ?? '')) fiscalizer.wake();
  });

  app.post(
    '/api/v1/shop-orders/:id/fiscalize',
    {
      schema: {
        tags: ['shop orders'],
        summary: "Print a paid online order's fiscal receipt on the store's register through the bridge (key shop-order-<id>-fiscal, printed once); paid → fiscalized. 200 done, 202 still printing, 502 failed (the order stays paid)",
        params: Id,
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      assertRight(actor.rights, 'sale.post');
      const bridge = await storeBridge(db);
      if (!bridge) throw new DomainError('labels.bridge_missing', {}, 409);
      const r = await fiscalizeOrder(db, (req.params as Static<typeof Id>).id, bridge, { userId: actor.user.id });
      return reply.status(r.state === 'done' ? 200 : r.state === 'pending' ? 202 : 502).send(r);
    },
  );
}
