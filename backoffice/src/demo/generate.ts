// Benchmark data on top of a company (issue 3): N goods G000001… with EAN-13 barcodes and shelf prices, inserted in
// batches, and M stock movements posted as real receivings and sales through the document engine, so balances,
// average costs and the audit trail stay exactly what a shop that did this work would have.

import { DomainError, dec, withCheckDigit } from '@kasa/domain';
import { createAndPostInTransaction, SYSTEM_ACTOR, type Actor, type Db, type DocumentLineInput } from '@kasa/db';

export interface GenerateOptions {
  items: number;
  movements: number;
  /** Lines per receiving or sale; each line is one stock movement. */
  linesPerDocument?: number;
  /** Goods per transaction. */
  itemBatch?: number;
  /** Document date, YYYY-MM-DD; today by default. With `days`, the last of the days. */
  date?: string;
  /** Spread the documents over this many consecutive days ending on `date`, in date order (default 1). */
  days?: number;
  /** Spread the documents over the first N shop warehouses (not transit), each pass over the goods one further on (default 1). */
  warehouses?: number;
  onProgress?: (p: GenerateProgress) => void;
}

export interface GenerateProgress {
  phase: 'items' | 'movements';
  done: number;
  total: number;
}

export interface GenerateSummary {
  items: number;
  firstCode: string | null;
  lastCode: string | null;
  barcodes: number;
  prices: number;
  priceGroup: string | null;
  documents: number;
  movements: number;
  warehouse: string;
  /** Codes of the warehouses the movements went to, the first one being `warehouse`. */
  warehouses: string[];
  itemsMs: number;
  movementsMs: number;
}

export const GENERATED_CODE_PREFIX = 'G';
/** Generated barcodes: 477 + the item's number in 9 digits + check digit; far from the demo's 475/400 codes. */
export const GENERATED_BARCODE_PREFIX = '477';

export const generatedCode = (n: number) => `${GENERATED_CODE_PREFIX}${String(n).padStart(6, '0')}`;
export const generatedBarcode = (n: number) => withCheckDigit(`${GENERATED_BARCODE_PREFIX}${String(n).padStart(9, '0')}`);

/** Shelf price of generated good n: 0.99 … 99.98, spread so no two neighbours cost the same. */
export const generatedPriceMinor = (n: number) => 99 + ((n * 7919) % 9900);
/** Purchase price without VAT: 60 % of the shelf price, whole cents. */
const costMinor = (n: number) => dec(generatedPriceMinor(n)).mul(60).div(100).toDecimalPlaces(0).toNumber();

const SUB_CHUNK = 500;

function slices<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function generateBenchmarkData(db: Db, options: GenerateOptions): Promise<GenerateSummary> {
  const k = db.kysely;
  const company = await k.selectFrom('companies').select('id').orderBy('id').executeTakeFirst();
  if (!company) throw new DomainError('company.missing', {}, 409);
  const perDocument = Math.max(1, options.linesPerDocument ?? 1000);
  const itemBatch = Math.max(1, options.itemBatch ?? 5000);
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const progress = options.onProgress ?? (() => {});

  const shopWarehouses = await k
    .selectFrom('warehouses')
    .select(['id', 'code'])
    .where('is_transit', '=', 0)
    .orderBy('id')
    .limit(Math.max(1, options.warehouses ?? 1))
    .execute();
  const warehouse = shopWarehouses[0];
  if (!warehouse) throw new DomainError('company.missing', {}, 409);
  const vat =
    (await k.selectFrom('vat_groups').select('id').where('code', '=', 'standard').executeTakeFirst()) ??
    (await k.selectFrom('vat_groups').select('id').orderBy('id').executeTakeFirst());
  if (!vat) throw new DomainError('company.missing', {}, 409);
  const unit = (await k.selectFrom('units').select('code').where('code', '=', 'pcs').executeTakeFirst()) ?? (await k.selectFrom('units').select('code').orderBy('code').executeTakeFirst());
  if (!unit) throw new DomainError('company.missing', {}, 409);
  const priceGroup = await k.selectFrom('price_groups').select(['id', 'code']).orderBy('is_default', 'desc').orderBy('code').executeTakeFirst();
  const supplier =
    (await k.selectFrom('partners').select('id').where('kind', '=', 'supplier').orderBy('id').executeTakeFirst()) ??
    (await k.selectFrom('partners').select('id').orderBy('id').executeTakeFirst());
  const admin = await k
    .selectFrom('users')
    .innerJoin('user_groups', 'user_groups.id', 'users.group_id')
    .select('users.id')
    .where('user_groups.code', '=', 'admin')
    .orderBy('users.id')
    .executeTakeFirst();
  const actor: Actor = admin ? { userId: Number(admin.id), rights: ['*'] } : SYSTEM_ACTOR;

  // A second run continues after the last generated good and the last change sequence number.
  const lastCode = await k.selectFrom('items').select('code').where('code', 'like', `${GENERATED_CODE_PREFIX}%`).orderBy('code', 'desc').executeTakeFirst();
  const firstNumber = (lastCode && /^G\d+$/.test(lastCode.code) ? Number(lastCode.code.slice(1)) : 0) + 1;
  const seqRow = await k.selectFrom('items').select((eb) => eb.fn.max('change_seq').as('m')).executeTakeFirst();
  let seq = Number(seqRow?.m ?? 0);

  const started = Date.now();
  const now = new Date().toISOString();
  const validFrom = date;
  /** [item id, generated number] of this run's goods, in code order. */
  const pool: Array<[number, number]> = [];
  let barcodes = 0;
  let prices = 0;
  for (let from = 0; from < options.items; from += itemBatch) {
    const numbers = Array.from({ length: Math.min(itemBatch, options.items - from) }, (_, i) => firstNumber + from + i);
    await k.transaction().execute(async (trx) => {
      for (const part of slices(numbers, SUB_CHUNK)) {
        const rows = await trx
          .insertInto('items')
          .values(
            part.map((n) => ({
              code: generatedCode(n),
              name: `Generated good ${generatedCode(n)}`,
              unit: unit.code,
              vat_group_id: Number(vat.id),
              group_id: null,
              goods_type: 'sale',
              weighted: 0,
              marked: 0,
              produced: 0,
              costing: 'average',
              standard_cost_minor: null,
              active: 1,
              updated_at: now,
              change_seq: ++seq,
            })),
          )
          .returning(['id', 'code'])
          .execute();
        const idOf = new Map(rows.map((r) => [r.code, Number(r.id)]));
        const ids = part.map((n) => [idOf.get(generatedCode(n))!, n] as [number, number]);
        pool.push(...ids);
        await trx.insertInto('barcodes').values(ids.map(([id, n]) => ({ code: generatedBarcode(n), item_id: id, pack_quantity: '1' }))).execute();
        barcodes += ids.length;
        if (priceGroup) {
          await trx
            .insertInto('prices')
            .values(ids.map(([id, n]) => ({ price_group_id: Number(priceGroup.id), item_id: id, price_minor: generatedPriceMinor(n), valid_from: validFrom, created_at: now })))
            .execute();
          prices += ids.length;
        }
      }
    });
    progress({ phase: 'items', done: from + numbers.length, total: options.items });
  }
  const itemsMs = Date.now() - started;

  // Movements: goods run through in slices of one document each; every slice is received (10…49 pcs) and then
  // mostly sold (1…7 pcs), so the stock never goes negative and the average cost is the purchase price. Slice j of
  // the p-th pass over the goods goes to warehouse (j + p) mod W, so a good ends up in as many warehouses as passes.
  if (options.movements > 0 && pool.length === 0) {
    const existing = await k.selectFrom('items').select(['id', 'code']).where('code', 'like', `${GENERATED_CODE_PREFIX}%`).where('active', '=', 1).orderBy('code').execute();
    for (const r of existing) if (/^G\d+$/.test(r.code)) pool.push([Number(r.id), Number(r.code.slice(1))]);
    if (pool.length === 0) throw new DomainError('generate.no_items', {}, 409);
  }
  const movementsStarted = Date.now();
  const lines = Math.min(perDocument, pool.length || 1);
  let receiptLeft = Math.ceil(options.movements / 2);
  let saleLeft = options.movements - receiptLeft;
  let cursor = 0;
  let documents = 0;
  let movements = 0;
  let sliceNo = 0;
  let pass = 0;
  let receivingNo = 0;
  const days = Math.max(1, options.days ?? 1);
  const lastDay = Date.parse(`${date}T00:00:00Z`);
  const receivings = Math.max(1, Math.ceil(Math.ceil(options.movements / 2) / lines));
  /** Receiving k (and its sale) is dated day ⌊k·days/receivings⌋ of the period, so dates only go forward. */
  const dateOf = (k: number) =>
    days === 1 ? date : new Date(lastDay - (days - 1 - Math.floor((k * days) / receivings)) * 86_400_000).toISOString().slice(0, 10);
  while (receiptLeft > 0 || saleLeft > 0) {
    const n = Math.min(lines, receiptLeft);
    const to = shopWarehouses[(sliceNo + pass) % shopWarehouses.length]!;
    const on = dateOf(receivingNo++);
    const slice: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) slice.push(pool[(cursor + i) % pool.length]!);
    if (cursor + n >= pool.length) {
      pass++;
      sliceNo = 0;
    } else sliceNo++;
    cursor = (cursor + n) % pool.length;
    const received: DocumentLineInput[] = slice.map(([id, num]) => ({ itemId: id, quantity: String(10 + (num % 40)), priceMinor: costMinor(num) }));
    const sold: DocumentLineInput[] = slice
      .slice(0, Math.min(n, saleLeft))
      .map(([id, num]) => ({ itemId: id, quantity: String(1 + (num % 7)), priceMinor: generatedPriceMinor(num) }));
    await k.transaction().execute(async (trx) => {
      await createAndPostInTransaction(trx, db, actor, { type: 'receiving', date: on, warehouseId: Number(to.id), partnerId: supplier ? Number(supplier.id) : null, reason: 'Generated', lines: received });
    });
    documents++;
    if (sold.length) {
      await k.transaction().execute(async (trx) => {
        await createAndPostInTransaction(trx, db, actor, { type: 'sale', date: on, warehouseId: Number(to.id), reason: 'Generated', lines: sold });
      });
      documents++;
    }
    receiptLeft -= received.length;
    saleLeft -= sold.length;
    movements += received.length + sold.length;
    progress({ phase: 'movements', done: movements, total: options.movements });
  }

  return {
    items: options.items,
    firstCode: options.items ? generatedCode(firstNumber) : null,
    lastCode: options.items ? generatedCode(firstNumber + options.items - 1) : null,
    barcodes,
    prices,
    priceGroup: priceGroup?.code ?? null,
    documents,
    movements,
    warehouse: warehouse.code,
    warehouses: shopWarehouses.map((w) => w.code),
    itemsMs,
    movementsMs: Date.now() - movementsStarted,
  };
}
