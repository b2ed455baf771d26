// A store server for the HTTP tests: built on a test database, listening on a free port of 127.0.0.1, with a caller
// per user that signs in on first use (test users' password is their user name).
import type { FastifyInstance } from 'fastify';
import type { Db } from '@kasa/db';
import { buildServer, type ServerOptions } from './app';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Reply {
  status: number;
  headers: Headers;
  json: Json;
}

/** One request: a body that is a string or bytes goes as it is, anything else as JSON. */
export type Caller = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply>;

export interface TestServer {
  base: string;
  app: FastifyInstance;
  db: Db;
  /** Requests with `user`'s session cookie. */
  as(user: string): Caller;
  /** Requests without a session (add your own Authorization header). */
  call: Caller;
  close(): Promise<void>;
}

export async function startTestServer(databaseUrl: string, opts: Omit<ServerOptions, 'databaseUrl'> & { setup?: (s: { app: FastifyInstance; db: Db }) => void } = {}): Promise<TestServer> {
  const { setup, ...options } = opts;
  const s = await buildServer({ ...options, databaseUrl });
  setup?.(s);
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;

  const call: Caller = async (method, path, body, headers = {}) => {
    const raw = typeof body === 'string' || body instanceof Uint8Array;
    const type: Record<string, string> = body === undefined ? {} : { 'content-type': body instanceof Uint8Array ? 'application/octet-stream' : 'application/json' };
    const res = await fetch(base + path, { method, headers: { ...type, ...headers }, body: body === undefined ? undefined : raw ? (body as string | Uint8Array) : JSON.stringify(body) });
    const text = await res.text();
    let json: Json = {};
    if (text && (res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text) as Json;
    return { status: res.status, headers: res.headers, json };
  };

  const sessions = new Map<string, Promise<string>>();
  const signIn = (user: string) =>
    call('POST', '/api/v1/auth/login', { username: user, password: user }).then((r) => {
      if (r.status !== 200) throw new Error(`test user ${user} could not sign in: ${r.status} ${JSON.stringify(r.json)}`);
      return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
    });
  const as = (user: string): Caller => {
    return async (method, path, body, headers = {}) => {
      let cookie = sessions.get(user);
      if (!cookie) sessions.set(user, (cookie = signIn(user)));
      return call(method, path, body, { cookie: await cookie, ...headers });
    };
  };

  return { base, app: s.app, db: s.db, as, call, close: () => s.app.close() };
}
