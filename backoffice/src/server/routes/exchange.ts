// The scheduled exchange with the accountant's 1C over HTTP: its settings (right exchange.settings), "run now"
// (exchange.run), the log with each run's progress (exchange.view), and 1C's own "exchange with a site" protocol
// at /api/1c/exchange (basic auth: a back-office user with exchange.run, or any name with the exchange key).

import { createHash, randomBytes } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertRight, hasRight, isDomainError } from '@kasa/domain';
import {
  ExchangeScheduler,
  exchangeKeyMatches,
  getRun,
  listRuns,
  lastRunStart,
  nextRunAt,
  oneCFailure,
  oneCFile,
  oneCImport,
  oneCInit,
  oneCQuery,
  oneCSuccess,
  publicExchangeSettings,
  readExchangeSettings,
  writeExchangeSettings,
  type ExchangeRun,
  type OneCReply,
  type OneCSession,
} from '@kasa/integrations';
import { loginWithPassword } from '../../auth/users';
import type { RouteContext } from '../app';
import { translate } from '../i18n';
import { pickLanguage, type Language } from '../messages';

const Schedule = Type.Object(
  {
    kind: Type.Union([Type.Literal('interval'), Type.Literal('daily')]),
    everyMinutes: Type.Integer({ minimum: 1, maximum: 10_080 }),
    dailyAt: Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', examples: ['02:00'] }),
  },
  { additionalProperties: false },
);
const SettingsBody = Type.Object(
  {
    enabled: Type.Boolean(),
    schedule: Schedule,
    mode: Type.Union([Type.Literal('folder'), Type.Literal('http')]),
    exportDir: Type.String({ maxLength: 500, description: 'Absolute path; import.xml, offers.xml, documents.xml are written here' }),
    inboxDir: Type.String({ maxLength: 500, description: 'Absolute path; bank statements *.txt dropped here are booked and moved to processed/ or rejected/' }),
    firstFrom: Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2})?$', description: 'First run exports movements from this date (empty: the 1st of the month)' }),
    httpKey: Type.Optional(Type.Union([Type.String({ minLength: 12, maxLength: 200 }), Type.Null()], { description: 'Set the key 1C may use as its password; null removes it; absent keeps it' })),
  },
  { additionalProperties: false },
);
const RunId = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const RunsQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })) });
const OneCQuery = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 20 })),
  mode: Type.Optional(Type.String({ maxLength: 20 })),
  filename: Type.Optional(Type.String({ maxLength: 300 })),
});

/** The log's stored {code, params} as a sentence in the reader's language. */
function message(stored: string | null, lng: Language): string | null {
  if (!stored) return null;
  try {
    const { code, params } = JSON.parse(stored) as { code: string; params: Record<string, unknown> };
    return translate(code, params, lng);
  } catch {
    return stored;
  }
}

function translatedRun(run: ExchangeRun, lng: Language) {
  return { ...run, errorMessage: message(run.error, lng), entries: run.entries.map((e) => ({ ...e, errorMessage: message(e.error, lng) })) };
}

const COOKIE = 'kasa_1c';
const SESSION_MS = 60 * 60_000;

export interface ExchangeRouteOptions {
  /** Start the scheduler when the server is ready (the server's main does; tests start runs by hand). */
  schedule?: boolean;
  tickMs?: number;
}

export function registerExchangeRoutes(app: FastifyInstance, ctx: RouteContext, opts: ExchangeRouteOptions = {}): ExchangeScheduler {
  const { db, requireUser } = ctx;
  const scheduler = new ExchangeScheduler(db, { tickMs: opts.tickMs });
  if (opts.schedule) app.addHook('onReady', async () => scheduler.start());
  app.addHook('onClose', async () => scheduler.stop());

  app.get('/api/v1/exchange/settings', { schema: { tags: ['exchange'], summary: 'Exchange with 1C: settings, when the next scheduled run is due, whether one is running' } }, async (req) => {
    assertRight(requireUser(req).rights, 'exchange.view');
    const settings = await readExchangeSettings(db);
    const due = settings.enabled && settings.mode === 'folder' ? nextRunAt(settings.schedule, await lastRunStart(db), new Date()).toISOString() : null;
    return { settings: publicExchangeSettings(settings), nextRunAt: due, running: scheduler.running };
  });

  app.put('/api/v1/exchange/settings', { schema: { tags: ['exchange'], summary: 'Change the exchange settings', body: SettingsBody } }, async (req) => {
    assertRight(requireUser(req).rights, 'exchange.settings');
    return { settings: publicExchangeSettings(await writeExchangeSettings(db, req.body as Static<typeof SettingsBody>)) };
  });

  app.post('/api/v1/exchange/runs', { schema: { tags: ['exchange'], summary: 'Run the folder exchange now (refused with 409 while a run is going); poll the run for its progress' } }, async (req, reply) => {
    assertRight(requireUser(req).rights, 'exchange.run');
    const id = await scheduler.runNow('manual');
    return reply.status(202).send({ run: translatedRun(await getRun(db, id), pickLanguage(req.headers['accept-language'])) });
  });

  app.get('/api/v1/exchange/runs', { schema: { tags: ['exchange'], summary: 'The exchange log, newest first: each run with the files sent and received', querystring: RunsQuery } }, async (req) => {
    assertRight(requireUser(req).rights, 'exchange.view');
    const lng = pickLanguage(req.headers['accept-language']);
    return { runs: (await listRuns(db, req.query as Static<typeof RunsQuery>)).map((r) => translatedRun(r, lng)) };
  });

  app.get('/api/v1/exchange/runs/:id', { schema: { tags: ['exchange'], summary: 'One run with its progress (rows done of total, percent) and files', params: RunId } }, async (req) => {
    assertRight(requireUser(req).rights, 'exchange.view');
    return { run: translatedRun(await getRun(db, (req.params as Static<typeof RunId>).id), pickLanguage(req.headers['accept-language'])) };
  });

  // 1C's protocol: raw bodies of any type, plain-text answers; its own scope so no other parser touches the bytes.
  const sessions = new Map<string, { session: OneCSession; expires: number }>();
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.route({
      method: ['GET', 'POST'],
      url: '/api/1c/exchange',
      schema: { tags: ['exchange'], summary: "1C's exchange with a site: type=catalog|sale, mode=checkauth|init|file|import|query|success; answers in plain text", querystring: OneCQuery },
      handler: async (req, reply) => {
        const q = req.query as Static<typeof OneCQuery>;
        const lng = pickLanguage(req.headers['accept-language']);
        const send = (r: OneCReply, status = 200) => reply.status(status).type(r.contentType).send(r.body);
        try {
          const now = Date.now();
          for (const [k, v] of sessions) if (v.expires < now) sessions.delete(k);
          if (q.mode === 'checkauth') {
            if (!(await authorised(req))) return deny(req, reply, lng);
            const token = randomBytes(24).toString('base64url');
            sessions.set(token, { session: { files: new Set() }, expires: now + SESSION_MS });
            return send({ contentType: 'text/plain; charset=utf-8', body: `success\n${COOKIE}\n${token}` });
          }
          const cookie = sessions.get(req.cookies[COOKIE] ?? '');
          let session = cookie?.session;
          if (!session) {
            // 1C may send basic auth on every call instead of the cookie. Its calls with the same credentials share
            // one session, so a file sent in several chunks is appended to, not replaced by each chunk.
            if (!(await authorised(req))) return deny(req, reply, lng);
            const key = `auth:${createHash('sha256').update(req.headers.authorization ?? `user:${req.user?.id ?? ''}`).digest('hex')}`;
            let shared = sessions.get(key);
            if (!shared) sessions.set(key, (shared = { session: { files: new Set() }, expires: now + SESSION_MS }));
            session = shared.session;
          }
          const type = q.type ?? '';
          if (q.mode === 'init') return send(await oneCInit());
          if (q.mode === 'file' && (type === 'catalog' || type === 'sale')) return send(await oneCFile(db, session, q.filename, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), type));
          if (q.mode === 'import' && type === 'catalog') return send(await oneCImport(db, session, q.filename));
          if (q.mode === 'query' && type === 'sale') return send(await oneCQuery(db));
          if (q.mode === 'success' && type === 'sale') return send(await oneCSuccess(db));
          return send(oneCFailure(translate('exchange.mode_unknown', { type, mode: q.mode ?? '' }, lng)));
        } catch (e) {
          if (!isDomainError(e)) req.log.error({ err: e }, '1C exchange failed');
          return send(oneCFailure(isDomainError(e) ? translate(e.code, e.params, lng) : translate('exchange.failed', { detail: String((e as Error).message) }, lng)));
        }
      },
    });
  });

  async function authorised(req: FastifyRequest): Promise<boolean> {
    if (req.user && hasRight(req.user.rights, 'exchange.run')) return true;
    const m = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (!m) return false;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    if (exchangeKeyMatches(await readExchangeSettings(db), password)) return true;
    try {
      return hasRight((await loginWithPassword(db, user, password)).rights, 'exchange.run');
    } catch {
      return false;
    }
  }

  function deny(req: FastifyRequest, reply: FastifyReply, lng: Language) {
    const message = translate('exchange.auth_failed', {}, lng);
    reply.status(401).header('www-authenticate', 'Basic realm="Kasa 1C exchange", charset="UTF-8"');
    // 1C reads "failure" and the reason as text; a client speaking JSON gets the API's error shape.
    if (/json/i.test(String(req.headers['content-type'] ?? '')) || /json/i.test(String(req.headers.accept ?? '')))
      return reply.send({ error: { code: 'exchange.auth_failed', message } });
    return reply.type('text/plain; charset=utf-8').send(`failure\n${message}`);
  }

  return scheduler;
}
