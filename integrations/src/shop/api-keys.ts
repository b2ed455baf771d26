// Shop API keys: `kasa_<prefix>_<secret>` shown once, stored as a sha256 hash, looked up by prefix, revocable.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';

export const SHOP_SCOPES = ['catalogue:read', 'stock:read', 'orders:write'] as const;
export type ShopScope = (typeof SHOP_SCOPES)[number];

/** The demo data's one shop key (printed at start and in the README); never created outside the demo. */
export const DEMO_SHOP_KEY = 'kasa_demo_shopkey0000000000000000';

export interface ApiKeyView {
  id: number;
  name: string;
  prefix: string;
  scopes: ShopScope[];
  createdAt: string;
  revokedAt: string | null;
}

export interface AuthenticatedKey {
  id: number;
  name: string;
  scopes: ShopScope[];
}

const KEY_FORMAT = /^kasa_([a-z0-9]{4,16})_([A-Za-z0-9]{16,64})$/;

export function hashApiKey(plain: string): string {
  return createHash('sha256').update(plain, 'utf8').digest('hex');
}

function checkScopes(scopes: readonly string[]): ShopScope[] {
  for (const s of scopes)
    if (!(SHOP_SCOPES as readonly string[]).includes(s))
      throw new DomainError('api_key.scope_unknown', { scope: s }, 400);
  if (scopes.length === 0) throw new DomainError('api_key.scopes_empty', {}, 400);
  return [...new Set(scopes)] as ShopScope[];
}

function view(r: {
  id: number;
  name: string;
  prefix: string;
  scopes: string;
  created_at: string;
  revoked_at: string | null;
}): ApiKeyView {
  return {
    id: Number(r.id),
    name: r.name,
    prefix: r.prefix,
    scopes: parseScopes(r.scopes),
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

function parseScopes(text: string): ShopScope[] {
  return text.split(' ').filter((s): s is ShopScope => (SHOP_SCOPES as readonly string[]).includes(s));
}

async function insertKey(
  db: Db,
  name: string,
  scopes: ShopScope[],
  prefix: string,
  plain: string,
): Promise<ApiKeyView> {
  const r = await db.kysely
    .insertInto('api_keys')
    .values({
      name,
      prefix,
      key_hash: hashApiKey(plain),
      scopes: scopes.join(' '),
      created_at: new Date().toISOString(),
      revoked_at: null,
    })
    .returning(['id', 'name', 'prefix', 'scopes', 'created_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
  return view(r);
}

/** Creates a key; the plain key is in the answer only, the database keeps its hash. */
export async function createApiKey(
  db: Db,
  input: { name: string; scopes: readonly string[] },
): Promise<{ key: string; apiKey: ApiKeyView }> {
  const name = input.name.trim();
  if (!name) throw new DomainError('api_key.name_required', {}, 400);
  const scopes = checkScopes(input.scopes);
  const prefix = randomBytes(4).toString('hex');
  const key = `kasa_${prefix}_${randomBytes(24).toString('base64url').replace(/[-_]/g, '0')}`;
  return { key, apiKey: await insertKey(db, name, scopes, prefix, key) };
}

export async function revokeApiKey(db: Db, id: number): Promise<ApiKeyView> {
  const r = await db.kysely.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new DomainError('api_key.not_found', { id }, 404);
  if (!r.revoked_at)
    await db.kysely
      .updateTable('api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  forget(db, id);
  const after = await db.kysely.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return view(after);
}

export async function listApiKeys(db: Db): Promise<ApiKeyView[]> {
  const rows = await db.kysely.selectFrom('api_keys').selectAll().orderBy('id').execute();
  return rows.map(view);
}

/** Makes sure the demo shop key exists with every scope; returns the plain key. */
export async function ensureDemoShopKey(db: Db): Promise<string> {
  const prefix = KEY_FORMAT.exec(DEMO_SHOP_KEY)![1]!;
  const existing = await db.kysely.selectFrom('api_keys').select('id').where('prefix', '=', prefix).executeTakeFirst();
  if (!existing) await insertKey(db, 'Demo online shop', [...SHOP_SCOPES], prefix, DEMO_SHOP_KEY);
  return DEMO_SHOP_KEY;
}

// Keys checked in the last few seconds, per database, by hash: a shop's burst of requests costs one lookup.
// Revoking here takes effect at once; revoked by another process, within CACHE_MS.
const CACHE_MS = 5000;
const checked = new WeakMap<object, Map<string, { key: AuthenticatedKey; until: number }>>();

function forget(db: Db, id: number): void {
  const m = checked.get(db.kysely);
  if (m) for (const [h, e] of m) if (e.key.id === id) m.delete(h);
}

/** Resolves an `Authorization` header to a live key, or refuses with 401 `auth.api_key_invalid`. */
export async function authenticateApiKey(db: Db, authorization: string | undefined): Promise<AuthenticatedKey> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const plain = m?.[1] ?? '';
  const parts = KEY_FORMAT.exec(plain);
  if (!parts) throw new DomainError('auth.api_key_invalid', {}, 401);
  const hash = hashApiKey(plain);
  let cache = checked.get(db.kysely);
  if (!cache) checked.set(db.kysely, (cache = new Map()));
  const hit = cache.get(hash);
  if (hit && hit.until > Date.now()) return hit.key;
  const r = await db.kysely.selectFrom('api_keys').selectAll().where('prefix', '=', parts[1]!).executeTakeFirst();
  if (!r || r.revoked_at) throw new DomainError('auth.api_key_invalid', {}, 401);
  const want = Buffer.from(r.key_hash, 'hex');
  const got = Buffer.from(hash, 'hex');
  if (want.length !== got.length || !timingSafeEqual(want, got)) throw new DomainError('auth.api_key_invalid', {}, 401);
  const key = { id: Number(r.id), name: r.name, scopes: parseScopes(r.scopes) };
  if (cache.size > 10_000) cache.clear();
  cache.set(hash, { key, until: Date.now() + CACHE_MS });
  return key;
}

export function requireScope(key: AuthenticatedKey, scope: ShopScope): void {
  if (!key.scopes.includes(scope)) throw new DomainError('auth.scope_missing', { scope }, 403);
}
