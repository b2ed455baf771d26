// Price tags and shelf labels: the label fields of items (name, price, unit price, barcode) for the browser's
// preview, and printing them on the device bridge's label printer (its address and token are settings; the
// store server forwards the job, so the browser needs neither the token nor a cross-origin call).

import { randomUUID } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { dec, DomainError } from '@kasa/domain';
import { readSettings, type Db } from '@kasa/db';
import type { RouteContext } from '../app';
import { itemViews } from './catalogue';

export interface LabelFields {
  name: string;
  price: string;
  currency: string;
  barcode: string;
  unitPrice: string;
  unit: string;
}

const Template = Type.Union([Type.Literal('price-tag'), Type.Literal('shelf-label')]);
const PrintBody = Type.Object(
  {
    template: Type.Optional(Template),
    labels: Type.Array(Type.Object({ itemId: Type.Integer({ minimum: 1 }), copies: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }, { additionalProperties: false }), { maxItems: 2000 }),
  },
  { additionalProperties: false },
);
const FieldsQuery = Type.Object({ itemIds: Type.String({ pattern: '^\\d+(,\\d+)*$', maxLength: 20000 }) });

/** What a label shows for each item: the default price group's current price, its first barcode (else its code). */
export async function labelFields(db: Db, itemIds: number[]): Promise<Map<number, LabelFields>> {
  const views = await itemViews(db, [...new Set(itemIds)]);
  return new Map(
    views.map((v) => {
      const price = v.priceMinor === null ? '0.00' : dec(v.priceMinor).div(100).toFixed(2);
      return [v.id, { name: v.name, price, currency: v.currency, barcode: v.barcodes[0] ?? v.code, unitPrice: price, unit: v.unit }];
    }),
  );
}

export function registerLabelRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  app.get('/api/v1/labels/fields', { schema: { tags: ['labels'], summary: 'Label fields of items, for the preview', querystring: FieldsQuery } }, async (req) => {
    requireUser(req);
    const ids = (req.query as Static<typeof FieldsQuery>).itemIds.split(',').map(Number);
    const fields = await labelFields(db, ids);
    return { labels: ids.filter((id) => fields.has(id)).map((id) => ({ itemId: id, fields: fields.get(id)! })) };
  });

  app.post(
    '/api/v1/labels/print',
    {
      schema: {
        tags: ['labels'],
        summary: "Print labels on the bridge's label printer (POST /api/print/labels there); an Idempotency-Key header is passed on as the job key",
        body: PrintBody,
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (req, reply) => {
      requireUser(req);
      const body = req.body as Static<typeof PrintBody>;
      if (body.labels.length === 0) throw new DomainError('labels.empty', {}, 400);
      const settings = await readSettings(db.kysely);
      const url = settings['labels.bridge_url'];
      if (!url) throw new DomainError('labels.bridge_missing', {}, 409);
      const template = body.template ?? (settings['labels.template'] as 'price-tag' | 'shelf-label');
      const fields = await labelFields(db, body.labels.map((l) => l.itemId));
      for (const l of body.labels) if (!fields.has(l.itemId)) throw new DomainError('item.unknown', { item: l.itemId }, 400);
      const k = req.headers['idempotency-key'];
      const key = (Array.isArray(k) ? k[0] : k) || `labels-${randomUUID()}`;
      const job = { key, labels: body.labels.map((l) => ({ template, fields: fields.get(l.itemId)!, copies: l.copies ?? 1 })) };
      let res: Response;
      try {
        res = await fetch(`${url.replace(/\/+$/, '')}/api/print/labels`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-bridge-token': settings['labels.bridge_token'], 'accept-language': req.headers['accept-language'] ?? 'en' },
          body: JSON.stringify(job),
          signal: AbortSignal.timeout(25_000),
        });
      } catch (e) {
        throw new DomainError('labels.bridge_failed', { detail: (e as Error).message }, 502);
      }
      const answer = (await res.json().catch(() => ({}))) as { job?: unknown; error?: { message?: string; code?: string } };
      if (!res.ok && res.status !== 202) throw new DomainError('labels.bridge_failed', { detail: answer.error?.message ?? answer.error?.code ?? `HTTP ${res.status}` }, 502);
      return reply.status(res.status === 202 ? 202 : 200).send({ job: answer.job ?? null, labels: job.labels.length });
    },
  );
}
