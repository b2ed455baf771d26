// The store server: fastify with typed routes under /api/v1, OpenAPI and docs, translated errors, sessions,
// and the built back-office UI at / and /terminal.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError, isDomainError } from '@kasa/domain';
import { migrateToLatest, openDatabase, type Actor, type Db } from '@kasa/db';
import { pickLanguage } from './messages';
import { translate } from './i18n';
import { actorOf, sessionUser, type SessionUser } from '../auth/users';
import { registerAuthRoutes } from './routes/auth';
import { registerCatalogueRoutes } from './routes/catalogue';
import { registerDocumentRoutes } from './routes/documents';
import { registerTillRoutes } from './routes/till';
import { registerWarehouseRoutes } from './routes/warehouse';
import { registerStocktakeRoutes } from './routes/stocktakes';
import { registerSettingsRoutes } from './routes/settings';
import { registerLabelRoutes } from './routes/labels';
import { registerRegisterRoutes } from './routes/registers';
import { registerProductionRoutes } from './routes/production';
import { registerPickingRoutes } from './routes/picking';
import { registerBankRoutes } from './routes/bank';
import { registerExchangeRoutes } from './routes/exchange';
import { registerShopAdminRoutes } from './routes/shop-admin';
import { registerContractPriceRoutes } from './routes/contract-prices';
import { rejectUnstorableInput } from './input-guard';
import { ensureDemoShopKey, rateLimitPerMinute, registerShopApi } from '@kasa/integrations';

export type App = FastifyInstance & { withTypeProvider(): FastifyInstance };

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

export interface ServerOptions {
  databaseUrl?: string;
  /** Create the demo company when the database is empty. */
  demo?: boolean;
  uiDir?: string;
  logger?: boolean;
  /** Run the scheduled exchange with 1C (the server's main does; tests run it by hand). */
  exchangeSchedule?: boolean;
  /** The shop API's limit per API key in requests per minute (default KASA_SHOP_RATE_LIMIT, else 1,200). */
  shopRateLimitPerMinute?: number;
}

export const UI_DIR = new URL('../../ui/dist/', import.meta.url).pathname;

export interface StoreServer {
  app: FastifyInstance;
  db: Db;
  demoCreated: boolean;
}

export async function buildServer(opts: ServerOptions = {}): Promise<StoreServer> {
  // A wrong limit stops the start here, before the database is opened.
  const shopRateLimit = rateLimitPerMinute(opts.shopRateLimitPerMinute ?? process.env.KASA_SHOP_RATE_LIMIT);
  const db = openDatabase(opts.databaseUrl ?? process.env.DATABASE_URL);
  await migrateToLatest(db);
  let demoCreated = false;
  if (opts.demo) {
    const { createDemoIfEmpty } = await import('../demo/seed');
    demoCreated = await createDemoIfEmpty(db);
  }
  const app = Fastify({
    logger: opts.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: 10 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Kasa store server API', version: '1.0.0', description: 'Catalogue, stock documents, ledger, till sync.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kasa_session' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    req.user = await sessionUser(db, req.cookies.kasa_session);
  });
  rejectUnstorableInput(app);

  app.setErrorHandler((err, req, reply) => {
    const lng = pickLanguage(req.headers['accept-language']);
    let code: string;
    let status: number;
    let params: Record<string, unknown> = {};
    const e = err as Error & { validation?: Array<{ instancePath?: string; message?: string; params?: Record<string, unknown> }>; statusCode?: number; code?: string };
    if (isDomainError(err)) {
      code = err.code;
      status = err.status;
      params = err.params;
    } else if (e.validation) {
      const v = e.validation[0];
      const field = (v?.instancePath || '').replace(/^\//, '').replace(/\//g, '.') || String(v?.params?.missingProperty ?? 'body');
      code = `validation.${field}`;
      status = 400;
      params = { field, detail: v?.message ?? 'invalid' };
    } else if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      status = e.statusCode;
      code = e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || /JSON/.test(e.message) ? 'request.malformed' : `request.${(e.code ?? 'invalid').toLowerCase()}`;
    } else {
      req.log.error({ err }, 'request failed');
      code = 'internal';
      status = 500;
    }
    const message = translate(code.startsWith('validation.') && !MESSAGE_CODES.has(code) ? 'validation.field' : code, params, lng);
    void reply.status(status).send({ error: { code, message, ...(Object.keys(params).length ? { params } : {}) } });
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const uiDir = opts.uiDir ?? UI_DIR;
    if (req.method === 'GET' && !path.startsWith('/api/') && existsSync(join(uiDir, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html', uiDir);
    }
    const lng = pickLanguage(req.headers['accept-language']);
    return reply.status(404).send({ error: { code: 'route.not_found', message: translate('route.not_found', { method: req.method, url: path }, lng) } });
  });

  const uiDir = opts.uiDir ?? UI_DIR;
  await app.register(fastifyStatic, { root: existsSync(uiDir) ? uiDir : process.cwd(), prefix: '/', wildcard: false, serve: existsSync(uiDir) });
  if (!existsSync(join(uiDir, 'index.html'))) {
    // Without a UI build the pages still answer: a plain notice pointing at the API.
    const page = `<!doctype html><html><head><meta charset="utf-8"><title>Kasa back office</title></head><body><h1>Kasa back office</h1><p>The user interface is not built yet: run npm start, which builds it. The API is at /api/v1 and its documentation at <a href="/docs">/docs</a>.</p></body></html>`;
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html').send(page));
    app.get('/terminal', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html').send(page));
  } else {
    app.get('/terminal', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html').sendFile('index.html', uiDir));
  }

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const ctx: RouteContext = { db, requireUser };
  app.get('/api/v1/health', { schema: { tags: ['system'], summary: 'Server and database health' } }, async () => ({ status: 'ok', db: db.kind }));
  registerAuthRoutes(app, ctx);
  registerCatalogueRoutes(app, ctx);
  registerDocumentRoutes(app, ctx);
  registerTillRoutes(app, ctx);
  registerWarehouseRoutes(app, ctx);
  registerStocktakeRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
  registerLabelRoutes(app, ctx);
  registerRegisterRoutes(app, ctx);
  registerProductionRoutes(app, ctx);
  registerPickingRoutes(app, ctx);
  registerBankRoutes(app, ctx);
  registerExchangeRoutes(app, ctx, { schedule: opts.exchangeSchedule });
  registerShopAdminRoutes(app, ctx);
  registerContractPriceRoutes(app, ctx);
  (await import('./routes/reports')).registerReportRoutes(app, ctx);
  // The online shops' order API (integrations/src/shop) under /api/shop/v1, with its own OpenAPI and docs.
  const shop = await registerShopApi(app, { db, rateLimit: shopRateLimit });
  if (demoCreated) await ensureDemoShopKey(db);


  app.addHook('onClose', async () => {
    await shop.close();
    await db.close();
  });
  return { app, db, demoCreated };
}

const MESSAGE_CODES = new Set(['validation.quantity', 'validation.date']);

export function requireUser(req: FastifyRequest): Actor & { user: SessionUser } {
  if (!req.user) throw new DomainError('auth.required', {}, 401);
  return { ...actorOf(req.user), user: req.user };
}

export interface RouteContext {
  db: Db;
  requireUser: typeof requireUser;
}
