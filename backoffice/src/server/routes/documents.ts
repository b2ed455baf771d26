// Stock documents over HTTP: list with filters and paging, create drafts (with an Idempotency-Key for retried
// sends), edit a draft's lines, and the PayTraq buttons: post, dispatch, approve, storno, annul, copy, close.

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DOCUMENT_TYPES, DomainError, type DocumentType } from '@kasa/domain';
import {
  addDraftLine,
  annulDocument,
  closeDocument,
  copyDocument,
  createDocument,
  getDocument,
  postDocument,
  setDraftLines,
  stornoDocument,
  submitDocument,
  type DocumentView,
} from '@kasa/db';
import type { RouteContext } from '../app';
import { withIdempotency } from '../idempotency';

const Quantity = Type.String({ pattern: '^[0-9]{1,9}(\\.[0-9]{1,3})?$', description: 'Decimal with up to 3 places, e.g. "1.250"', examples: ['2.000'] });
const Minor = Type.Integer({ minimum: 0, maximum: 1e12, description: 'Integer minor units (cents)' });
const Line = Type.Object(
  { itemId: Type.Integer({ minimum: 1 }), quantity: Quantity, priceMinor: Type.Optional(Minor), discountMinor: Type.Optional(Minor) },
  { additionalProperties: false },
);
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const DocType = Type.Union(DOCUMENT_TYPES.map((t) => Type.Literal(t)));
const CreateBody = Type.Object(
  {
    type: DocType,
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-11-23'] }),
    warehouseId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    toWarehouseId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    partnerId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    reason: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    seriesCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    lines: Type.Array(Line, { maxItems: 10000 }),
  },
  { additionalProperties: false },
);
const LinesBody = Type.Object({ lines: Type.Array(Line, { maxItems: 10000 }), version: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false });
const StornoBody = Type.Object({ date: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) });
const ListQuery = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.String({ maxLength: 40 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

function idempotencyKey(req: FastifyRequest): string | undefined {
  const k = req.headers['idempotency-key'];
  return Array.isArray(k) ? k[0] : k;
}

function send(reply: FastifyReply, r: { statusCode: number; body: unknown; replayed: boolean }) {
  if (r.replayed) void reply.header('idempotent-replayed', 'true');
  return reply.status(r.statusCode).send(r.body);
}

export function registerDocumentRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  app.get('/api/v1/documents', { schema: { tags: ['documents'], summary: 'List documents with filters and paging', querystring: ListQuery } }, async (req) => {
    requireUser(req);
    const { type, status, q, from, to, limit = 50, offset = 0 } = req.query as Static<typeof ListQuery>;
    let base = db.kysely.selectFrom('documents').leftJoin('partners', 'partners.id', 'documents.partner_id');
    if (type) base = base.where('documents.type', 'in', type.split(','));
    if (status) base = base.where('documents.status', 'in', status.split(','));
    if (from) base = base.where('documents.date', '>=', from);
    if (to) base = base.where('documents.date', '<=', to);
    if (q) base = base.where((eb) => eb.or([eb('documents.number', 'like', `%${q}%`), eb('partners.name', 'like', `%${q}%`)]));
    const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .select([
        'documents.id',
        'documents.type',
        'documents.number',
        'documents.status',
        'documents.date',
        'documents.warehouse_id',
        'documents.to_warehouse_id',
        'documents.partner_id',
        'documents.total_minor',
        'documents.currency',
        'documents.reverses_id',
        'documents.reversed_by_id',
        'partners.name as partner_name',
      ])
      .orderBy('documents.date', 'desc')
      .orderBy('documents.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return {
      documents: rows.map((r) => ({
        id: Number(r.id),
        type: r.type,
        number: r.number,
        status: r.status,
        date: r.date,
        warehouseId: r.warehouse_id === null ? null : Number(r.warehouse_id),
        toWarehouseId: r.to_warehouse_id === null ? null : Number(r.to_warehouse_id),
        partnerId: r.partner_id === null ? null : Number(r.partner_id),
        partnerName: r.partner_name ?? null,
        totalMinor: Number(r.total_minor),
        currency: r.currency,
        reversesId: r.reverses_id === null ? null : Number(r.reverses_id),
        reversedById: r.reversed_by_id === null ? null : Number(r.reversed_by_id),
      })),
      total: Number(total.n),
    };
  });

  app.post(
    '/api/v1/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'Create a draft document (number from its series); an Idempotency-Key header makes retries safe',
        body: CreateBody,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      const body = req.body as Static<typeof CreateBody>;
      const r = await withIdempotency(db, `documents:${actor.userId}`, idempotencyKey(req), body, async () => {
        const document = await createDocument(db, actor, { ...body, type: body.type as DocumentType });
        return { statusCode: 201, body: { document } };
      });
      return send(reply, r);
    },
  );

  app.get('/api/v1/documents/:id', { schema: { tags: ['documents'], summary: 'One document with its lines', params: Id } }, async (req) => {
    requireUser(req);
    return { document: await getDocument(db, (req.params as Static<typeof Id>).id) };
  });

  app.put(
    '/api/v1/documents/:id/lines',
    { schema: { tags: ['documents'], summary: "Replace a draft's lines (optimistic: pass the version you loaded)", params: Id, body: LinesBody } },
    async (req) => {
      const actor = requireUser(req);
      const { lines, version } = req.body as Static<typeof LinesBody>;
      return { document: await setDraftLines(db, actor, (req.params as Static<typeof Id>).id, lines, version) };
    },
  );

  app.post(
    '/api/v1/documents/:id/lines',
    {
      schema: {
        tags: ['documents'],
        summary: 'Add a scanned quantity to a draft (same item adds up); send an Idempotency-Key per scan',
        params: Id,
        body: Line,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      const id = (req.params as Static<typeof Id>).id;
      const r = await withIdempotency(db, `document-lines:${id}`, idempotencyKey(req), req.body, async () => ({
        statusCode: 200,
        body: { document: await addDraftLine(db, actor, id, req.body as Static<typeof Line>) },
      }));
      return send(reply, r);
    },
  );

  const action = (name: string, summary: string, run: (actor: ReturnType<typeof requireUser>, id: number, body: Record<string, unknown>) => Promise<DocumentView>) =>
    app.post(
      `/api/v1/documents/:id/${name}`,
      { schema: { tags: ['documents'], summary, params: Id, body: Type.Optional(Type.Union([StornoBody, Type.Null()])) } },
      async (req) => {
        const actor = requireUser(req);
        const body = (req.body ?? {}) as Record<string, unknown>;
        if (typeof body !== 'object' || Array.isArray(body)) throw new DomainError('request.malformed', {}, 400);
        return { document: await run(actor, (req.params as Static<typeof Id>).id, body) };
      },
    );
  action('post', 'Post: movements into the stock ledger in one transaction (a transfer in transit is received)', (a, id) => postDocument(db, a, id, 'post'));
  action('dispatch', 'Dispatch a transfer: goods go in transit', (a, id) => postDocument(db, a, id, 'dispatch'));
  action('submit', 'Send for approval', (a, id) => submitDocument(db, a, id));
  action('approve', 'Approve a document awaiting approval and post it', (a, id) => postDocument(db, a, id, 'approve'));
  action('storno', 'Storno: a reversing document takes the movements back', (a, id, b) => stornoDocument(db, a, id, typeof b.date === 'string' ? b.date : undefined));
  action('annul', 'Annul an unposted document', (a, id) => annulDocument(db, a, id));
  action('close', 'Close a document (no further changes)', (a, id) => closeDocument(db, a, id));
  action('copy', 'Copy into a new draft', (a, id) => copyDocument(db, a, id));
}
