// The bridge's HTTP + socket.io service: token and Origin checks, device REST commands as durable jobs,
// translated errors, the till build (or a PIN page) at `/`, and the emulator console at `/emulators`.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { Server as SocketServer } from 'socket.io';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DomainError, isDomainError } from '@kasa/domain';
import { repoRoot, saveConfig, validateConfig, type BridgeConfig } from '../config/config';
import { discoverDevices } from '../transports/discovery';
import type { JobRunner } from '../jobs/runner';
import type { Job } from '../jobs/store';
import type { RunningEmulator } from '../emulators/host';
import { deviceName, type DeviceRegistry } from './devices';
import { capabilityForJob, FISCAL_OPS, PAYMENT_OPS } from './job-handlers';
import { pickLanguage, translate } from './i18n';
import { emulatorsPage, injectToken, pinPage } from './pages';
import * as S from './schemas';

export interface BridgeContext {
  app: FastifyInstance;
  io: SocketServer;
  config: BridgeConfig;
  configFile: string;
  devices: DeviceRegistry;
  runner: JobRunner;
  token: string;
  emulators: RunningEmulator[];
  /** Replaces the device set (after PUT /api/config). */
  reloadDevices(config: BridgeConfig): Promise<void>;
  /** Allows one more browser origin (the bridge's own address once it listens). */
  allowOrigin(origin: string): void;
}

/** What the till routes module receives: the bridge context plus where the till keeps its journal. */
export interface TillRouteContext extends BridgeContext {
  dataDir: string;
  serverUrl: string;
  tillCode: string;
  deviceHeaders: () => Record<string, string>;
}

export interface ServerOptions {
  /** Till journal folder; default `<config dir>/till`. */
  tillDataDir?: string;
  config: BridgeConfig;
  configFile: string;
  devices: DeviceRegistry;
  runner: JobRunner;
  emulators: RunningEmulator[];
  reloadDevices(config: BridgeConfig): Promise<void>;
  /** Folder of the till build; defaults to pos-terminal/dist. */
  tillDist?: string;
  /** Where the till routes module lives; defaults to ../till/index.ts. */
  tillModule?: string;
}

const JOB_WAIT_MS = 20_000;

function errorBody(req: FastifyRequest, code: string, params: Record<string, unknown> = {}) {
  return { error: { code, message: translate(pickLanguage(req.headers['accept-language']), code, params), params } };
}

export function sendError(req: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply {
  if (isDomainError(e)) return reply.code(e.status).send(errorBody(req, e.code, e.params as Record<string, unknown>));
  const fe = e as { statusCode?: number; validation?: unknown; message?: string; code?: string };
  if (fe.validation || (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)) {
    return reply.code(fe.statusCode === 415 || fe.statusCode === 413 ? fe.statusCode : 400).send(errorBody(req, 'request.invalid', { cause: fe.message ?? fe.code }));
  }
  req.log.error(e);
  return reply.code(500).send(errorBody(req, 'internal', { cause: fe.message ?? String(e) }));
}

function tokenOf(req: FastifyRequest): string | undefined {
  const h = req.headers['x-bridge-token'];
  if (typeof h === 'string' && h) return h;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return undefined;
}

function jobReply(req: FastifyRequest, reply: FastifyReply, job: Job, devices: DeviceRegistry): FastifyReply {
  if (job.state === 'done') return reply.code(200).send({ job });
  if (job.state === 'failed' && job.error) {
    const entry = devices.get(job.deviceId);
    const params = { device: entry ? deviceName(entry.config) : job.deviceId, ...job.error.params };
    return reply.code(502).send({ ...errorBody(req, job.error.code, params), job });
  }
  return reply.code(202).send({ job });
}

export async function createServer(opts: ServerOptions): Promise<{ app: FastifyInstance; io: SocketServer; ctx: BridgeContext }> {
  const { config, devices, runner } = opts;
  const token = config.token;
  const ownOrigins = new Set<string>();
  const isAllowed = (o: string) => ownOrigins.has(o) || ctx.config.allowedOrigins.includes(o);
  const app = Fastify({ logger: false, bodyLimit: 5 * 1024 * 1024, ajv: { customOptions: { coerceTypes: false } } });

  app.setErrorHandler((e, req, reply) => sendError(req, reply, e));

  // Origin allow-list first (browsers send Origin on cross-origin and on POST), then the token for /api/.
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    if (origin) {
      if (!isAllowed(origin)) return reply.code(403).send(errorBody(req, 'auth.origin', { origin }));
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      if (req.method === 'OPTIONS') {
        return reply
          .code(204)
          .header('access-control-allow-methods', 'GET,POST,PUT,DELETE,OPTIONS')
          .header('access-control-allow-headers', 'content-type,x-bridge-token,authorization,accept-language')
          .header('access-control-max-age', '600')
          .send();
      }
    }
    if (req.url.startsWith('/api/') && tokenOf(req) !== token) return reply.code(401).send(errorBody(req, 'auth.token'));
  });

  const io = new SocketServer(app.server, {
    cors: { origin: (origin, cb) => cb(null, !origin || isAllowed(origin)) },
    allowRequest: (req, cb) => cb(null, !req.headers.origin || isAllowed(req.headers.origin)),
  });
  io.use((socket, next) => {
    const t = (socket.handshake.auth as { token?: string } | undefined)?.token ?? socket.handshake.headers['x-bridge-token'];
    if (t === token) return next();
    const err = new Error('auth.token') as Error & { data?: unknown };
    err.data = { code: 'auth.token' };
    next(err);
  });

  runner.on('job', (job: Job) => io.emit('job', job));
  const relay = (event: string) => (data: unknown) => io.emit(event, data);
  const relays = { scan: relay('scan'), weight: relay('weight'), 'device:status': relay('device:status') };
  const wire = (reg: DeviceRegistry) => {
    for (const [ev, fn] of Object.entries(relays)) reg.on(ev, fn);
  };
  wire(devices);

  const ctx: BridgeContext = {
    app,
    io,
    config,
    configFile: opts.configFile,
    devices,
    runner,
    token,
    emulators: opts.emulators,
    reloadDevices: async (next) => {
      await opts.reloadDevices(next);
    },
    allowOrigin: (o) => ownOrigins.add(o),
  };

  // ---- pages
  const tillDist = opts.tillDist ?? join(repoRoot, 'pos-terminal/dist');
  const tillIndex = join(tillDist, 'index.html');
  const hasTill = existsSync(tillIndex);
  const home = (_req: FastifyRequest, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(hasTill ? injectToken(readFileSync(tillIndex, 'utf8'), token) : pinPage(token));
  app.get('/', home);
  app.get('/emulators', (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(emulatorsPage(token)));
  // Browsers ask for a favicon; answer it so the page shows no failed request in the console.
  if (!existsSync(join(tillDist, 'favicon.ico'))) app.get('/favicon.ico', (_req, reply) => reply.code(204).send());
  if (hasTill) {
    await app.register(fastifyStatic, { root: tillDist, prefix: '/', index: false, wildcard: true });
  }

  // ---- devices and discovery
  app.get('/api/devices', async () => ({ devices: devices.list() }));
  app.get('/api/discovery', async () => discoverDevices());

  // ---- config
  app.get('/api/config', async () => ctx.config);
  app.put('/api/config', async (req) => {
    const next = validateConfig({ ...(req.body as object), token });
    saveConfig(opts.configFile, next);
    ctx.config = next;
    await ctx.reloadDevices(next);
    return { config: next, restartRequired: next.host !== config.host || next.port !== config.port };
  });

  // ---- jobs
  const submit = async (req: FastifyRequest<{ Querystring: S.WaitQuery }>, reply: FastifyReply, type: string, deviceArg: string | undefined, key: string, payload: unknown) => {
    const entry = devices.pick(capabilityForJob(type)!, deviceArg);
    const { job } = runner.submit({ key, type, deviceId: entry.config.id, payload });
    const wait = req.query.wait === '0' ? 0 : JOB_WAIT_MS;
    const settled = wait ? await runner.waitFor(job.id, wait) : job;
    return jobReply(req, reply, settled, devices);
  };
  const waitQs = { querystring: S.WaitQuery };

  app.post<{ Body: S.PrintReceiptBody; Querystring: S.WaitQuery }>('/api/print/receipt', { schema: { body: S.PrintReceiptBody, ...waitQs } }, (req, reply) =>
    submit(req, reply, 'print.receipt', req.body.device, req.body.key, { receipt: req.body.receipt }),
  );
  app.post<{ Body: S.PrintLabelsBody; Querystring: S.WaitQuery }>('/api/print/labels', { schema: { body: S.PrintLabelsBody, ...waitQs } }, (req, reply) =>
    submit(req, reply, 'print.labels', req.body.device, req.body.key, { labels: req.body.labels }),
  );
  app.post<{ Body: S.DrawerBody; Querystring: S.WaitQuery }>('/api/drawer/open', { schema: { body: S.DrawerBody, ...waitQs } }, (req, reply) =>
    submit(req, reply, 'drawer.open', req.body?.device, req.body?.key ?? `drawer-${randomUUID()}`, {}),
  );
  app.post<{ Body: S.DisplayBody; Querystring: S.WaitQuery }>('/api/display', { schema: { body: S.DisplayBody, ...waitQs } }, (req, reply) =>
    submit(req, reply, 'display.show', req.body.device, req.body.key ?? `display-${randomUUID()}`, { lines: req.body.lines }),
  );
  for (const op of FISCAL_OPS) {
    app.post<{ Body: S.FiscalBody; Querystring: S.WaitQuery }>(`/api/fiscal/${op}`, { schema: { body: S.FiscalBody, ...waitQs } }, (req, reply) => {
      if (op === 'receipt' && !req.body.receipt) throw new DomainError('request.invalid', { cause: 'body must have property receipt' }, 400);
      if ((op === 'cash-in' || op === 'cash-out') && !req.body.amount) throw new DomainError('request.invalid', { cause: 'body must have property amount' }, 400);
      const { key: _k, device: _d, ...payload } = req.body;
      return submit(req, reply, `fiscal.${op}`, req.body.device, req.body.key, payload);
    });
  }
  // Card payments: a job per key like every device command. A declined card or a terminal that went silent fails the
  // job (502 payment.declined / payment.no_answer); a retry needs a new key, so a charge is never repeated by accident.
  for (const op of PAYMENT_OPS) {
    app.post<{ Body: S.PaymentBody; Querystring: S.WaitQuery }>(`/api/payment/${op}`, { schema: { body: S.PaymentBody, ...waitQs } }, (req, reply) => {
      const { key, device, ...payload } = req.body;
      return submit(req, reply, `payment.${op}`, device, key, payload);
    });
  }
  app.get<{ Querystring: { device?: string } }>('/api/fiscal/status', async (req) => {
    const entry = devices.pick('fiscalStatus', req.query.device);
    const status = await devices.adapterFor(entry, 'fiscalStatus')();
    const last = entry.adapter?.lastDocumentNumber ? await devices.adapterFor(entry, 'lastDocumentNumber')() : undefined;
    return { device: entry.config.id, status, ...(last !== undefined ? { lastDocumentNumber: last } : {}) };
  });
  app.get<{ Querystring: { device?: string } }>('/api/scale/weight', async (req) => {
    const entry = devices.pick('readWeight', req.query.device);
    try {
      const reading = { device: entry.config.id, ...(await devices.adapterFor(entry, 'readWeight')()) };
      io.emit('weight', reading);
      return reading;
    } catch (e) {
      if (isDomainError(e)) throw new DomainError(e.code, { device: deviceName(entry.config), ...e.params }, e.status);
      throw new DomainError('device.io', { device: deviceName(entry.config), cause: (e as Error).message }, 502);
    }
  });
  app.get<{ Params: { id: string } }>('/api/jobs/:id', async (req) => {
    const job = runner.store.get(req.params.id) ?? runner.store.byKey(req.params.id);
    if (!job) throw new DomainError('job.notFound', { id: req.params.id }, 404);
    return { job };
  });
  app.get('/api/jobs', async () => ({ jobs: runner.store.recent(50) }));
  app.post<{ Params: { id: string }; Querystring: S.WaitQuery }>('/api/jobs/:id/retry', { schema: waitQs }, async (req, reply) => {
    const job = runner.retry(req.params.id);
    if (!job) throw new DomainError('job.notFound', { id: req.params.id }, 404);
    const settled = req.query.wait === '0' ? job : await runner.waitFor(job.id, JOB_WAIT_MS);
    return jobReply(req, reply, settled, devices);
  });

  // ---- emulator console API
  app.get('/api/emulators', async () => {
    const all = ctx.emulators;
    const gather = <T>(f: (e: RunningEmulator) => T[] | undefined) => all.flatMap((e) => f(e) ?? []);
    return {
      emulators: all.map((e) => ({ kind: e.kind, deviceId: e.deviceId, devicePath: e.devicePath, hostPath: e.hostPath })),
      receipts: gather((e) => e.view.receipts?.()),
      labels: gather((e) => e.view.labels?.()),
      journal: gather((e) => e.view.journal?.()),
      display: gather((e) => e.view.display?.()),
    };
  });
  app.post<{ Body: { weight: string; device?: string } }>('/api/emulators/scale', { schema: { body: S.ScaleBody } }, async (req) => {
    const scales = ctx.emulators.filter((e) => e.view.setWeight && (!req.body.device || e.deviceId === req.body.device));
    if (!scales.length) throw new DomainError('emulator.none', { kind: 'scale' }, 404);
    for (const s of scales) s.view.setWeight!(req.body.weight);
    return { ok: true, weight: req.body.weight };
  });
  app.post<{ Body: { code: string; device?: string } }>('/api/emulators/scan', { schema: { body: S.ScanBody } }, async (req) => {
    const scanner = ctx.emulators.find((e) => e.view.scan && (!req.body.device || e.deviceId === req.body.device));
    // With a scanner emulator the code travels the serial line and the driver reports it; without one, emit directly.
    if (scanner) scanner.view.scan!(req.body.code);
    else io.emit('scan', { device: 'emulator', code: req.body.code });
    return { ok: true, code: req.body.code };
  });

  // ---- till routes (the till engineer's module), when it exists
  const tillModule = opts.tillModule ?? new URL('../till/index.ts', import.meta.url).pathname;
  if (existsSync(tillModule)) {
    try {
      const mod = (await import(tillModule)) as { registerTillRoutes?: (app: FastifyInstance, ctx: TillRouteContext) => unknown };
      if (typeof mod.registerTillRoutes === 'function') {
        await mod.registerTillRoutes(app, {
          ...ctx,
          dataDir: opts.tillDataDir ?? join(dirname(opts.configFile), 'till'),
          serverUrl: config.storeServerUrl ?? 'http://127.0.0.1:3000',
          tillCode: config.tillCode ?? 'T1',
          deviceHeaders: () => ({ 'x-bridge-token': token }),
        });
      }
    } catch (e) {
      console.error(`till routes not loaded: ${(e as Error).message}`);
    }
  }

  app.setNotFoundHandler((req, reply) => {
    // Client-side routes of the till app: any other GET that wants HTML gets index.html.
    if (hasTill && req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html')) return home(req, reply);
    return reply.code(404).send(errorBody(req, 'route.notFound', { url: req.url }));
  });

  return { app, io, ctx };
}

/** Allows the bridge's own origins (known only after listen, e.g. port 0 in tests). */
export function allowOwnOrigin(ctx: BridgeContext, host: string, port: number): void {
  for (const h of new Set([host, '127.0.0.1', 'localhost'])) ctx.allowOrigin(`http://${h}:${port}`);
}
