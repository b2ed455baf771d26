// The audit log: who did what, when, with the state before and after.

import type { Transaction, Kysely } from 'kysely';
import { param, preparedQuery } from '../connection';
import type { Database } from '../schema';

// Every operation writes one: built once per dialect.
const insertAudit = preparedQuery((k) =>
  k.insertInto('audit_log').values({
    at: param(0),
    user_id: param(1),
    action: param(2),
    entity: param(3),
    entity_id: param(4),
    before: param(5),
    after: param(6),
  }),
);

export async function audit(
  db: Transaction<Database> | Kysely<Database>,
  e: { userId: number | null; action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown },
): Promise<void> {
  await insertAudit(db, [
    new Date().toISOString(),
    e.userId,
    e.action,
    e.entity,
    String(e.entityId),
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
  ]);
}
