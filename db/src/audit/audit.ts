// The audit log: who did what, when, with the state before and after.

import type { Transaction, Kysely } from 'kysely';
import type { Database } from '../schema';

export async function audit(
  db: Transaction<Database> | Kysely<Database>,
  e: { userId: number | null; action: string; entity: string; entityId: string | number; before?: unknown; after?: unknown },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      user_id: e.userId,
      action: e.action,
      entity: e.entity,
      entity_id: String(e.entityId),
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}
