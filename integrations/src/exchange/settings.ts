// The scheduled exchange's settings, kept as one JSON row: on/off, when (every N minutes or daily at HH:MM),
// how (folders on a shared drive, or 1C's own "exchange with a site" over HTTP), and the HTTP key's hash.

import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@kasa/domain';
import type { Db } from '@kasa/db';

export type ExchangeMode = 'folder' | 'http';

export interface ExchangeSchedule {
  /** 'interval': every `everyMinutes`; 'daily': once a day at `dailyAt` (HH:MM, server time). */
  kind: 'interval' | 'daily';
  everyMinutes: number;
  dailyAt: string;
}

export interface ExchangeSettings {
  enabled: boolean;
  schedule: ExchangeSchedule;
  mode: ExchangeMode;
  /** Folder mode: where import.xml, offers.xml and documents.xml are written. */
  exportDir: string;
  /** Folder mode: where bank statements (*.txt) are dropped; they move to processed/ or rejected/ below it. HTTP mode keeps received files below it too. */
  inboxDir: string;
  /** The first run exports movements from this date (YYYY-MM-DD); later runs from the last successful run's end. */
  firstFrom: string;
  /** sha256 of the key 1C may use as its password instead of a user's (empty: users only). */
  httpKeyHash: string;
}

/** What the settings form sends: the key in clear once (never read back), or null to remove it. */
export type ExchangeSettingsInput = Omit<ExchangeSettings, 'httpKeyHash'> & { httpKey?: string | null };

export const DEFAULT_EXCHANGE_SETTINGS: ExchangeSettings = {
  enabled: false,
  schedule: { kind: 'interval', everyMinutes: 60, dailyAt: '02:00' },
  mode: 'folder',
  exportDir: '',
  inboxDir: '',
  firstFrom: '',
  httpKeyHash: '',
};

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export function exchangeKeyMatches(settings: ExchangeSettings, key: string): boolean {
  if (!settings.httpKeyHash || !key) return false;
  return timingSafeEqual(Buffer.from(hashKey(key), 'hex'), Buffer.from(settings.httpKeyHash, 'hex'));
}

export async function readExchangeSettings(db: Db): Promise<ExchangeSettings> {
  const row = await db.kysely.selectFrom('exchange_settings').select('value').where('id', '=', 1).executeTakeFirst();
  if (!row) return structuredClone(DEFAULT_EXCHANGE_SETTINGS);
  const stored = JSON.parse(row.value) as Partial<ExchangeSettings>;
  return { ...DEFAULT_EXCHANGE_SETTINGS, ...stored, schedule: { ...DEFAULT_EXCHANGE_SETTINGS.schedule, ...stored.schedule } };
}

function check(s: ExchangeSettingsInput): void {
  const bad = (field: string) => new DomainError('exchange.settings_invalid', { field }, 400);
  if (s.schedule.kind === 'interval' && !(Number.isInteger(s.schedule.everyMinutes) && s.schedule.everyMinutes >= 1 && s.schedule.everyMinutes <= 10_080)) throw bad('schedule.everyMinutes');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.schedule.dailyAt)) throw bad('schedule.dailyAt');
  if (s.firstFrom && !/^\d{4}-\d{2}-\d{2}$/.test(s.firstFrom)) throw bad('firstFrom');
  // A folder exchange needs its folders; an absolute path, since the server's working directory is nobody's business.
  if (s.mode === 'folder' && s.enabled && !s.exportDir.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(s.exportDir)) throw bad('exportDir');
  for (const field of ['exportDir', 'inboxDir'] as const) {
    if (s[field] && !s[field].startsWith('/') && !/^[A-Za-z]:[\\/]/.test(s[field])) throw bad(field);
  }
  if (s.httpKey !== undefined && s.httpKey !== null && s.httpKey.length < 12) throw bad('httpKey');
}

export async function writeExchangeSettings(db: Db, input: ExchangeSettingsInput): Promise<ExchangeSettings> {
  check(input);
  const current = await readExchangeSettings(db);
  const { httpKey, ...rest } = input;
  const next: ExchangeSettings = {
    ...rest,
    httpKeyHash: httpKey === undefined ? current.httpKeyHash : httpKey === null ? '' : hashKey(httpKey),
  };
  const now = new Date().toISOString();
  const value = JSON.stringify(next);
  await db.kysely
    .insertInto('exchange_settings')
    .values({ id: 1, value, updated_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ value, updated_at: now }))
    .execute();
  return next;
}

/** The settings as the back office shows them: whether a key is set, never its hash. */
export function publicExchangeSettings(s: ExchangeSettings): Omit<ExchangeSettings, 'httpKeyHash'> & { httpKeySet: boolean } {
  const { httpKeyHash, ...rest } = s;
  return { ...rest, httpKeySet: httpKeyHash !== '' };
}
