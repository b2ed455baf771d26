// The order API for online shops under /api/shop/v1: API-key auth with scopes and a rate limit per key, catalogue and
// stock feeds, idempotent orders, lifecycle, picking, webhooks, and its own OpenAPI document and docs page.
// Routes only translate HTTP to the order store; errors are DomainErrors, answered by the host's error handler.

import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {} from '@fastify/swagger';
import { Type } from '@sinclair/typebox';
import { DomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';
import { authenticateApiKey, requireScope, type AuthenticatedKey, type ShopScope } from './api-keys';
import { TokenBuckets, type RateLimit } from './rate-limit';
import { cataloguePage, stockPage } from './feeds';
import { changeOrderStatus, createOrder, getOrder, listOrders, pickOrder } from './orders';
import {
  listDeliveries,
  listWebhooks,
  registerWebhook,
  removeWebhook,
  startWebhookDispatcher,
  type DispatcherOptions,
} from './webhooks';
import {
  CataloguePageSchema,
  CreateOrderBody,
  CursorQuery,
  DeliveriesQuery,
  IdempotencyHeaders,
  OrderIdParams,
  OrderListQuery,
  OrderListSchema,
  OrderSchema,
  PickBody,
  StatusBody,
  StockPageSchema,
  StockQuery,
  WebhookBody,
  WebhookCreatedSchema,
  WebhookIdParams,
  WebhookSchema,
} from './schemas';
import { buildOpenApi, docsPage, SHOP_API_PREFIX } from './openapi';
import { translateShopError } from './messages';

export { SHOP_API_PREFIX };

export interface ShopApiOptions {
  db: Db;
  webhookFetch?: typeof fetch;
  /** Requests per second and burst per API key (default 20/s, burst 40; see rateLimitPerMinute). Always on. */
  rateLimit?: RateLimit;
  /** Dispatcher timing (poll interval, backoff); the defaults suit production. */
  webhooks?: Omit<DispatcherOptions, 'fetch'>;
}

declare module 'fastify' {
  interface FastifyRequest {
    shopKey: AuthenticatedKey | null;
  }
  interface FastifyContextConfig {
    shopScope?: ShopScope;
  }
}

function key(req: FastifyRequest): AuthenticatedKey {
  if (!req.shopKey) throw new DomainError('auth.api_key_invalid', {}, 401);
  return req.shopKey;
}

export async function registerShopApi(app: FastifyInstance, opts: ShopApiOptions): Promise<{ close(): Promise<void> }> {
  const { db } = opts;
  const dispatcher = startWebhookDispatcher(db, { ...opts.webhooks, fetch: opts.webhookFetch });
  const buckets = new TokenBuckets(opts.rateLimit);
  const routes: RouteOptions[] = [];
  let openapi: ReturnType<typeof buildOpenApi> | null = null;

  await app.register(
    async (plain) => {
      const api = plain.withTypeProvider<TypeBoxTypeProvider>();
      api.addHook('onRoute', (r) => {
        routes.push(r);
      });
      api.decorateRequest('shopKey', null);
      api.addHook('onRequest', async (req, reply) => {
        const scope = req.routeOptions.config.shopScope;
        if (!scope) return;
        req.shopKey = await authenticateApiKey(db, req.headers.authorization);
        requireScope(req.shopKey, scope);
        const wait = buckets.take(String(req.shopKey.id));
        if (wait > 0) {
          // Answered here rather than thrown: the Retry-After header must survive the host's error handler.
          return reply
            .status(429)
            .header('retry-after', String(wait))
            .send({
              error: {
                code: 'rate_limited',
                message: translateShopError('rate_limited', { seconds: wait }, req.headers['accept-language']),
                params: { seconds: wait },
              },
            });
        }
      });
      api.addHook('onClose', async () => dispatcher.close());

      api.get('/openapi.json', { schema: { hide: true } }, async () => (openapi ??= buildOpenApi(routes)));
      api.get('/docs', { schema: { hide: true } }, async (_req, reply) =>
        reply.type('text/html; charset=utf-8').send(docsPage((openapi ??= buildOpenApi(routes)))),
      );

      api.get(
        '/catalogue',
        {
          config: { shopScope: 'catalogue:read' },
          schema: {
            hide: true,
            tags: ['catalogue'],
            summary: 'Items with barcodes and prices, changed since a cursor',
            description:
              'Pages through items in the order they changed. Store nextCursor and pass it next time to get only what changed since.',
            querystring: CursorQuery,
            response: { 200: CataloguePageSchema },
          },
        },
        async (req) => cataloguePage(db, req.query),
      );

      api.get(
        '/stock',
        {
          config: { shopScope: 'stock:read' },
          schema: {
            hide: true,
            tags: ['stock'],
            summary: 'Availability per warehouse (on hand − reserved), changed since a cursor',
            querystring: StockQuery,
            response: { 200: StockPageSchema },
          },
        },
        async (req) => stockPage(db, req.query),
      );

      api.post(
        '/orders',
        {
          config: { shopScope: 'orders:write' },
          schema: {
            hide: true,
            tags: ['orders'],
            summary: 'Create an order and reserve its stock',
            description:
              'Requires an Idempotency-Key header. The same key with the same body returns the same order (200); the same key with another body is refused (409 idempotency.conflict). ' +
              'An item short of stock is refused with 409 stock.insufficient naming the item.',
            headers: IdempotencyHeaders,
            body: CreateOrderBody,
            response: { 200: OrderSchema, 201: OrderSchema },
          },
        },
        async (req, reply) => {
          const r = await createOrder(db, key(req).id, req.headers['idempotency-key'], req.body);
          return reply.status(r.created ? 201 : 200).send(r.order);
        },
      );

      api.get(
        '/orders',
        {
          config: { shopScope: 'orders:write' },
          schema: {
            hide: true,
            tags: ['orders'],
            summary: "This shop's orders, newest first",
            querystring: OrderListQuery,
            response: { 200: OrderListSchema },
          },
        },
        async (req) => ({ orders: await listOrders(db, key(req).id, req.query) }),
      );

      api.get(
        '/orders/:id',
        {
          config: { shopScope: 'orders:write' },
          schema: {
            hide: true,
            tags: ['orders'],
            summary: 'An order with its lines, picked quantities and status history',
            params: OrderIdParams,
            response: { 200: OrderSchema },
          },
        },
        async (req) => getOrder(db, key(req).id, req.params.id),
      );

      api.post(
        '/orders/:id/status',
        {
          config: { shopScope: 'orders:write' },
          schema: {
            hide: true,
            tags: ['orders'],
            summary: 'Move an order to its next status',
            description:
              'new → reserved → picking → ready → paid → fiscalized → shipped → delivered → closed (paid on delivery: ready → shipped → delivered → paid → fiscalized → closed); ' +
              'cancelled from any status before shipped releases the reservation. An illegal change is 409 order.transition with from and to. Shipping posts the sale once.',
            params: OrderIdParams,
            body: StatusBody,
            response: { 200: OrderSchema },
          },
        },
        async (req) => changeOrderStatus(db, key(req).id, req.params.id, req.body.status, req.body.lines),
      );

      api.post(
        '/orders/:id/pick',
        {
          config: { shopScope: 'orders:write' },
          schema: {
            hide: true,
            tags: ['orders'],
            summary: 'Record picked quantities, partial picks and agreed substitutes',
            description:
              'A reserved order starts picking. The reservation follows the picked quantities; a substitute needs stock of its own.',
            params: OrderIdParams,
            body: PickBody,
            response: { 200: OrderSchema },
          },
        },
        async (req) => pickOrder(db, key(req).id, req.params.id, req.body.lines),
      );

      api.post(
        '/webhooks',
        {
          config: { shopScope: 'orders:write' },
          schema: {
            hide: true,
            tags: ['webhooks'],
            summary: 'Register a URL for order status events',
            description:
              'Each status change is POSTed as JSON with X-Kasa-Event-Id and X-Kasa-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>. ' +
              'Events of one order arrive in order; a non-2xx answer is retried after 1 s, 2 s, 4 s … up to 5 min.',
            body: WebhookBody,
            response: { 201: WebhookCreatedSchema },
          },
        },
        async (req, reply) => reply.status(201).send(await registerWebhook(db, key(req).id, req.body)),
      );

      api.get(
        '/webhooks',
        {
          config: { shopScope: 'orders:write' },
          schema: {
            hide: true,
            tags: ['webhooks'],
            summary: 'Registered webhooks',
            response: { 200: Type.Object({ webhooks: Type.Array(WebhookSchema) }) },
          },
        },
        async (req) => ({ webhooks: await listWebhooks(db, key(req).id) }),
      );

      api.delete(
        '/webhooks/:id',
        {
          config: { shopScope: 'orders:write' },
          schema: { hide: true, tags: ['webhooks'], summary: 'Stop a webhook', params: WebhookIdParams },
        },
        async (req, reply) => {
          await removeWebhook(db, key(req).id, req.params.id);
          return reply.status(204).send();
        },
      );

      api.get(
        '/webhooks/deliveries',
        {
          config: { shopScope: 'orders:write' },
          schema: {
            hide: true,
            tags: ['webhooks'],
            summary: 'Delivery log: each event, its attempts and answers',
            querystring: DeliveriesQuery,
          },
        },
        async (req) => ({ deliveries: await listDeliveries(db, key(req).id, req.query) }),
      );
    },
    { prefix: SHOP_API_PREFIX },
  );

  return { close: () => dispatcher.close() };
}
