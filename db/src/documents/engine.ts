// The one document engine: every document type is created, posted, dispatched, reversed (storno) and annulled here,
// each operation in one transaction with rights, lock date, number series, ledger movements and the audit log.

import { sql, type Insertable, type Selectable, type Transaction } from 'kysely';
import {
  assertOpenPeriod,
  assertRight,
  computeTotals,
  dec,
  milliOf,
  milliText,
  DomainError,
  nextStatus,
  planMovements,
  requiredRight,
  type CurrencyCode,
  type DocumentOperation,
  type DocumentStatus,
  type DocumentType,
  DOCUMENT_TYPES,
} from '@kasa/domain';
import type { Db } from '../connection';
import type { Database } from '../schema';
import { allocateNumber } from '../series/allocate';
import { audit } from '../audit/audit';
import { consumeAtSale } from '../production/sale-consumption';
import { postMovements, type ItemCosting, type LedgerMovement } from '../ledger/stock-ledger';
import { checkPurchasePrices } from './purchase-control';
import {
  allWarehouses,
  claimDocument,
  DOCUMENT_COLUMNS,
  documentByIdempotencyKey,
  firstCompany,
  insertDocumentRow,
  insertLineRows,
  itemFacts,
  LINE_COLUMNS,
} from './queries';

export interface Actor {
  userId: number | null;
  rights: readonly string[];
}

export const SYSTEM_ACTOR: Actor = { userId: null, rights: ['*'] };

export const DEFAULT_SERIES: Record<DocumentType, string> = {
  receiving: 'REC',
  supplier_return: 'SRT',
  supplier_order: 'ORD',
  transfer: 'TRF',
  write_off: 'WOF',
  sale: 'SAL',
  sale_return: 'RET',
  stocktake: 'INV',
  surplus: 'SUR',
  shortage: 'SHO',
  production: 'PRD',
};

/** Purchase documents carry prices without VAT; sales carry the price group's prices (with VAT by default). */
const PURCHASE_TYPES = new Set<DocumentType>(['receiving', 'supplier_return', 'supplier_order']);

export interface DocumentLineInput {
  itemId: number;
  quantity: string;
  priceMinor?: number;
  discountMinor?: number;
}

export interface CreateDocumentInput {
  type: DocumentType;
  date: string;
  warehouseId?: number | null;
  toWarehouseId?: number | null;
  partnerId?: number | null;
  reason?: string | null;
  seriesCode?: string;
  idempotencyKey?: string;
  payload?: unknown;
  pricesIncludeTax?: boolean;
  /** The document this one is made from; a receiving from a supplier order takes the order's prices for lines sent without one. */
  baseDocumentId?: number | null;
  lines: DocumentLineInput[];
}

export interface DocumentLineView {
  id: number;
  lineNo: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  quantity: string;
  priceMinor: number;
  discountMinor: number;
  amountMinor: number;
  vatRate: string;
}

export interface DocumentView {
  id: number;
  type: DocumentType;
  number: string;
  seriesCode: string;
  year: number;
  status: DocumentStatus;
  date: string;
  warehouseId: number | null;
  toWarehouseId: number | null;
  partnerId: number | null;
  currency: string;
  totalMinor: number;
  reason: string | null;
  reversesId: number | null;
  reversedById: number | null;
  createdAt: string;
  postedAt: string | null;
  version: number;
  baseDocumentId: number | null;
  /** What the engine recorded on the document: price control findings, a transfer's received quantities, a stocktake's results. */
  payload: Record<string, unknown> | null;
  lines: DocumentLineView[];
}

type Trx = Transaction<Database>;

async function company(trx: Trx) {
  const c = (await firstCompany(trx, [])).rows[0];
  if (!c) throw new DomainError('company.missing', {}, 409);
  return c;
}

function isDocumentType(t: string): t is DocumentType {
  return (DOCUMENT_TYPES as readonly string[]).includes(t);
}

function checkDate(date: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
    throw new DomainError('validation.date', { field: 'date', value: date }, 400);
}

export async function createDocument(db: Db, actor: Actor, input: CreateDocumentInput): Promise<DocumentView> {
  if (!isDocumentType(input.type)) throw new DomainError('document.type_unknown', { type: input.type }, 400);
  assertRight(actor.rights, requiredRight(input.type, 'edit'));
  checkDate(input.date);
  const id = await db.kysely.transaction().execute(async (trx) => {
    const c = await company(trx);
    const docId = (await insertDocument(trx, c, actor, input, 'draft')).id;
    await audit(trx, {
      userId: actor.userId,
      action: 'create',
      entity: 'document',
      entityId: docId,
      after: { type: input.type },
    });
    return docId;
  });
  return getDocument(db, id);
}

async function insertDocument(
  trx: Trx,
  c: Awaited<ReturnType<typeof company>>,
  actor: Actor,
  input: CreateDocumentInput,
  status: DocumentStatus,
  posting = false,
): Promise<Inserted> {
  const lines = await withBasePrices(trx, input);
  const priced = await priceLines(trx, c, input.type, lines, input.pricesIncludeTax);
  const currency = c.currency as CurrencyCode;
  const year = Number(input.date.slice(0, 4));
  const n = await allocateNumber(trx, input.seriesCode ?? DEFAULT_SERIES[input.type], year, input.type);
  const now = new Date().toISOString();
  // Created to be posted in this transaction: written with the status posting gives it, so posting need not
  // update the row it has just written (nobody else can have changed it). Posting still checks the transition.
  const written = posting ? nextStatus('post', status, n.number) : status;
  const postedAt = written === 'posted' || written === 'in_transit' ? now : null;
  const row = {
    company_id: c.id,
    type: input.type,
    series_code: n.seriesCode,
    year: n.year,
    number_seq: n.seq,
    number: n.number,
    status,
    date: input.date,
    warehouse_id: input.warehouseId ?? null,
    to_warehouse_id: input.toWarehouseId ?? null,
    partner_id: input.partnerId ?? null,
    currency,
    total_minor: priced.totalMinor,
    reason: input.reason ?? null,
    reverses_id: null,
    reversed_by_id: null,
    idempotency_key: input.idempotencyKey ?? null,
    payload: input.payload === undefined ? null : JSON.stringify(input.payload),
    base_document_id: input.baseDocumentId ?? null,
    created_by: actor.userId,
    created_at: now,
    posted_at: null,
    version: 0,
  };
  const stored: Omit<typeof row, 'posted_at'> & { posted_at: string | null } = posting
    ? { ...row, status: written, posted_at: postedAt, version: 1 }
    : row;
  const docId = await insertDocumentRow(trx, DOCUMENT_COLUMNS.map((k) => stored[k]));
  const lineIds = await insertLines(trx, docId, priced.rows);
  return {
    id: docId,
    written: posting ? { status: written, version: 1, postedAt } : undefined,
    row: { ...row, id: docId } as Selectable<Database['documents']>,
    lines: priced.rows.map(
      (r, i): FreshLine => ({
        id: lineIds[i]!,
        line_no: i + 1,
        item_id: r.item_id,
        quantity: r.quantity,
        price_minor: r.price_minor,
        discount_minor: r.discount_minor ?? 0,
        amount_minor: r.amount_minor,
        vat_rate: r.vat_rate,
      }),
    ),
    items: priced.items,
    company: c,
  };
}

interface ItemFacts extends ItemCosting {
  produced: boolean;
  code: string;
  name: string;
}

type FreshLine = Pick<
  Selectable<Database['document_lines']>,
  'id' | 'line_no' | 'item_id' | 'quantity' | 'price_minor' | 'discount_minor' | 'amount_minor' | 'vat_rate'
>;

/** What insertDocument wrote, so posting in the same transaction need not read it back. */
interface Inserted {
  id: number;
  /** Header as posted when it was written already posted; `row` is then the draft posting starts from. */
  written?: { status: DocumentStatus; version: number; postedAt: string | null };
  row: Selectable<Database['documents']>;
  lines: FreshLine[];
  items: Map<number, ItemFacts>;
  company: Awaited<ReturnType<typeof company>>;
  /** Set by posting when the header changed only in status, version and posting time, so the view needs no re-read. */
  posted?: { status: DocumentStatus; version: number; postedAt: string | null };
}

/** The view of a document created and posted in this transaction, from what was written (what getDocument reads back). */
function freshView(fresh: Inserted): DocumentView | null {
  if (!fresh.posted) return null;
  const d = fresh.row;
  return {
    ...headerView(d),
    status: fresh.posted.status,
    version: fresh.posted.version,
    postedAt: fresh.posted.postedAt,
    lines: fresh.lines.map((l) => lineView(l, fresh.items.get(Number(l.item_id))!)),
  };
}

/** A receiving made from a supplier order: lines without a price take the order's price of that item. */
async function withBasePrices(trx: Trx, input: CreateDocumentInput): Promise<DocumentLineInput[]> {
  if (input.baseDocumentId == null) return input.lines;
  const base = await trx
    .selectFrom('documents')
    .select(['id', 'type'])
    .where('id', '=', input.baseDocumentId)
    .executeTakeFirst();
  if (!base) throw new DomainError('document.not_found', { id: input.baseDocumentId }, 400);
  if (!input.lines.some((l) => l.priceMinor === undefined)) return input.lines;
  const baseLines = await trx
    .selectFrom('document_lines')
    .select(['item_id', 'price_minor'])
    .where('document_id', '=', base.id)
    .orderBy('line_no')
    .execute();
  const price = new Map<number, number>();
  for (const l of baseLines) if (!price.has(Number(l.item_id))) price.set(Number(l.item_id), Number(l.price_minor));
  return input.lines.map((l) =>
    l.priceMinor === undefined && price.has(l.itemId) ? { ...l, priceMinor: price.get(l.itemId) } : l,
  );
}

type LineRow = Omit<Insertable<Database['document_lines']>, 'document_id' | 'line_no'>;

const MAX_QUANTITY = dec(1e9);
const MAX_MILLI = 1e12;

/** Prices the lines with the domain's VAT and rounding rules; the one place a document's amounts are computed. */
async function priceLines(
  trx: Trx,
  c: { currency: string; vat_rounding: string },
  type: DocumentType,
  lines: DocumentLineInput[],
  pricesIncludeTax?: boolean,
): Promise<{ rows: LineRow[]; totalMinor: number; items: Map<number, ItemFacts> }> {
  const itemIds = [...new Set(lines.map((l) => l.itemId))];
  const items = [];
  for (let i = 0; i < itemIds.length; i += CHUNK) {
    const part = itemIds.slice(i, i + CHUNK);
    items.push(...(await itemFacts(trx, part, part.length)).rows);
  }
  const facts = new Map<number, ItemFacts>(
    items.map((i) => [
      Number(i.id),
      {
        costing: i.costing,
        standard_cost_minor: i.standard_cost_minor,
        produced: !!i.produced,
        code: i.code,
        name: i.name,
      },
    ]),
  );
  const rate = new Map(items.map((i) => [Number(i.id), i.rate]));
  // Each quantity is read once (in whole thousandths when it is plain text, as nearly always; else as a Decimal),
  // checked, and passed on as the three-decimal text the document stores.
  const quantities = lines.map((l) => {
    if (!rate.has(l.itemId)) throw new DomainError('item.unknown', { item: l.itemId }, 400);
    const milli = milliOf(l.quantity);
    const q = milli === null ? dec(l.quantity) : null;
    if (q ? !q.isFinite() || q.lte(0) || q.decimalPlaces() > 3 || q.gt(MAX_QUANTITY) : milli! <= 0 || milli! > MAX_MILLI)
      throw new DomainError('validation.quantity', { item: l.itemId, quantity: l.quantity }, 400);
    if (l.priceMinor !== undefined && (!Number.isSafeInteger(l.priceMinor) || l.priceMinor < 0))
      throw new DomainError('validation.price', { item: l.itemId, price: l.priceMinor }, 400);
    return q ? q.toFixed(3) : milliText(milli!);
  });
  const includeTax = pricesIncludeTax ?? !PURCHASE_TYPES.has(type);
  const totals = computeTotals(
    lines.map((l, i) => ({
      quantity: quantities[i]!,
      unitPriceMinor: l.priceMinor ?? 0,
      vatRate: rate.get(l.itemId) ?? '0',
      discountMinor: l.discountMinor || undefined,
    })),
    {
      currency: c.currency as CurrencyCode,
      pricesIncludeTax: includeTax,
      vatRounding: c.vat_rounding === 'document' ? 'document' : 'line',
    },
  );
  return {
    rows: lines.map((l, i) => ({
      item_id: l.itemId,
      quantity: quantities[i]!,
      price_minor: l.priceMinor ?? 0,
      discount_minor: totals.lines[i]!.discount.toMinor(),
      amount_minor: (includeTax ? totals.lines[i]!.gross : totals.lines[i]!.net).toMinor(),
      vat_rate: totals.lines[i]!.vatRate,
    })),
    totalMinor: lines.length ? totals.gross.toMinor() : 0,
    items: facts,
  };
}

// Rows per multi-row statement: 8 parameters a line stays far below SQLite's 32,766 and PostgreSQL's 65,535.
const CHUNK = 500;

/** A line's values in LINE_COLUMNS order (checked once at load: the insert's columns and these values go together). */
const lineValues = (docId: number, lineNo: number, r: LineRow): unknown[] => [
  docId,
  lineNo,
  r.item_id,
  r.quantity,
  r.price_minor,
  r.discount_minor,
  r.amount_minor,
  r.vat_rate,
];
if (LINE_COLUMNS.join() !== 'document_id,line_no,item_id,quantity,price_minor,discount_minor,amount_minor,vat_rate')
  throw new Error('LINE_COLUMNS changed: change lineValues with it');

/** Writes the lines numbered from 1 and returns their ids in line order. */
async function insertLines(trx: Trx, docId: number, rows: LineRow[]): Promise<number[]> {
  const ids = new Array<number>(rows.length);
  for (let start = 0; start < rows.length; start += CHUNK) {
    const part = rows.slice(start, start + CHUNK);
    const values: unknown[] = [];
    part.forEach((r, i) => values.push(...lineValues(docId, start + i + 1, r)));
    (await insertLineRows(trx, values, part.length, start + 1)).forEach((id, i) => (ids[start + i] = id));
  }
  return ids;
}

/**
 * Replaces a draft's lines (the back-office form saves the whole list). Only drafts and documents awaiting
 * approval change; `expectedVersion` refuses a save over someone else's newer one.
 */
export async function setDraftLines(
  db: Db,
  actor: Actor,
  id: number,
  lines: DocumentLineInput[],
  expectedVersion?: number,
): Promise<DocumentView> {
  await db.kysely.transaction().execute(async (trx) => {
    const d = await loadForOperation(trx, db, id);
    assertRight(actor.rights, requiredRight(d.type as DocumentType, 'edit'));
    if (d.status !== 'draft')
      throw new DomainError('document.not_editable', { number: d.number, status: d.status }, 409);
    if (expectedVersion !== undefined && expectedVersion !== d.version)
      throw new DomainError('document.changed', { number: d.number }, 409);
    const c = await company(trx);
    const priced = await priceLines(trx, c, d.type as DocumentType, lines);
    await trx.deleteFrom('document_lines').where('document_id', '=', id).execute();
    await insertLines(trx, id, priced.rows);
    await trx
      .updateTable('documents')
      .set({ total_minor: priced.totalMinor, version: d.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(trx, {
      userId: actor.userId,
      action: 'edit',
      entity: 'document',
      entityId: id,
      before: { version: d.version },
      after: { lines: lines.length },
    });
  });
  return getDocument(db, id);
}

/**
 * Adds a scanned quantity to a draft: the same item at the same price adds to its line, so a terminal's scans
 * of one item make one line. The price defaults to the item's last line price in this document.
 */
export async function addDraftLine(db: Db, actor: Actor, id: number, line: DocumentLineInput): Promise<DocumentView> {
  const doc = await getDocument(db, id);
  const lines: DocumentLineInput[] = doc.lines.map((l) => ({
    itemId: l.itemId,
    quantity: l.quantity,
    priceMinor: l.priceMinor,
    discountMinor: l.discountMinor || undefined,
  }));
  const same = lines.find(
    (l) => l.itemId === line.itemId && (line.priceMinor === undefined || l.priceMinor === line.priceMinor),
  );
  if (same) same.quantity = dec(same.quantity).plus(dec(line.quantity)).toFixed(3);
  else lines.push(line);
  return setDraftLines(db, actor, id, lines, doc.version);
}

export async function getDocument(db: Db | { kysely: Db['kysely'] | Trx }, id: number): Promise<DocumentView> {
  const d = await db.kysely.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw new DomainError('document.not_found', { id }, 404);
  const lines = await db.kysely
    .selectFrom('document_lines')
    .innerJoin('items', 'items.id', 'document_lines.item_id')
    .select([
      'document_lines.id',
      'document_lines.line_no',
      'document_lines.item_id',
      'items.code',
      'items.name',
      'document_lines.quantity',
      'document_lines.price_minor',
      'document_lines.discount_minor',
      'document_lines.amount_minor',
      'document_lines.vat_rate',
    ])
    .where('document_id', '=', id)
    .orderBy('line_no')
    .execute();
  return { ...headerView(d), lines: lines.map((l) => lineView(l, l)) };
}

function headerView(d: Selectable<Database['documents']>): Omit<DocumentView, 'lines'> {
  return {
    id: Number(d.id),
    type: d.type as DocumentType,
    number: d.number,
    seriesCode: d.series_code,
    year: d.year,
    status: d.status as DocumentStatus,
    date: d.date,
    warehouseId: d.warehouse_id === null ? null : Number(d.warehouse_id),
    toWarehouseId: d.to_warehouse_id === null ? null : Number(d.to_warehouse_id),
    partnerId: d.partner_id === null ? null : Number(d.partner_id),
    currency: d.currency,
    totalMinor: Number(d.total_minor),
    reason: d.reason,
    reversesId: d.reverses_id === null ? null : Number(d.reverses_id),
    reversedById: d.reversed_by_id === null ? null : Number(d.reversed_by_id),
    createdAt: d.created_at,
    postedAt: d.posted_at,
    version: d.version,
    baseDocumentId: d.base_document_id === null || d.base_document_id === undefined ? null : Number(d.base_document_id),
    payload: parsePayload(d.payload),
  };
}

function lineView(
  l: Pick<
    Selectable<Database['document_lines']>,
    'id' | 'line_no' | 'item_id' | 'quantity' | 'price_minor' | 'discount_minor' | 'amount_minor' | 'vat_rate'
  >,
  item: { code: string; name: string },
): DocumentLineView {
  return {
    id: Number(l.id),
    lineNo: l.line_no,
    itemId: Number(l.item_id),
    itemCode: item.code,
    itemName: item.name,
    quantity: l.quantity,
    priceMinor: Number(l.price_minor),
    discountMinor: Number(l.discount_minor),
    amountMinor: Number(l.amount_minor),
    vatRate: l.vat_rate,
  };
}

function parsePayload(p: string | null): Record<string, unknown> | null {
  if (!p) return null;
  try {
    const v: unknown = JSON.parse(p);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return null;
  }
}

async function mergePayload(trx: Trx, id: number, current: string | null, add: Record<string, unknown>): Promise<void> {
  await trx
    .updateTable('documents')
    .set({ payload: JSON.stringify({ ...(parsePayload(current) ?? {}), ...add }) })
    .where('id', '=', id)
    .execute();
}

/** Moves a document to its next status, refusing cleanly when someone else changed it first. */
/** Who moved a document from one status to another, and by which operation. */
function auditStatus(trx: Trx, actor: Actor, id: number, op: string, from: string, to: string): Promise<void> {
  return audit(trx, {
    userId: actor.userId,
    action: op,
    entity: 'document',
    entityId: id,
    before: { status: from },
    after: { status: to },
  });
}

/** Returns the posting time it stamped, if it did. */
async function claim(
  trx: Trx,
  doc: { id: number; status: string; version: number; number: string },
  to: DocumentStatus,
): Promise<string | undefined> {
  const postedAt = to === 'posted' || to === 'in_transit' ? new Date().toISOString() : undefined;
  const r = await claimDocument(
    trx,
    [to, doc.version + 1, doc.id, postedAt, doc.status, doc.version],
    postedAt === undefined ? 0 : 1,
  );
  if (Number(r.numAffectedRows) !== 1) throw new DomainError('document.concurrent_change', { number: doc.number }, 409);
  return postedAt;
}

async function loadForOperation(trx: Trx, db: Db, id: number) {
  let q = trx.selectFrom('documents').selectAll().where('id', '=', id);
  if (db.kind === 'postgresql') q = q.forUpdate();
  const d = await q.executeTakeFirst();
  if (!d) throw new DomainError('document.not_found', { id }, 404);
  return d;
}

async function ledgerContext(trx: Trx, itemIds: number[], known?: Map<number, ItemCosting>) {
  const items =
    known && itemIds.every((id) => known.has(id))
      ? itemIds.map((id) => ({ id, ...known.get(id)! }))
      : itemIds.length
        ? await trx
            .selectFrom('items')
            .select(['id', 'costing', 'standard_cost_minor'])
            .where('id', 'in', itemIds)
            .execute()
        : [];
  const whs = (await allWarehouses(trx, [])).rows;
  const costing = new Map<number, ItemCosting>(items.map((i) => [Number(i.id), i]));
  const neg = new Map(
    whs.map((w) => [
      Number(w.id),
      w.negative_stock === 'allow' || w.is_transit ? ('allow' as const) : ('forbid' as const),
    ]),
  );
  return {
    costing: (id: number) => costing.get(id) ?? { costing: 'average', standard_cost_minor: null },
    negativeStock: (id: number) => neg.get(id) ?? 'forbid',
    transitFor: (warehouseId: number) => {
      const w = whs.find((x) => Number(x.id) === warehouseId);
      const t = whs.find((x) => x.is_transit && w && x.code === `${w.code}-TRANSIT`);
      return t ? Number(t.id) : null;
    },
  };
}

export interface PostOptions {
  /** Price control (a person posting a receiving): prices above the supplier's last price stop at awaiting approval. */
  priceControl?: boolean;
  /** Receiving a transfer in transit: what actually arrived per item (missing goods leave transit as a recorded loss). */
  received?: { itemId: number; quantity: string }[];
}

async function postInTransaction(
  trx: Trx,
  db: Db,
  actor: Actor,
  id: number,
  op: 'post' | 'dispatch' | 'approve',
  opts: PostOptions = {},
  fresh?: Inserted,
) {
  // A document created in this same transaction is posted from what was just written, not read back.
  const d = fresh ? fresh.row : await loadForOperation(trx, db, id);
  const type = d.type as DocumentType;
  assertRight(actor.rights, requiredRight(type, op));
  let to = nextStatus(op, d.status as DocumentStatus, d.number);
  const c = fresh ? fresh.company : await company(trx);
  assertOpenPeriod(d.date, c.lock_date, op);
  const lines = fresh
    ? fresh.lines
    : await trx
        .selectFrom('document_lines')
        .select(['line_no', 'item_id', 'quantity', 'price_minor', 'amount_minor', 'vat_rate'])
        .where('document_id', '=', id)
        .orderBy('line_no')
        .execute();
  if (opts.priceControl && type === 'receiving' && op === 'post' && d.status === 'draft') {
    const control = await checkPurchasePrices(
      trx,
      { id, partnerId: d.partner_id === null ? null : Number(d.partner_id), date: d.date },
      lines,
    );
    if (control.flagged.length) {
      to = 'awaiting_approval';
      await claim(trx, { id, status: d.status, version: d.version, number: d.number }, to);
      await mergePayload(trx, id, d.payload, { priceControl: control });
      await audit(trx, {
        userId: actor.userId,
        action: 'price_control',
        entity: 'document',
        entityId: id,
        before: { status: d.status },
        after: { status: to, flagged: control.flagged.length },
      });
      return;
    }
  }
  const postedAt =
    fresh?.written?.status === to
      ? fresh.written.postedAt
      : await claim(trx, { id, status: d.status, version: d.version, number: d.number }, to);
  if (fresh) fresh.posted = { status: to, version: d.version + 1, postedAt: postedAt ?? d.posted_at };
  if (type === 'supplier_order' || type === 'stocktake') {
    await auditStatus(trx, actor, id, op, d.status, to);
    return;
  }
  if (lines.length === 0) throw new DomainError('document.no_lines', { number: d.number }, 400);
  const includeTax = !PURCHASE_TYPES.has(type);
  // 100 + rate, once per rate: what a VAT-inclusive amount is divided by (× 100) to strip the VAT.
  const grossPer100 = new Map<string, ReturnType<typeof dec>>();
  const perRate = (rate: string) => {
    let d = grossPer100.get(rate);
    if (!d) grossPer100.set(rate, (d = dec(rate).plus(100)));
    return d;
  };
  const ctx = await ledgerContext(trx, [...new Set(lines.map((l) => Number(l.item_id)))], fresh?.items);
  const stage =
    type === 'transfer' ? (op === 'dispatch' ? 'dispatch' : d.status === 'in_transit' ? 'receive' : 'post') : 'post';
  const transitId = d.warehouse_id === null ? null : ctx.transitFor(Number(d.warehouse_id));
  let postedLines = lines;
  const losses: LedgerMovement[] = [];
  if (opts.received && stage === 'receive') {
    const r = receivedDifferences(d.number, lines, opts.received);
    postedLines = r.lines;
    for (const m of r.missing)
      losses.push({ itemId: m.itemId, warehouseId: transitId!, quantity: dec(m.quantity).neg().toFixed(3) });
    await mergePayload(trx, id, d.payload, { received: r.table });
    if (fresh) fresh.posted = undefined;
  } else if (opts.received)
    throw new DomainError('document.status_forbids', { number: d.number, status: d.status, operation: 'receive' }, 409);
  const plan = planMovements(
    {
      type,
      number: d.number,
      warehouseId: d.warehouse_id === null ? null : Number(d.warehouse_id),
      toWarehouseId: d.to_warehouse_id === null ? null : Number(d.to_warehouse_id),
      transitWarehouseId: transitId,
      lines: postedLines.map((l) => ({
        itemId: Number(l.item_id),
        quantity: l.quantity,
        // Receiving cost is the net amount: strip VAT when the line carried it.
        netMinor: includeTax
          ? dec(l.amount_minor).mul(100).div(perRate(l.vat_rate)).toDecimalPlaces(0).toNumber()
          : Number(l.amount_minor),
      })),
    },
    stage,
  );
  if (
    type === 'sale' &&
    d.warehouse_id !== null &&
    (!fresh || postedLines.some((l) => fresh.items.get(Number(l.item_id))?.produced))
  ) {
    // Goods produced at sale (a coffee, a dish) are made from their recipe in this same transaction. A till's
    // receipt is a sale that already happened, so a short ingredient never refuses it; the back office's sales
    // follow the warehouse's negative-stock policy.
    await consumeAtSale(trx, db.kind, {
      documentId: id,
      date: d.date,
      warehouseId: Number(d.warehouse_id),
      lines: postedLines.map((l) => ({ itemId: Number(l.item_id), quantity: l.quantity })),
      negativeStock: d.idempotency_key?.startsWith('till:') ? 'allow' : 'warehouse',
    });
  }
  await postMovements(trx, db.kind, id, d.date, [...plan, ...losses], ctx.costing, ctx.negativeStock);
  await auditStatus(trx, actor, id, op, d.status, to);
}

type TransferLine = {
  item_id: number;
  quantity: string;
  amount_minor: number;
  vat_rate: string;
  line_no: number;
  price_minor: number;
};

/**
 * A transfer received with differences: each line posts what arrived (capped at what was sent — more than was sent
 * is refused), and what did not arrive leaves transit as a loss on this document, so transit ends empty.
 */
function receivedDifferences(number: string, lines: TransferLine[], received: { itemId: number; quantity: string }[]) {
  const got = new Map<number, ReturnType<typeof dec>>();
  for (const r of received) {
    const q = dec(r.quantity);
    if (!q.isFinite() || q.lt(0) || q.decimalPlaces() > 3)
      throw new DomainError('validation.quantity', { item: r.itemId, quantity: r.quantity }, 400);
    if (!lines.some((l) => Number(l.item_id) === r.itemId))
      throw new DomainError('transfer.item_not_sent', { number, item: r.itemId }, 400);
    got.set(r.itemId, (got.get(r.itemId) ?? dec(0)).plus(q));
  }
  const out: TransferLine[] = [];
  const missing: { itemId: number; quantity: string }[] = [];
  const table: { itemId: number; sent: string; received: string; difference: string }[] = [];
  const sentByItem = new Map<number, ReturnType<typeof dec>>();
  for (const l of lines)
    sentByItem.set(Number(l.item_id), (sentByItem.get(Number(l.item_id)) ?? dec(0)).plus(dec(l.quantity)));
  for (const [itemId, sent] of sentByItem) {
    const arrived = got.has(itemId) ? got.get(itemId)! : sent;
    if (arrived.gt(sent))
      throw new DomainError(
        'transfer.over_receipt',
        { number, item: itemId, sent: sent.toFixed(3), received: arrived.toFixed(3) },
        400,
      );
    table.push({
      itemId,
      sent: sent.toFixed(3),
      received: arrived.toFixed(3),
      difference: arrived.minus(sent).toFixed(3),
    });
    if (sent.gt(arrived)) missing.push({ itemId, quantity: sent.minus(arrived).toFixed(3) });
  }
  // What arrived is taken from the item's lines in order.
  const left = new Map([...sentByItem.keys()].map((k) => [k, got.has(k) ? got.get(k)! : sentByItem.get(k)!]));
  for (const l of lines) {
    const rest = left.get(Number(l.item_id))!;
    const take = minDecimal(rest, dec(l.quantity));
    left.set(Number(l.item_id), rest.minus(take));
    if (take.gt(0)) out.push({ ...l, quantity: take.toFixed(3) });
  }
  return { lines: out, missing, table };
}

function minDecimal(a: ReturnType<typeof dec>, b: ReturnType<typeof dec>) {
  return a.lt(b) ? a : b;
}

/**
 * Posts a draft (or receives a transfer in transit): one transaction, refused cleanly if someone else did it first.
 * A person's post of a receiving runs price control; `received` records a transfer's differences on arrival.
 */
export async function postDocument(
  db: Db,
  actor: Actor,
  id: number,
  op: 'post' | 'dispatch' | 'approve' = 'post',
  opts: PostOptions = { priceControl: true },
): Promise<DocumentView> {
  await db.kysely.transaction().execute((trx) => postInTransaction(trx, db, actor, id, op, opts));
  return getDocument(db, id);
}

/** Creates and posts in one transaction; with an idempotency key a retry returns the first result. */
export async function createAndPost(
  db: Db,
  actor: Actor,
  input: CreateDocumentInput,
): Promise<{ document: DocumentView; duplicate: boolean }> {
  if (input.idempotencyKey) {
    const existing = (await documentByIdempotencyKey(db.kysely, [input.idempotencyKey])).rows[0];
    if (existing) return { document: await getDocument(db, Number(existing.id)), duplicate: true };
  }
  assertRight(actor.rights, requiredRight(input.type, 'post'));
  try {
    const fresh = await db.kysely.transaction().execute(async (trx) => {
      const c = await company(trx);
      const fresh = await insertDocument(trx, c, actor, input, 'draft', true);
      await postInTransaction(trx, db, actor, fresh.id, 'post', {}, fresh);
      return fresh;
    });
    return { document: freshView(fresh) ?? (await getDocument(db, fresh.id)), duplicate: false };
  } catch (e) {
    // Two retries of the same receipt racing: the unique key let one in; the other returns it.
    if (input.idempotencyKey && /unique|duplicate key/i.test(String((e as Error).message))) {
      const existing = await db.kysely
        .selectFrom('documents')
        .select('id')
        .where('idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirst();
      if (existing) return { document: await getDocument(db, Number(existing.id)), duplicate: true };
    }
    throw e;
  }
}

/**
 * Inside a caller's transaction: create a document and post it (a stocktake's surplus and shortage post together
 * with the stocktake, so nothing is half-posted). Returns the new document's id.
 */
export async function createAndPostInTransaction(
  trx: Trx,
  db: Db,
  actor: Actor,
  input: CreateDocumentInput,
): Promise<number> {
  assertRight(actor.rights, requiredRight(input.type, 'post'));
  checkDate(input.date);
  const c = await company(trx);
  const fresh = await insertDocument(trx, c, actor, input, 'draft', true);
  await postInTransaction(trx, db, actor, fresh.id, 'post', {}, fresh);
  return fresh.id;
}

/** Inside a caller's transaction: post a document (the stocktake itself after its differences are booked). */
export async function postInCallerTransaction(trx: Trx, db: Db, actor: Actor, id: number): Promise<void> {
  await postInTransaction(trx, db, actor, id, 'post');
}

/** Storno: a posted document is never edited; a reversing document takes its movements back exactly. */
export async function stornoDocument(
  db: Db,
  actor: Actor,
  id: number,
  date = new Date().toISOString().slice(0, 10),
): Promise<DocumentView> {
  checkDate(date);
  const reversalId = await db.kysely.transaction().execute(async (trx) => {
    const d = await loadForOperation(trx, db, id);
    const type = d.type as DocumentType;
    assertRight(actor.rights, requiredRight(type, 'storno'));
    const c = await company(trx);
    assertOpenPeriod(d.date, c.lock_date, 'storno');
    assertOpenPeriod(date, c.lock_date, 'storno');
    nextStatus('storno', d.status as DocumentStatus, d.number);
    await claim(trx, { id, status: d.status, version: d.version, number: d.number }, 'storno');
    const n = await allocateNumber(trx, d.series_code, Number(date.slice(0, 4)), type);
    const now = new Date().toISOString();
    const ins = await trx
      .insertInto('documents')
      .values({
        company_id: d.company_id,
        type: d.type,
        series_code: n.seriesCode,
        year: n.year,
        number_seq: n.seq,
        number: n.number,
        status: 'posted',
        date,
        warehouse_id: d.warehouse_id,
        to_warehouse_id: d.to_warehouse_id,
        partner_id: d.partner_id,
        currency: d.currency,
        total_minor: -Number(d.total_minor),
        reason: `storno ${d.number}`,
        reverses_id: id,
        reversed_by_id: null,
        idempotency_key: null,
        payload: null,
        created_by: actor.userId,
        created_at: now,
        posted_at: now,
        version: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rid = Number(ins.id);
    await trx
      .insertInto('document_lines')
      .columns([
        'document_id',
        'line_no',
        'item_id',
        'quantity',
        'price_minor',
        'discount_minor',
        'amount_minor',
        'vat_rate',
      ])
      .expression((eb) =>
        eb
          .selectFrom('document_lines')
          .select([
            sql<number>`${rid}`.as('document_id'),
            'line_no',
            'item_id',
            sql<string>`'-' || quantity`.as('quantity'),
            'price_minor',
            sql<number>`-discount_minor`.as('discount_minor'),
            sql<number>`-amount_minor`.as('amount_minor'),
            'vat_rate',
          ])
          .where('document_id', '=', id),
      )
      .execute();
    const moves = await trx
      .selectFrom('stock_movements')
      .select(['item_id', 'warehouse_id', 'quantity_milli', 'value_minor'])
      .where('document_id', '=', id)
      .orderBy('id', 'desc')
      .execute();
    const ctx = await ledgerContext(trx, [...new Set(moves.map((m) => Number(m.item_id)))]);
    // Reversal may take stock below zero (the goods were sold meanwhile): the warehouse policy still applies.
    await postMovements(
      trx,
      db.kind,
      rid,
      date,
      moves.map((m) => ({
        itemId: Number(m.item_id),
        warehouseId: Number(m.warehouse_id),
        quantity: dec(m.quantity_milli).neg().div(1000).toFixed(3),
        valueMinor: -Number(m.value_minor),
      })),
      ctx.costing,
      ctx.negativeStock,
    );
    await trx.updateTable('documents').set({ reversed_by_id: rid }).where('id', '=', id).execute();
    await audit(trx, {
      userId: actor.userId,
      action: 'storno',
      entity: 'document',
      entityId: id,
      before: { status: d.status },
      after: { status: 'storno', reversal: n.number },
    });
    return rid;
  });
  return getDocument(db, reversalId);
}

async function simpleTransition(
  db: Db,
  actor: Actor,
  id: number,
  op: Exclude<DocumentOperation, 'view' | 'post' | 'dispatch' | 'storno' | 'approve'>,
) {
  await db.kysely.transaction().execute(async (trx) => {
    const d = await loadForOperation(trx, db, id);
    assertRight(actor.rights, requiredRight(d.type as DocumentType, op));
    const to = nextStatus(op, d.status as DocumentStatus, d.number);
    await claim(trx, { id, status: d.status, version: d.version, number: d.number }, to);
    await auditStatus(trx, actor, id, op, d.status, to);
  });
  return getDocument(db, id);
}

/** Annul (Anulēt): an unposted document becomes void but keeps its number, so the series has no gaps. */
export const annulDocument = (db: Db, actor: Actor, id: number) => simpleTransition(db, actor, id, 'annul');
export const submitDocument = (db: Db, actor: Actor, id: number) => simpleTransition(db, actor, id, 'submit');
export const closeDocument = (db: Db, actor: Actor, id: number) => simpleTransition(db, actor, id, 'close');

/** Copy (Kopēt): a new draft with the same header and lines, dated today. */
export async function copyDocument(db: Db, actor: Actor, id: number): Promise<DocumentView> {
  const d = await getDocument(db, id);
  return createDocument(db, actor, {
    type: d.type,
    date: new Date().toISOString().slice(0, 10),
    warehouseId: d.warehouseId,
    toWarehouseId: d.toWarehouseId,
    partnerId: d.partnerId,
    reason: d.reason,
    lines: d.lines
      .filter((l) => dec(l.quantity).gt(0))
      .map((l) => ({ itemId: l.itemId, quantity: l.quantity, priceMinor: l.priceMinor })),
  });
}

// The engine's companions, exported with it so `@kasa/db` callers reach them from one place.
export * from './settings';
export * from './purchase-control';
export * from './derive';
export * from './stocktake';
