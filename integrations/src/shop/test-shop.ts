// Test helper: a migrated database of either kind with a small grocery (prices, stock in W1), and a fastify app
// with the store server's validator settings and an equivalent error handler, the order API mounted on it.

import Fastify, { type FastifyInstance } from 'fastify';
import { isDomainError } from '@kasa/domain';
import { createAndPost, createItem, createMinimalCompany, SYSTEM_ACTOR, type DialectKind } from '@kasa/db';
import { testDatabase } from '@kasa/db/testing';
import { registerShopApi, type ShopApiOptions } from './api';
import { createApiKey } from './api-keys';

export type TestDb = Awaited<ReturnType<typeof testDatabase>>;

/**
 * W1 stock: BREAD 10 pcs at 1.89, MILK 5 pcs at 1.19, MILK32 3 pcs at 1.29, PORK 2.5 kg at 8.99/kg;
 * NOSTOCK has a price and no stock, NOPRICE has stock and no price.
 */
export async function shopDatabase(kind: DialectKind) {
  const db = await testDatabase(kind);
  const co = await createMinimalCompany(db);
  const std = co.vat.standard!;
  const items: Record<string, number> = {};
  for (const [code, name, weighted] of [
    ['BREAD', 'Rye bread', false],
    ['MILK', 'Milk 2.5% 1 l', false],
    ['MILK32', 'Milk 3.2% 1 l', false],
    ['PORK', 'Pork chops', true],
    ['NOSTOCK', 'Caviar', false],
    ['NOPRICE', 'Sample', false],
  ] as const) {
    items[code] = await createItem(db, std, { code, name, unit: weighted ? 'kg' : 'pcs', weighted });
  }
  const now = new Date().toISOString();
  const pg = await db.kysely
    .insertInto('price_groups')
    .values({ code: 'RETAIL', name: 'Retail', currency: 'EUR', tax_included: 1, is_default: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const prices: Array<[string, number]> = [
    ['BREAD', 189],
    ['MILK', 119],
    ['MILK32', 129],
    ['PORK', 899],
    ['NOSTOCK', 4999],
  ];
  await db.kysely
    .insertInto('prices')
    .values(
      prices.map(([c, p]) => ({
        price_group_id: Number(pg.id),
        item_id: items[c]!,
        price_minor: p,
        valid_from: '2020-01-01',
        created_at: now,
      })),
    )
    .execute();
  await db.kysely
    .insertInto('barcodes')
    .values({ code: '4750000000019', item_id: items.BREAD!, pack_quantity: '1' })
    .execute();
  await createAndPost(db, SYSTEM_ACTOR, {
    type: 'receiving',
    date: now.slice(0, 10),
    warehouseId: co.warehouses.W1!,
    lines: [
      { itemId: items.BREAD!, quantity: '10', priceMinor: 100 },
      { itemId: items.MILK!, quantity: '5', priceMinor: 70 },
      { itemId: items.MILK32!, quantity: '3', priceMinor: 80 },
      { itemId: items.PORK!, quantity: '2.5', priceMinor: 500 },
      { itemId: items.NOPRICE!, quantity: '1', priceMinor: 10 },
    ],
  });
  return { db, items, warehouses: co.warehouses };
}

export async function shopApp(
  db: TestDb,
  opts: Partial<ShopApiOptions> = {},
): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const app = Fastify({
    logger: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  // The store server's error handler, minus translation: the same codes and statuses.
  app.setErrorHandler((err, _req, reply) => {
    const e = err as Error & {
      validation?: Array<{ instancePath?: string; params?: Record<string, unknown> }>;
      statusCode?: number;
      code?: string;
    };
    if (isDomainError(err))
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, params: err.params } });
    if (e.validation) {
      const v = e.validation[0];
      const field =
        (v?.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || String(v?.params?.missingProperty ?? 'body');
      return reply.status(400).send({ error: { code: `validation.${field}` } });
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
      return reply
        .status(e.statusCode)
        .send({
          error: {
            code:
              /JSON/.test(e.message) || e.code?.startsWith('FST_ERR_CTP')
                ? 'request.malformed'
                : `request.${(e.code ?? 'invalid').toLowerCase()}`,
          },
        });
    return reply.status(500).send({ error: { code: 'internal', message: e.message } });
  });
  const shop = await registerShopApi(app, { db, ...opts });
  await app.ready();
  return {
    app,
    close: async () => {
      await shop.close();
      await app.close();
    },
  };
}

export async function keyWith(db: TestDb, scopes: string[]): Promise<string> {
  return (await createApiKey(db, { name: `test ${scopes.join(',')}`, scopes })).key;
}

export const auth = (key: string) => ({ authorization: `Bearer ${key}` });
