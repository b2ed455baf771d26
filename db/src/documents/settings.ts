// Company settings the documents and the back office read: the purchase price tolerance, how a stocktake treats an
// item counted twice, where the label printer's bridge is, which warehouse each till sells from. Stored as text by key; unknown keys are refused.

import { DomainError } from '@kasa/domain';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../connection';
import type { Database } from '../schema';

export const SETTING_DEFAULTS = {
  /** A receiving line priced above the supplier's last receiving price by more than this waits for approval. */
  'purchase.price_tolerance_percent': '10',
  /** A stocktake's default for an item counted more than once: 'sum' the counts or 'flag' it for a recount. */
  'stocktake.duplicates': 'sum',
  /** The device bridge the back office sends labels to (same PC in the demo) and its token. */
  'labels.bridge_url': 'http://127.0.0.1:7070',
  'labels.bridge_token': '',
  'labels.template': 'price-tag',
  /** Which warehouse each till's receipts take stock from: `TILLCODE=WAREHOUSECODE` pairs, one per line or
   * comma-separated. A till not listed sells from the first store warehouse. */
  'till.warehouses': '',
  /** Which price group each till sells at: `TILLCODE=PRICEGROUPCODE` pairs. A till not listed sells at the default
   * price group. A change sends the whole catalogue to the tills again. */
  'till.price_groups': '',
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;
export type Settings = Record<SettingKey, string>;

const VALID: Record<SettingKey, (v: string) => boolean> = {
  'purchase.price_tolerance_percent': (v) => /^\d{1,3}(\.\d{1,2})?$/.test(v),
  'stocktake.duplicates': (v) => v === 'sum' || v === 'flag',
  'labels.bridge_url': (v) => v === '' || /^https?:\/\/[^\s]+$/.test(v),
  'labels.bridge_token': (v) => v.length <= 200,
  'labels.template': (v) => v === 'price-tag' || v === 'shelf-label',
  'till.warehouses': (v) => parseTillPairs(v) !== null,
  'till.price_groups': (v) => parseTillPairs(v) !== null,
};

/** `T1=STORE, T2=KIOSK` (or one pair per line) as a map from till code to a warehouse or price group code; null
 * when malformed or a till is named twice. */
export function parseTillPairs(v: string): Map<string, string> | null {
  const out = new Map<string, string>();
  for (const part of v.split(/[,\n;]/)) {
    const pair = part.trim();
    if (!pair) continue;
    const m = /^([A-Za-z0-9_-]{1,20})\s*=\s*([A-Za-z0-9_.-]{1,50})$/.exec(pair);
    if (!m || out.has(m[1]!)) return null;
    out.set(m[1]!, m[2]!);
  }
  return out;
}

/** The price group a till sells at: the one the till.price_groups setting names, else the default one (null when the
 * company has no price group at all). */
export async function tillPriceGroup(k: Reader, tillCode: string | undefined) {
  const code = tillCode === undefined ? undefined : parseTillPairs(await readSetting(k, 'till.price_groups'))?.get(tillCode);
  const q = k.selectFrom('price_groups').selectAll();
  const g = await (code === undefined ? q.orderBy('is_default', 'desc').orderBy('code') : q.where('code', '=', code)).executeTakeFirst();
  if (!g && code !== undefined) throw new DomainError('till.price_group_unknown', { till: tillCode, priceGroup: code }, 409);
  return g ?? null;
}

/** The warehouse a till's receipts post to: the one the till.warehouses setting names, else the first store
 * (non-transit) warehouse. A mapping to a warehouse that no longer exists is an error, not a silent fallback. */
export async function tillWarehouseId(k: Reader, tillCode: string): Promise<number> {
  const code = parseTillPairs(await readSetting(k, 'till.warehouses'))?.get(tillCode);
  const q = k.selectFrom('warehouses').select('id').where('is_transit', '=', 0);
  const wh = await (code === undefined ? q.orderBy('id') : q.where('code', '=', code)).executeTakeFirst();
  if (!wh) throw code === undefined ? new DomainError('company.missing', {}, 409) : new DomainError('till.warehouse_unknown', { till: tillCode, warehouse: code }, 409);
  return Number(wh.id);
}

export function isSettingKey(k: string): k is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTING_DEFAULTS, k);
}

type Reader = Kysely<Database> | Transaction<Database>;

export async function readSettings(k: Reader): Promise<Settings> {
  const rows = await k.selectFrom('settings').select(['key', 'value']).execute();
  const out: Settings = { ...SETTING_DEFAULTS };
  for (const r of rows) if (isSettingKey(r.key)) out[r.key] = r.value;
  return out;
}

export async function readSetting(k: Reader, key: SettingKey): Promise<string> {
  const r = await k.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value ?? SETTING_DEFAULTS[key];
}

export async function writeSettings(db: Db, changes: Record<string, string>): Promise<Settings> {
  for (const [key, value] of Object.entries(changes)) {
    if (!isSettingKey(key)) throw new DomainError('settings.unknown', { key }, 400);
    if (!VALID[key](value)) throw new DomainError('settings.invalid', { key, value }, 400);
  }
  if (changes['till.warehouses'] !== undefined) {
    const stores = new Set((await db.kysely.selectFrom('warehouses').select('code').where('is_transit', '=', 0).execute()).map((w) => w.code));
    for (const [till, warehouse] of parseTillPairs(changes['till.warehouses'])!)
      if (!stores.has(warehouse)) throw new DomainError('till.warehouse_unknown', { till, warehouse }, 400);
  }
  if (changes['till.price_groups'] !== undefined) {
    const groups = new Set((await db.kysely.selectFrom('price_groups').select('code').execute()).map((g) => g.code));
    for (const [till, priceGroup] of parseTillPairs(changes['till.price_groups'])!)
      if (!groups.has(priceGroup)) throw new DomainError('till.price_group_unknown', { till, priceGroup }, 400);
  }
  const before = await readSettings(db.kysely);
  const now = new Date().toISOString();
  await db.kysely.transaction().execute(async (trx) => {
    for (const [key, value] of Object.entries(changes))
      await trx
        .insertInto('settings')
        .values({ key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    // Other prices at some till: every item goes to the tills again (after every number handed out so far).
    if (changes['till.price_groups'] !== undefined && changes['till.price_groups'] !== before['till.price_groups']) {
      const max = await trx.selectFrom('items').select((eb) => eb.fn.max('change_seq').as('m')).executeTakeFirst();
      await trx.updateTable('items').set({ change_seq: sql`${Number(max?.m ?? 0) + 1} + id` }).execute();
    }
  });
  return readSettings(db.kysely);
}
