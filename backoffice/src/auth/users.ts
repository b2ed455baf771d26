// Users, groups and rights; sessions for the UIs.

import { randomBytes } from 'node:crypto';
import { DomainError } from '@kasa/domain';
import type { Actor, Db } from '@kasa/db';
import { hashSecret, pinLookup, verifySecret } from './passwords';

export interface SessionUser {
  id: number;
  username: string;
  name: string;
  language: string;
  group: string;
  rights: string[];
}

async function rightsOf(db: Db, groupId: number): Promise<string[]> {
  const rows = await db.kysely.selectFrom('group_rights').select('right_code').where('group_id', '=', groupId).execute();
  return rows.map((r) => r.right_code).sort();
}

async function toSessionUser(db: Db, u: { id: number; username: string; name: string; language: string; group_id: number }): Promise<SessionUser> {
  const g = await db.kysely.selectFrom('user_groups').select('code').where('id', '=', u.group_id).executeTakeFirst();
  return { id: Number(u.id), username: u.username, name: u.name, language: u.language, group: g?.code ?? '', rights: await rightsOf(db, Number(u.group_id)) };
}

export async function addUser(
  db: Db,
  u: { username: string; name: string; password?: string; pin?: string; group: string; language?: string },
): Promise<number> {
  const g = await db.kysely.selectFrom('user_groups').select('id').where('code', '=', u.group).executeTakeFirst();
  if (!g) throw new DomainError('user.group_unknown', { group: u.group }, 400);
  const exists = await db.kysely.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
  if (exists) throw new DomainError('user.exists', { username: u.username }, 409);
  if (u.pin && !/^\d{4,8}$/.test(u.pin)) throw new DomainError('user.pin_format', {}, 400);
  const r = await db.kysely
    .insertInto('users')
    .values({
      username: u.username,
      name: u.name,
      password_hash: u.password ? hashSecret(u.password) : null,
      pin_hash: u.pin ? hashSecret(u.pin) : null,
      pin_lookup: u.pin ? pinLookup(u.pin) : null,
      group_id: Number(g.id),
      language: u.language ?? 'en',
      active: 1,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function loginWithPassword(db: Db, username: string, password: string): Promise<SessionUser> {
  const u = await db.kysely.selectFrom('users').selectAll().where('username', '=', username).where('active', '=', 1).executeTakeFirst();
  if (!u || !verifySecret(password, u.password_hash)) throw new DomainError('auth.invalid_credentials', {}, 401);
  return toSessionUser(db, u);
}

export async function loginWithPin(db: Db, pin: string): Promise<SessionUser> {
  const u = await db.kysely.selectFrom('users').selectAll().where('pin_lookup', '=', pinLookup(pin)).where('active', '=', 1).executeTakeFirst();
  if (!u || !verifySecret(pin, u.pin_hash)) throw new DomainError('auth.invalid_credentials', {}, 401);
  return toSessionUser(db, u);
}

const SESSION_HOURS = 12;

export async function createSession(db: Db, userId: number): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  const now = new Date();
  await db.kysely
    .insertInto('sessions')
    .values({ id, user_id: userId, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString() })
    .execute();
  return id;
}

export async function sessionUser(db: Db, sessionId: string | undefined): Promise<SessionUser | null> {
  if (!sessionId) return null;
  const s = await db.kysely.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  if (!s || s.expires_at < new Date().toISOString()) return null;
  const u = await db.kysely.selectFrom('users').selectAll().where('id', '=', s.user_id).where('active', '=', 1).executeTakeFirst();
  return u ? toSessionUser(db, u) : null;
}

export async function endSession(db: Db, sessionId: string | undefined): Promise<void> {
  if (sessionId) await db.kysely.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export function actorOf(u: SessionUser): Actor {
  return { userId: u.id, rights: u.rights };
}
