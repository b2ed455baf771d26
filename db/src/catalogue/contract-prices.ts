// Supplier contract prices: the net purchase price agreed with a supplier for an item from one day to another
// (the last day included; open-ended until ended). A new price from a later day ends the open one the day before,
// so one item of one supplier never has two prices on the same day. Purchase price control reads them.

import { DomainError } from '@kasa/domain';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../connection';
import type { Database } from '../schema';
import { audit } from '../audit/audit';

export interface ContractPrice {
  id: number;
  partnerId: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  /** Net of VAT, minor units. */
  priceMinor: number;
  currency: string;
  validFrom: string;
  /** Last day the price holds, or null while it is open-ended. */
  validTo: string | null;
}

export interface ContractPriceInput {
  itemId: number;
  priceMinor: number;
  validFrom: string;
  validTo?: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function checkDay(field: string, value: string): void {
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value)
    throw new DomainError('validation.date', { field, value }, 400);
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

type Q = Kysely<Database> | Transaction<Database>;

function baseQuery(k: Q) {
  return k
    .selectFrom('contract_prices as c')
    .innerJoin('items as i', 'i.id', 'c.item_id')
    .select(['c.id', 'c.partner_id', 'c.item_id', 'i.code', 'i.name', 'c.price_minor', 'c.currency', 'c.valid_from', 'c.valid_to']);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;
const view = (r: Row): ContractPrice => ({
  id: Number(r.id),
  partnerId: Number(r.partner_id),
  itemId: Number(r.item_id),
  itemCode: r.code,
  itemName: r.name,
  priceMinor: Number(r.price_minor),
  currency: r.currency,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

async function supplier(k: Q, partnerId: number): Promise<void> {
  const p = await k.selectFrom('partners').select('kind').where('id', '=', partnerId).executeTakeFirst();
  if (!p) throw new DomainError('partner.unknown', { partner: partnerId }, 404);
  if (p.kind !== 'supplier' && p.kind !== 'both') throw new DomainError('contract_price.not_supplier', { partner: partnerId }, 400);
}

/** A supplier's contract prices, by item code, newest period first. */
export async function listContractPrices(db: Db, partnerId: number): Promise<ContractPrice[]> {
  await supplier(db.kysely, partnerId);
  const rows = await baseQuery(db.kysely).where('c.partner_id', '=', partnerId).orderBy('i.code').orderBy('c.valid_from', 'desc').orderBy('c.id', 'desc').execute();
  return rows.map(view);
}

/**
 * Adds a contract price. An open-ended price of the same item that starts earlier ends the day before the new one;
 * any other overlap is refused (409 contract_price.overlap), so the price on a day is never ambiguous.
 */
export async function addContractPrice(db: Db, userId: number | null, partnerId: number, input: ContractPriceInput): Promise<ContractPrice> {
  checkDay('validFrom', input.validFrom);
  if (input.validTo != null) {
    checkDay('validTo', input.validTo);
    if (input.validTo < input.validFrom) throw new DomainError('contract_price.period', { from: input.validFrom, to: input.validTo }, 400);
  }
  if (!Number.isSafeInteger(input.priceMinor) || input.priceMinor < 0) throw new DomainError('validation.price', { item: input.itemId, price: input.priceMinor }, 400);
  const id = await db.kysely.transaction().execute(async (trx) => {
    await supplier(trx, partnerId);
    const item = await trx.selectFrom('items').select('id').where('id', '=', input.itemId).executeTakeFirst();
    if (!item) throw new DomainError('item.unknown', { item: input.itemId }, 404);
    const company = await trx.selectFrom('companies').select('currency').orderBy('id').executeTakeFirstOrThrow();
    const existing = await trx
      .selectFrom('contract_prices')
      .select(['id', 'valid_from', 'valid_to'])
      .where('partner_id', '=', partnerId)
      .where('item_id', '=', input.itemId)
      .execute();
    const to = input.validTo ?? '9999-12-31';
    for (const e of existing) {
      const eTo = e.valid_to ?? '9999-12-31';
      if (e.valid_from > to || eTo < input.validFrom) continue;
      if (e.valid_to === null && e.valid_from < input.validFrom) {
        await trx.updateTable('contract_prices').set({ valid_to: dayBefore(input.validFrom) }).where('id', '=', e.id).execute();
        await audit(trx, { userId, action: 'end', entity: 'contract_price', entityId: Number(e.id), before: { validTo: null }, after: { validTo: dayBefore(input.validFrom) } });
        continue;
      }
      throw new DomainError('contract_price.overlap', { from: e.valid_from, to: e.valid_to ?? '…' }, 409);
    }
    const r = await trx
      .insertInto('contract_prices')
      .values({
        partner_id: partnerId,
        item_id: input.itemId,
        price_minor: input.priceMinor,
        currency: company.currency,
        valid_from: input.validFrom,
        valid_to: input.validTo ?? null,
        created_by: userId,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { userId, action: 'create', entity: 'contract_price', entityId: Number(r.id), after: { partnerId, ...input } });
    return Number(r.id);
  });
  return view(await baseQuery(db.kysely).where('c.id', '=', id).executeTakeFirstOrThrow());
}

/** Ends a supplier's contract price on `validTo` (its last day); it may not end before it starts. */
export async function endContractPrice(db: Db, userId: number | null, partnerId: number, id: number, validTo: string): Promise<ContractPrice> {
  checkDay('validTo', validTo);
  await db.kysely.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('contract_prices').select(['valid_from', 'valid_to']).where('id', '=', id).where('partner_id', '=', partnerId).executeTakeFirst();
    if (!c) throw new DomainError('contract_price.unknown', { id }, 404);
    if (validTo < c.valid_from) throw new DomainError('contract_price.period', { from: c.valid_from, to: validTo }, 400);
    await trx.updateTable('contract_prices').set({ valid_to: validTo }).where('id', '=', id).execute();
    await audit(trx, { userId, action: 'end', entity: 'contract_price', entityId: id, before: { validTo: c.valid_to }, after: { validTo } });
  });
  return view(await baseQuery(db.kysely).where('c.id', '=', id).executeTakeFirstOrThrow());
}

/** The contract price of each item valid on `date` for the supplier, if any. */
export async function contractPricesOn(k: Q, partnerId: number, itemIds: number[], date: string): Promise<Map<number, ContractPrice>> {
  const out = new Map<number, ContractPrice>();
  if (itemIds.length === 0) return out;
  const rows = await baseQuery(k)
    .where('c.partner_id', '=', partnerId)
    .where('c.item_id', 'in', itemIds)
    .where('c.valid_from', '<=', date)
    .where((eb) => eb.or([eb('c.valid_to', 'is', null), eb('c.valid_to', '>=', date)]))
    .orderBy('c.valid_from', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  for (const r of rows) if (!out.has(Number(r.item_id))) out.set(Number(r.item_id), view(r));
  return out;
}
