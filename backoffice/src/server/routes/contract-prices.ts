// A supplier's contract prices: the list, a new price for a period, and ending one. Purchase price control holds
// receivings from that supplier against the price valid on the receiving's date. Seeing them needs a login;
// changing them the right to edit partners.

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { assertRight } from '@kasa/domain';
import { addContractPrice, endContractPrice, listContractPrices } from '@kasa/db';
import type { RouteContext } from '../app';

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-12-01'] });
const PartnerParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const PriceParams = Type.Object({ id: Type.Integer({ minimum: 1 }), priceId: Type.Integer({ minimum: 1 }) });
const AddBody = Type.Object(
  {
    itemId: Type.Integer({ minimum: 1 }),
    /** Net of VAT, minor units of the company currency. */
    priceMinor: Type.Integer({ minimum: 0, maximum: 1e12, examples: [120] }),
    validFrom: Day,
    validTo: Type.Optional(Type.Union([Day, Type.Null()])),
  },
  { additionalProperties: false },
);
const EndBody = Type.Object({ validTo: Day }, { additionalProperties: false });
const ContractPrice = Type.Object({
  id: Type.Integer(),
  partnerId: Type.Integer(),
  itemId: Type.Integer(),
  itemCode: Type.String(),
  itemName: Type.String(),
  priceMinor: Type.Integer(),
  currency: Type.String(),
  validFrom: Type.String(),
  validTo: Type.Union([Type.String(), Type.Null()]),
});

export function registerContractPriceRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  app.get(
    '/api/v1/partners/:id/contract-prices',
    {
      schema: {
        tags: ['reference'],
        summary: "A supplier's contract prices (net, per item and period), by item, newest period first",
        params: PartnerParams,
        response: { 200: Type.Object({ contractPrices: Type.Array(ContractPrice) }) },
      },
    },
    async (req) => {
      requireUser(req);
      return { contractPrices: await listContractPrices(db, (req.params as Static<typeof PartnerParams>).id) };
    },
  );

  app.post(
    '/api/v1/partners/:id/contract-prices',
    {
      schema: {
        tags: ['reference'],
        summary: 'A contract price from a date (an open-ended earlier price of the item ends the day before; other overlaps are 409 contract_price.overlap)',
        params: PartnerParams,
        body: AddBody,
        response: { 201: Type.Object({ contractPrice: ContractPrice }) },
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      assertRight(actor.rights, 'partners.edit');
      const contractPrice = await addContractPrice(db, actor.userId, (req.params as Static<typeof PartnerParams>).id, req.body as Static<typeof AddBody>);
      return reply.status(201).send({ contractPrice });
    },
  );

  app.post(
    '/api/v1/partners/:id/contract-prices/:priceId/end',
    {
      schema: {
        tags: ['reference'],
        summary: 'Ends a contract price: validTo is its last day',
        params: PriceParams,
        body: EndBody,
        response: { 200: Type.Object({ contractPrice: ContractPrice }) },
      },
    },
    async (req) => {
      const actor = requireUser(req);
      assertRight(actor.rights, 'partners.edit');
      const p = req.params as Static<typeof PriceParams>;
      return { contractPrice: await endContractPrice(db, actor.userId, p.id, p.priceId, (req.body as Static<typeof EndBody>).validTo) };
    },
  );
}
