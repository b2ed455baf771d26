// 008: the scheduled exchange with the accountant's 1C: its settings (one row, JSON), each run with its period,
// progress and outcome, and every file sent or received in a run. Both databases.

import type { DialectKind } from '../connection';
import { idColumn, type AnyDb } from './ddl';

export function exchange(dialect: DialectKind) {
  const withId = idColumn(dialect);
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('exchange_settings')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('exchange_runs'))
        // 'schedule' | 'manual' | 'http'
        .addColumn('trigger', 'text', (c) => c.notNull())
        // 'folder' | 'http'
        .addColumn('mode', 'text', (c) => c.notNull())
        // 'running' | 'ok' | 'failed'
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('period_from', 'text')
        .addColumn('period_to', 'text')
        .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('progress_total', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('exchange_runs_status').on('exchange_runs').columns(['status', 'id']).execute();
      await withId(db.schema.createTable('exchange_entries'))
        .addColumn('run_id', 'bigint', (c) => c.notNull().references('exchange_runs.id'))
        // 'sent' | 'received'
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        // 'ok' | 'rejected' | 'failed'
        .addColumn('status', 'text', (c) => c.notNull())
        // JSON: what the file held (goods, offers, documents; imported, duplicates, rejected)
        .addColumn('counts', 'text', (c) => c.notNull())
        .addColumn('error', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exchange_entries_run').on('exchange_entries').columns(['run_id', 'id']).execute();
    },
    async down(db: AnyDb): Promise<void> {
      await db.schema.dropTable('exchange_entries').execute();
      await db.schema.dropTable('exchange_runs').execute();
      await db.schema.dropTable('exchange_settings').execute();
    },
  };
}
