// Stocktake over HTTP: start one (book quantities frozen), terminals send counts with an Idempotency-Key each,
// the differences view, a manager settles a twice-counted item, and posting makes the surplus and shortage.

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addStocktakeCount, postStocktake, startStocktake, stocktakeDifferences } from '@kasa/db';
import type { RouteContext } from '../app';
import { withIdempotency } from '../idempotency';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Quantity = Type.String({ pattern: '^[0-9]{1,9}(\\.[0-9]{1,3})?$', description: 'Counted quantity, 0 allowed', examples: ['12.000'] });
const StartBody = Type.Object(
  {
    warehouseId: Type.Integer({ minimum: 1 }),
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    itemGroupId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    duplicates: Type.Optional(Type.Union([Type.Literal('sum'), Type.Literal('flag')], { description: 'An item counted twice: sum the counts, or flag it for a recount' })),
  },
  { additionalProperties: false },
);
const CountBody = Type.Object(
  {
    itemId: Type.Integer({ minimum: 1 }),
    quantity: Quantity,
    countedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the person counted (the terminal stamps it; a queued count keeps it)' })),
    device: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
const ResolveBody = Type.Object({ itemId: Type.Integer({ minimum: 1 }), quantity: Quantity }, { additionalProperties: false });
const KeyHeader = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) });

function keyOf(req: FastifyRequest): string | undefined {
  const k = req.headers['idempotency-key'];
  return Array.isArray(k) ? k[0] : k;
}

function send(reply: FastifyReply, r: { statusCode: number; body: unknown; replayed: boolean }) {
  if (r.replayed) void reply.header('idempotent-replayed', 'true');
  return reply.status(r.statusCode).send(r.body);
}

export function registerStocktakeRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  app.post(
    '/api/v1/stocktakes',
    { schema: { tags: ['stocktake'], summary: 'Start a stocktake of a warehouse (optionally an item group): book quantities are frozen now', body: StartBody, headers: KeyHeader } },
    async (req, reply) => {
      const actor = requireUser(req);
      const body = req.body as Static<typeof StartBody>;
      const r = await withIdempotency(db, `stocktakes:${actor.userId}`, keyOf(req), body, async () => ({ statusCode: 201, body: { document: await startStocktake(db, actor, body) } }));
      return send(reply, r);
    },
  );

  app.get('/api/v1/stocktakes/:id', { schema: { tags: ['stocktake'], summary: 'The stocktake with book, expected, counted and difference per item', params: Id } }, async (req) => {
    requireUser(req);
    return stocktakeDifferences(db, (req.params as Static<typeof Id>).id);
  });

  app.post(
    '/api/v1/stocktakes/:id/counts',
    { schema: { tags: ['stocktake'], summary: 'One count from a terminal; send an Idempotency-Key per count so a retry is not counted twice', params: Id, body: CountBody, headers: KeyHeader } },
    async (req, reply) => {
      const actor = requireUser(req);
      const id = (req.params as Static<typeof Id>).id;
      const body = req.body as Static<typeof CountBody>;
      const key = keyOf(req);
      const r = await withIdempotency(db, `stocktake-counts:${id}`, key, body, async () => ({
        statusCode: 200,
        body: { row: await addStocktakeCount(db, actor, id, { ...body, key: key ?? null }) },
      }));
      return send(reply, r);
    },
  );

  app.post(
    '/api/v1/stocktakes/:id/resolve',
    { schema: { tags: ['stocktake'], summary: "Settle an item's counted quantity (replaces its earlier counts); needs stocktake.post", params: Id, body: ResolveBody } },
    async (req) => {
      const actor = requireUser(req);
      const body = req.body as Static<typeof ResolveBody>;
      return { row: await addStocktakeCount(db, actor, (req.params as Static<typeof Id>).id, { ...body, resolution: true }) };
    },
  );

  app.post('/api/v1/stocktakes/:id/post', { schema: { tags: ['stocktake'], summary: 'Post: surplus and shortage documents through the engine, in one transaction', params: Id } }, async (req) => {
    const actor = requireUser(req);
    return postStocktake(db, actor, (req.params as Static<typeof Id>).id);
  });
}
