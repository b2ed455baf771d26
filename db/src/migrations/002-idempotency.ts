// 002: idempotency keys for every retried API write (a till's receipt, a terminal's scan, a shop's order):
// the first answer is stored with a hash of the request, so a retry gets the same answer and a reused key with
// another body is refused.

import type { AnyDb } from './ddl';

export function idempotency() {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();
    },
    async down(db: AnyDb): Promise<void> {
      await db.schema.dropTable('idempotency_keys').execute();
    },
  };
}
