// Warehouse document flows over HTTP: make a document from another (receiving from a supplier order, return from a
// receiving), see what a document was made from and ordered against received, receive a transfer with differences.

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '@kasa/domain';
import { createDocument, deriveDocument, documentRelations, getDocument, postDocument } from '@kasa/db';
import { withIdempotency } from '../idempotency';
import type { RouteContext } from '../app';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Quantity = Type.String({ pattern: '^[0-9]{1,9}(\\.[0-9]{1,3})?$', description: 'Decimal with up to 3 places' });
const DeriveBody = Type.Object(
  {
    type: Type.Union([Type.Literal('receiving'), Type.Literal('supplier_return')], { description: 'receiving from a supplier order; supplier_return from a receiving' }),
    date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  },
  { additionalProperties: false },
);
const ReceiveBody = Type.Object(
  { lines: Type.Array(Type.Object({ itemId: Type.Integer({ minimum: 1 }), quantity: Quantity }, { additionalProperties: false }), { maxItems: 10000 }) },
  { additionalProperties: false },
);

const CountedBody = Type.Object(
  {
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    lines: Type.Array(Type.Object({ itemId: Type.Integer({ minimum: 1 }), quantity: Quantity }, { additionalProperties: false }), { minItems: 1, maxItems: 10000 }),
  },
  { additionalProperties: false },
);

function keyOf(req: FastifyRequest): string | undefined {
  const k = req.headers['idempotency-key'];
  return Array.isArray(k) ? k[0] : k;
}

export function registerWarehouseRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  app.post(
    '/api/v1/documents/:id/derive',
    { schema: { tags: ['documents'], summary: 'A new draft made from this document: receiving by supplier order (what is still to come, order prices) or return to supplier from a receiving', params: Id, body: DeriveBody } },
    async (req, reply) => {
      const actor = requireUser(req);
      const { type, date } = req.body as Static<typeof DeriveBody>;
      const document = await deriveDocument(db, actor, (req.params as Static<typeof Id>).id, type, date);
      return reply.status(201).send({ document });
    },
  );

  app.get(
    '/api/v1/documents/:id/relations',
    { schema: { tags: ['documents'], summary: 'The base document, documents made from this one, and ordered against received per item', params: Id } },
    async (req) => {
      requireUser(req);
      return documentRelations(db, (req.params as Static<typeof Id>).id);
    },
  );

  app.post(
    '/api/v1/documents/:id/receivings',
    {
      schema: {
        tags: ['documents'],
        summary: "A receiving draft against a supplier order with what a terminal counted (the order's warehouse, supplier and prices); send the task's Idempotency-Key",
        params: Id,
        body: CountedBody,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      const id = (req.params as Static<typeof Id>).id;
      const body = req.body as Static<typeof CountedBody>;
      const r = await withIdempotency(db, `order-receivings:${id}`, keyOf(req), body, async () => {
        const order = await getDocument(db, id);
        if (order.type !== 'supplier_order') throw new DomainError('document.derive_forbidden', { number: order.number, type: 'receiving' }, 400);
        const document = await createDocument(db, actor, { type: 'receiving', date: body.date, warehouseId: order.warehouseId, partnerId: order.partnerId, baseDocumentId: id, reason: order.number, lines: body.lines });
        return { statusCode: 201, body: { document } };
      });
      if (r.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.status(r.statusCode).send(r.body);
    },
  );

  app.post(
    '/api/v1/documents/:id/receive',
    {
      schema: {
        tags: ['documents'],
        summary: 'Receive a transfer in transit with what actually arrived; missing goods leave transit as a recorded loss (items not listed arrived in full)',
        params: Id,
        body: ReceiveBody,
      },
    },
    async (req) => {
      const actor = requireUser(req);
      const { lines } = req.body as Static<typeof ReceiveBody>;
      return { document: await postDocument(db, actor, (req.params as Static<typeof Id>).id, 'post', { received: lines }) };
    },
  );
}
