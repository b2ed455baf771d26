// Login by password (back office) or PIN (cashiers); session cookie for the UIs.

import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { createSession, endSession, loginWithPassword, loginWithPin, type SessionUser } from '../../auth/users';
import type { RouteContext } from '../app';

const Err = Type.Object({ error: Type.Object({ code: Type.String(), message: Type.String() }) });
export const ErrorResponses = { 400: Err, 401: Err, 403: Err, 404: Err, 409: Err, 422: Err };

export function registerAuthRoutes(app: FastifyInstance, { db }: RouteContext): void {
  const setSession = async (user: SessionUser, reply: { setCookie: (n: string, v: string, o: object) => unknown }) => {
    const sid = await createSession(db, user.id);
    reply.setCookie('kasa_session', sid, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 12 * 3600 });
    return { user };
  };
  app.post(
    '/api/v1/auth/login',
    { schema: { tags: ['auth'], summary: 'Log in with user name and password', body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }) } },
    async (req, reply) => {
      const b = req.body as { username: string; password: string };
      return setSession(await loginWithPassword(db, b.username, b.password), reply);
    },
  );
  app.post(
    '/api/v1/auth/pin',
    { schema: { tags: ['auth'], summary: 'Log in a cashier with a PIN', body: Type.Object({ pin: Type.String({ pattern: '^[0-9]{4,8}$' }) }) } },
    async (req, reply) => setSession(await loginWithPin(db, (req.body as { pin: string }).pin), reply),
  );
  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: 'End the session' } }, async (req, reply) => {
    await endSession(db, req.cookies.kasa_session);
    reply.clearCookie('kasa_session', { path: '/' });
    return { ok: true };
  });
  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: 'The logged-in user', response: { 401: Err } } }, async (req, reply) => {
    if (!req.user) return reply.status(401).send({ error: { code: 'auth.required', message: 'Please log in.' } });
    return { user: req.user };
  });
}
