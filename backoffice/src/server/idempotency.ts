// Idempotency keys for retried writes: the first request with a key claims it, runs, and stores its answer; a retry
// with the same key and body gets that answer again; the same key with another body is refused.

import { createHash } from 'node:crypto';
import { DomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';

export interface Stored<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
}

export async function withIdempotency<T>(
  db: Db,
  scope: string,
  key: string | undefined,
  body: unknown,
  run: () => Promise<{ statusCode: number; body: T }>,
): Promise<Stored<T>> {
  if (key === undefined || key === '') return { ...(await run()), replayed: false };
  if (!KEY.test(key)) throw new DomainError('idempotency.key_invalid', {}, 400);
  const hash = requestHash(body);
  const k = db.kysely;
  const claimed = await k
    .insertInto('idempotency_keys')
    .values({ scope, key, request_hash: hash, status_code: 0, response: '', created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
    const row = await k.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirstOrThrow();
    if (row.request_hash !== hash) throw new DomainError('idempotency.conflict', { key }, 409);
    if (row.status_code === 0) throw new DomainError('idempotency.in_progress', { key }, 409);
    return { statusCode: row.status_code, body: JSON.parse(row.response) as T, replayed: true };
  }
  try {
    const result = await run();
    await k
      .updateTable('idempotency_keys')
      .set({ status_code: result.statusCode, response: JSON.stringify(result.body) })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
    return { ...result, replayed: false };
  } catch (e) {
    // A refused request did nothing; the same key may be tried again once the cause is fixed.
    await k.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
    throw e;
  }
}
