// Online shop administration for the back office: shop API keys (the plain key is shown once, at creation),
// every shop's orders with their status history, status changes, and the webhook delivery log. Right: shop.admin.

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertRight } from '@kasa/domain';
import { ORDER_STATUSES, SHOP_SCOPES, changeOrderStatus, createApiKey, getOrder, listApiKeys, listDeliveries, listOrders, revokeApiKey, type OrderStatus } from '@kasa/integrations';
import type { RouteContext } from '../app';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Status = Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)));
const KeyBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, examples: ['Web shop'] }), scopes: Type.Array(Type.Union(SHOP_SCOPES.map((s) => Type.Literal(s))), { minItems: 1, maxItems: SHOP_SCOPES.length, uniqueItems: true }) },
  { additionalProperties: false },
);
const OrdersQuery = Type.Object({ status: Type.Optional(Status), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })) });
const StatusBody = Type.Object({ status: Status }, { additionalProperties: false });
const DeliveriesQuery = Type.Object({ orderId: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) });

export function registerShopAdminRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  // Registering twice (app.ts and a test) is harmless.
  if (app.hasDecorator('kasaShopAdminRoutes')) return;
  app.decorate('kasaShopAdminRoutes', true);
  const admin = (req: Parameters<typeof requireUser>[0]) => {
    const actor = requireUser(req);
    assertRight(actor.rights, 'shop.admin');
    return actor;
  };

  app.get('/api/v1/shop/api-keys', { schema: { tags: ['shop admin'], summary: 'Shop API keys (prefix and scopes; the key itself is never shown again)' } }, async (req) => {
    admin(req);
    return { apiKeys: await listApiKeys(db) };
  });
  app.post('/api/v1/shop/api-keys', { schema: { tags: ['shop admin'], summary: 'Create a key; the answer holds the plain key, shown this once', body: KeyBody } }, async (req, reply) => {
    admin(req);
    const { key, apiKey } = await createApiKey(db, req.body as Static<typeof KeyBody>);
    return reply.status(201).send({ key, apiKey });
  });
  app.post('/api/v1/shop/api-keys/:id/revoke', { schema: { tags: ['shop admin'], summary: 'Revoke a key at once', params: Id } }, async (req) => {
    admin(req);
    return { apiKey: await revokeApiKey(db, (req.params as Static<typeof Id>).id) };
  });

  app.get('/api/v1/shop/orders', { schema: { tags: ['shop admin'], summary: "Every shop's orders, newest first", querystring: OrdersQuery } }, async (req) => {
    admin(req);
    const q = req.query as Static<typeof OrdersQuery>;
    return { orders: await listOrders(db, null, { status: q.status as OrderStatus | undefined, limit: q.limit }) };
  });
  app.get('/api/v1/shop/orders/:id', { schema: { tags: ['shop admin'], summary: 'One order with lines and status history', params: Id } }, async (req) => {
    admin(req);
    return { order: await getOrder(db, null, (req.params as Static<typeof Id>).id) };
  });
  app.post('/api/v1/shop/orders/:id/status', { schema: { tags: ['shop admin'], summary: 'Move an order to the next status (the lifecycle decides what is allowed)', params: Id, body: StatusBody } }, async (req) => {
    admin(req);
    return { order: await changeOrderStatus(db, null, (req.params as Static<typeof Id>).id, (req.body as Static<typeof StatusBody>).status as OrderStatus) };
  });

  app.get('/api/v1/shop/deliveries', { schema: { tags: ['shop admin'], summary: 'Webhook delivery log with every attempt', querystring: DeliveriesQuery } }, async (req) => {
    admin(req);
    const q = req.query as Static<typeof DeliveriesQuery>;
    return { deliveries: await listDeliveries(db, null, { orderId: q.orderId, limit: q.limit }) };
  });
}
