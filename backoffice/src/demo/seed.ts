// The demo company "Kasa Demo SIA" (Latvia, EUR): catalogue, prices, partners, staff and number series in one
// transaction, then a year's posted history through the document engine, so stock, costs and registers look lived-in.

import { DOCUMENT_TYPES, dec, type DocumentType } from '@kasa/domain';
import { createMinimalCompany, DEFAULT_SERIES, DEFAULT_SERIES_FORMAT, type Db } from '@kasa/db';
import { ensureDemoShopKey } from '@kasa/integrations';
import { addUser } from '../auth/users';
import { DEMO_GROUPS, demoCatalogue, type DemoItem } from './catalogue';
import { DEMO_PARTNERS, DEMO_USER_GROUPS, DEMO_USERS, latvianIban } from './people';
import { postDemoHistory } from './history';
import { postDemoContractPrices } from './contract-prices';
import { postDemoProduction } from './recipes';

export const DEMO_COMPANY_NAME = 'Kasa Demo SIA';
export const DEMO_YEAR = 2026;
const PRICES_FROM = '2026-01-01';
const CHUNK = 200;

export interface DemoIds {
  companyId: number;
  warehouses: Record<string, number>;
  vat: Record<string, number>;
  items: Array<DemoItem & { id: number }>;
  partners: Record<string, number>;
  priceGroups: Record<string, number>;
  adminUserId: number;
}

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Wholesale price without VAT: the retail price net of VAT, less 15 %. */
export function wholesaleMinor(retailMinor: number, vatRate: string): number {
  return dec(retailMinor).mul(100).div(dec(vatRate).plus(100)).mul(85).div(100).toDecimalPlaces(0).toNumber();
}

/** True when the database already holds a company (demo or real). */
export async function hasCompany(db: Db): Promise<boolean> {
  const c = await db.kysely.selectFrom('companies').select('id').limit(1).executeTakeFirst();
  return c !== undefined;
}

/** Creates the demo company in an empty database; false (and nothing touched) when a company exists. */
export async function createDemoIfEmpty(db: Db): Promise<boolean> {
  if (await hasCompany(db)) return false;
  await createDemo(db);
  return true;
}

export async function createDemo(db: Db): Promise<DemoIds> {
  const ids = await db.kysely.transaction().execute((trx) => createMasterData({ ...db, kysely: trx }));
  await postDemoHistory(db, ids);
  await postDemoProduction(db, ids);
  await postDemoContractPrices(db, ids);
  // The online shop's example key (integrations/src/shop/README.md), so its curl examples work at once.
  await ensureDemoShopKey(db);
  return ids;
}

async function createMasterData(db: Db): Promise<DemoIds> {
  const k = db.kysely;
  const now = new Date().toISOString();
  const base = await createMinimalCompany(db, {
    name: DEMO_COMPANY_NAME,
    country: 'LV',
    currency: 'EUR',
    cashRounding: 'none',
    warehouses: [
      { code: 'STORE', name: 'Veikals', negativeStock: 'forbid' },
      { code: 'BAKERY', name: 'Ceptuve', negativeStock: 'forbid' },
    ],
  });
  await k.updateTable('companies').set({ tax_number: 'LV40103999991' }).where('id', '=', base.companyId).execute();
  for (const [code, name] of [['pcs', 'gab.'], ['kg', 'kg'], ['l', 'l']] as const) {
    await k.updateTable('units').set({ name }).where('code', '=', code).execute();
  }
  for (const [code, name] of [['standard', 'PVN 21 %'], ['reduced', 'PVN 12 %'], ['super-reduced', 'PVN 5 %'], ['zero', 'PVN 0 %']] as const) {
    await k.updateTable('vat_groups').set({ name }).where('code', '=', code).execute();
  }
  const vatRate: Record<string, string> = { standard: '21', reduced: '12', 'super-reduced': '5', zero: '0' };

  const groupIds: Record<string, number> = {};
  for (const g of DEMO_GROUPS) {
    const r = await k
      .insertInto('item_groups')
      .values({ code: g.code, name: g.name, parent_id: g.parent ? groupIds[g.parent]! : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    groupIds[g.code] = Number(r.id);
  }

  const catalogue = demoCatalogue();
  const itemId = new Map<string, number>();
  let seq = 0;
  for (const part of chunks(catalogue)) {
    const rows = await k
      .insertInto('items')
      .values(
        part.map((i) => ({
          code: i.code,
          name: i.name,
          unit: i.unit,
          vat_group_id: base.vat[i.vat]!,
          group_id: groupIds[i.group]!,
          goods_type: 'sale',
          weighted: i.weighted ? 1 : 0,
          marked: i.marked ? 1 : 0,
          produced: i.produced ? 1 : 0,
          costing: 'average',
          standard_cost_minor: null,
          active: 1,
          updated_at: now,
          change_seq: ++seq,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    for (const r of rows) itemId.set(r.code, Number(r.id));
  }
  const items = catalogue.map((i) => ({ ...i, id: itemId.get(i.code)! }));

  const barcodes = items.flatMap((i) => [
    ...i.barcodes.map((code) => ({ code, item_id: i.id, pack_quantity: '1' })),
    ...(i.packBarcode ? [{ code: i.packBarcode, item_id: i.id, pack_quantity: '6' }] : []),
  ]);
  for (const part of chunks(barcodes)) await k.insertInto('barcodes').values(part).execute();

  const priceGroups: Record<string, number> = {};
  for (const pg of [
    { code: 'RETAIL', name: 'Mazumtirdzniecība', currency: 'EUR', tax_included: 1, is_default: 1 },
    { code: 'WHOLESALE', name: 'Vairumtirdzniecība', currency: 'EUR', tax_included: 0, is_default: 0 },
  ]) {
    const r = await k.insertInto('price_groups').values(pg).returning('id').executeTakeFirstOrThrow();
    priceGroups[pg.code] = Number(r.id);
  }
  const prices = items.flatMap((i) => [
    { price_group_id: priceGroups.RETAIL!, item_id: i.id, price_minor: i.retailMinor, valid_from: PRICES_FROM, created_at: now },
    ...(i.produced ? [] : [{ price_group_id: priceGroups.WHOLESALE!, item_id: i.id, price_minor: wholesaleMinor(i.retailMinor, vatRate[i.vat]!), valid_from: PRICES_FROM, created_at: now }]),
  ]);
  for (const part of chunks(prices)) await k.insertInto('prices').values(part).execute();

  const partners: Record<string, number> = {};
  for (const [n, p] of DEMO_PARTNERS.entries()) {
    const r = await k
      .insertInto('partners')
      .values({
        code: p.code,
        name: p.name,
        tax_number: p.regNo.startsWith('9') ? null : `LV${p.regNo}`,
        bank_account: latvianIban(p.bank, String(1000000000000 + 7919 * (n + 1) * 104729).slice(0, 13)),
        kind: p.kind,
        price_group_id: p.wholesale ? priceGroups.WHOLESALE! : p.kind === 'customer' ? priceGroups.RETAIL! : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    partners[p.code] = Number(r.id);
  }

  for (const g of DEMO_USER_GROUPS) {
    const r = await k.insertInto('user_groups').values({ code: g.code, name: g.name }).returning('id').executeTakeFirstOrThrow();
    await k.insertInto('group_rights').values(g.rights.map((right_code) => ({ group_id: Number(r.id), right_code }))).execute();
  }
  let adminUserId = 0;
  for (const u of DEMO_USERS) {
    const id = await addUser(db, u);
    if (u.username === 'admin') adminUserId = id;
  }

  await k
    .insertInto('number_series')
    .values(
      (DOCUMENT_TYPES as readonly DocumentType[]).map((type) => ({
        code: DEFAULT_SERIES[type],
        doc_type: type,
        year: DEMO_YEAR,
        next_number: 1,
        format: DEFAULT_SERIES_FORMAT,
      })),
    )
    .execute();

  return { companyId: base.companyId, warehouses: base.warehouses, vat: base.vat, items, partners, priceGroups, adminUserId };
}
