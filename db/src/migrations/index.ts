// Migrations run on start and by `kasa migrate`; a database newer than this code refuses to start.

import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { DomainError } from '@kasa/domain';
import type { Db } from '../connection';
import { initial } from './001-initial';
import { idempotency } from './002-idempotency';
import { production } from './003-production';
import { shopOrders } from './004-shop-orders';
import { backoffice } from './005-backoffice';
import { bank } from './006-bank';
import { exchange } from './008-exchange';
import { contractPrices } from './009-contract-prices';
import { shopReservedTotals } from './007-shop-reserved-totals';
import { shopOrderPages } from './010-shop-order-pages';

export function migrationsFor(db: Db): Record<string, Migration> {
  return {
    '001-initial': initial(db.kind),
    '002-idempotency': idempotency(),
    '003-production': production(db.kind),
    '004-shop-orders': shopOrders(db.kind),
    '005-backoffice': backoffice(db.kind),
    '006-bank': bank(db.kind),
    '008-exchange': exchange(db.kind),
    '009-contract-prices': contractPrices(db.kind),
    '007-shop-reserved-totals': shopReservedTotals(),
    '010-shop-order-pages': shopOrderPages(db.kind),
  };
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrations = migrationsFor(db);
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({ db: db.kysely, provider, allowUnorderedMigrations: true });
  const known = new Set(Object.keys(migrations));
  const applied = await migrator.getMigrations();
  // Kysely lists executed-but-unknown migrations only by failing; read its table directly.
  const tables = await db.kysely.introspection.getTables({ withInternalKyselyTables: true });
  if (tables.some((t) => t.name === 'kysely_migration')) {
    const rows = await db.kysely
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .selectFrom('kysely_migration' as any)
      .select('name')
      .execute();
    const unknown = rows.map((r) => String((r as { name: string }).name)).filter((n) => !known.has(n));
    if (unknown.length)
      throw new DomainError('db.newer_than_code', { migrations: unknown.join(', ') }, 500);
  }
  void applied;
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
