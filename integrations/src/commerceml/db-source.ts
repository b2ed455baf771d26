// The CommerceML export's data source over the real database: catalogue, current prices, stock on hand and the
// posted documents of a period. Everything streams in keyset pages (by id), so a shop of any size exports in
// constant memory.

import { dec, type DocumentType } from '@kasa/domain';
import type { Db } from '@kasa/db';
import type {
  CatalogueItem,
  CatalogueOffer,
  CommerceMlSource,
  Company,
  ExchangeCurrency,
  ItemGroup,
  MovementDocument,
  MovementKind,
  MovementLine,
  OfferPrice,
  PriceType,
} from './types';

const PAGE = 500;
const DOCUMENT_PAGE = 100;
const CURRENCIES: readonly string[] = ['EUR', 'CZK', 'HUF', 'RUB'] satisfies ExchangeCurrency[];

/** Our document types as 1C movements; orders and stocktake counts move nothing and are not exported. */
const KIND: Partial<Record<DocumentType, MovementKind>> = {
  receiving: 'receipt',
  sale: 'sale',
  sale_return: 'customer-return',
  supplier_return: 'supplier-return',
  transfer: 'transfer',
  write_off: 'write-off',
  shortage: 'write-off',
  // surplus found by a stocktake (оприходование излишков): an incoming movement without a supplier
  surplus: 'receipt',
  production: 'production',
};

/** Movements without VAT: goods moved or counted inside the company. */
const INTERNAL = new Set<DocumentType>(['transfer', 'write_off', 'shortage', 'surplus', 'production']);

/** Statuses whose movements are in the ledger: posted, closed after posting, and posted-then-reversed (storno). */
const BOOKED = ['posted', 'closed', 'storno'];

export interface DbSourceOptions {
  /** Prices valid on this day ('YYYY-MM-DD') are offered; today when absent. */
  asOf?: string;
}

/** Stable exchange ids: 1C matches objects by Ид from one exchange to the next. */
export const exchangeIds = {
  company: (id: number) => `kasa-company-${id}`,
  group: (id: number) => `group-${id}`,
  item: (id: number) => `item-${id}`,
  partner: (id: number) => `partner-${id}`,
  warehouse: (id: number) => `wh-${id}`,
  document: (id: number) => `doc-${id}`,
  priceType: (code: string) => `price-${code}`,
};

/** Reads a page after the last id until a short page says the table is done. */
async function* pages<T extends { id: number | string }>(fetch: (afterId: number) => Promise<T[]>, size: number): AsyncIterable<T[]> {
  let after = 0;
  for (;;) {
    const rows = await fetch(after);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    after = Number(rows[rows.length - 1]!.id);
  }
}

const milliToQuantity = (milli: number | string) => dec(String(milli)).div(1000).toString();

/** VAT inside (or on top of) a line amount, half-up to the minor unit. */
function lineVatMinor(amountMinor: number, rate: string, taxIncluded: boolean): number {
  const r = dec(rate);
  const base = taxIncluded ? dec(amountMinor).mul(r).div(r.plus(100)) : dec(amountMinor).mul(r).div(100);
  return base.toDecimalPlaces(0).toNumber();
}

/**
 * Opens the source: reads the company once (the writers need it synchronously), everything else on demand.
 * A database without a company exports as an empty shop.
 */
export async function commerceMlSourceFromDb(db: Db, opts: DbSourceOptions = {}): Promise<CommerceMlSource> {
  const k = db.kysely;
  const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
  const c = await k.selectFrom('companies').select(['id', 'name', 'tax_number']).orderBy('id').executeTakeFirst();
  const company: Company = c
    ? { id: exchangeIds.company(Number(c.id)), name: c.name, taxNumber: c.tax_number ?? undefined }
    : { id: exchangeIds.company(0), name: 'Kasa' };

  const priceGroups = async () =>
    (await k.selectFrom('price_groups').select(['id', 'code', 'name', 'currency', 'tax_included']).orderBy('id').execute())
      .filter((g) => CURRENCIES.includes(g.currency))
      .map((g) => ({ id: Number(g.id), type: { id: exchangeIds.priceType(g.code), name: g.name, currency: g.currency as ExchangeCurrency, taxIncluded: Number(g.tax_included) === 1 } }));

  const itemPage = (after: number) =>
    k
      .selectFrom('items')
      .innerJoin('vat_groups', 'vat_groups.id', 'items.vat_group_id')
      .select(['items.id', 'items.code', 'items.name', 'items.unit', 'items.group_id', 'vat_groups.rate'])
      .where('items.active', '=', 1)
      .where('items.id', '>', after)
      .orderBy('items.id')
      .limit(PAGE)
      .execute();

  return {
    company,

    priceTypes: async (): Promise<PriceType[]> => (await priceGroups()).map((g) => g.type),

    groups: async function* (): AsyncIterable<ItemGroup> {
      const fetch = (after: number) => k.selectFrom('item_groups').select(['id', 'name', 'parent_id']).where('id', '>', after).orderBy('id').limit(PAGE).execute();
      for await (const rows of pages(fetch, PAGE)) {
        for (const g of rows) {
          yield { id: exchangeIds.group(Number(g.id)), name: g.name, parentId: g.parent_id === null ? undefined : exchangeIds.group(Number(g.parent_id)) };
        }
      }
    },

    items: async function* (): AsyncIterable<CatalogueItem> {
      for await (const rows of pages(itemPage, PAGE)) {
        const ids = rows.map((r) => Number(r.id));
        // The item's own barcode: a single-unit code (not a pack's), the smallest when there are several.
        const codes = await k.selectFrom('barcodes').select(['item_id', 'code', 'pack_quantity']).where('item_id', 'in', ids).orderBy('code').execute();
        const barcode = new Map<number, string>();
        for (const b of codes) {
          const id = Number(b.item_id);
          if (!barcode.has(id) && dec(b.pack_quantity).eq(1)) barcode.set(id, b.code);
        }
        for (const r of rows) {
          yield {
            id: exchangeIds.item(Number(r.id)),
            code: r.code,
            name: r.name,
            unit: r.unit,
            barcode: barcode.get(Number(r.id)),
            groupId: r.group_id === null ? undefined : exchangeIds.group(Number(r.group_id)),
            vatRate: r.rate,
          };
        }
      }
    },

    offers: async function* (): AsyncIterable<CatalogueOffer> {
      const groups = await priceGroups();
      const groupById = new Map(groups.map((g) => [g.id, g.type]));
      for await (const rows of pages(itemPage, PAGE)) {
        const ids = rows.map((r) => Number(r.id));
        // The price in force: the latest valid_from on or before the day, the latest entered among equals.
        const priceRows = await k
          .selectFrom('prices')
          .select(['item_id', 'price_group_id', 'price_minor', 'valid_from', 'id'])
          .where('item_id', 'in', ids)
          .where('valid_from', '<=', asOf)
          .orderBy('item_id')
          .orderBy('price_group_id')
          .orderBy('valid_from')
          .orderBy('id')
          .execute();
        const current = new Map<number, Map<number, number>>();
        for (const p of priceRows) {
          const id = Number(p.item_id);
          const m = current.get(id) ?? new Map<number, number>();
          m.set(Number(p.price_group_id), Number(p.price_minor));
          current.set(id, m);
        }
        // Stock on hand in our own warehouses; goods in transit are nobody's shelf yet.
        const stockRows = await k
          .selectFrom('stock_balances')
          .innerJoin('warehouses', 'warehouses.id', 'stock_balances.warehouse_id')
          .select((eb) => ['stock_balances.item_id', eb.fn.sum<string | number>('stock_balances.quantity_milli').as('milli')])
          .where('warehouses.is_transit', '=', 0)
          .where('stock_balances.item_id', 'in', ids)
          .groupBy('stock_balances.item_id')
          .execute();
        const stock = new Map(stockRows.map((s) => [Number(s.item_id), milliToQuantity(s.milli ?? 0)]));
        for (const r of rows) {
          const id = Number(r.id);
          const prices: OfferPrice[] = [];
          for (const [groupId, minor] of current.get(id) ?? []) {
            const t = groupById.get(groupId);
            if (t) prices.push({ priceTypeId: t.id, priceTypeName: t.name, currency: t.currency, unitPriceMinor: minor, taxIncluded: t.taxIncluded });
          }
          yield { itemId: exchangeIds.item(id), name: r.name, unit: r.unit, prices, stock: stock.get(id) ?? '0' };
        }
      }
    },

    movements: async function* (from: string, to: string): AsyncIterable<MovementDocument> {
      const types = Object.keys(KIND) as DocumentType[];
      const fetch = (after: number) =>
        k
          .selectFrom('documents')
          .leftJoin('partners', 'partners.id', 'documents.partner_id')
          .leftJoin('warehouses as w', 'w.id', 'documents.warehouse_id')
          .leftJoin('warehouses as tw', 'tw.id', 'documents.to_warehouse_id')
          .select([
            'documents.id',
            'documents.type',
            'documents.number',
            'documents.date',
            'documents.currency',
            'documents.total_minor',
            'documents.reason',
            'documents.warehouse_id',
            'documents.to_warehouse_id',
            'documents.partner_id',
            'partners.name as partner_name',
            'partners.tax_number as partner_tax',
            'w.name as warehouse_name',
            'tw.name as to_warehouse_name',
          ])
          .where('documents.date', '>=', from)
          .where('documents.date', '<=', to)
          .where('documents.status', 'in', BOOKED)
          .where('documents.type', 'in', types)
          .where('documents.id', '>', after)
          .orderBy('documents.id')
          .limit(DOCUMENT_PAGE)
          .execute();
      for await (const docs of pages(fetch, DOCUMENT_PAGE)) {
        const lineRows = await k
          .selectFrom('document_lines')
          .innerJoin('items', 'items.id', 'document_lines.item_id')
          .select([
            'document_lines.document_id',
            'document_lines.item_id',
            'document_lines.quantity',
            'document_lines.price_minor',
            'document_lines.amount_minor',
            'document_lines.vat_rate',
            'items.code',
            'items.name',
            'items.unit',
          ])
          .where('document_lines.document_id', 'in', docs.map((d) => Number(d.id)))
          .orderBy('document_lines.document_id')
          .orderBy('document_lines.line_no')
          .execute();
        const byDoc = new Map<number, typeof lineRows>();
        for (const l of lineRows) {
          const id = Number(l.document_id);
          const list = byDoc.get(id) ?? [];
          list.push(l);
          byDoc.set(id, list);
        }
        for (const d of docs) {
          const type = d.type as DocumentType;
          const kind = KIND[type]!;
          const rows = byDoc.get(Number(d.id)) ?? [];
          const internal = INTERNAL.has(type);
          const linesSum = rows.reduce((s, l) => s + Number(l.amount_minor), 0);
          // The engine keeps the gross total; lines hold gross amounts when prices included VAT, net ones otherwise.
          const taxIncluded = !internal && linesSum === Number(d.total_minor);
          const lines: MovementLine[] = rows.map((l) => ({
            itemId: exchangeIds.item(Number(l.item_id)),
            itemCode: l.code,
            itemName: l.name,
            unit: l.unit,
            quantity: dec(l.quantity).toString(),
            unitPriceMinor: Number(l.price_minor),
            sumMinor: Number(l.amount_minor),
            ...(internal ? {} : { vatRate: dec(l.vat_rate).toString(), vatMinor: lineVatMinor(Number(l.amount_minor), l.vat_rate, taxIncluded) }),
          }));
          yield {
            id: exchangeIds.document(Number(d.id)),
            kind,
            number: d.number,
            date: d.date,
            // Kasa's companies keep books in one of the four exchange currencies.
            currency: d.currency as ExchangeCurrency,
            rate: '1',
            partner: d.partner_id === null ? undefined : { id: exchangeIds.partner(Number(d.partner_id)), name: d.partner_name ?? '', taxNumber: d.partner_tax ?? undefined },
            warehouseId: d.warehouse_id === null ? undefined : exchangeIds.warehouse(Number(d.warehouse_id)),
            warehouseName: d.warehouse_name ?? undefined,
            toWarehouseId: d.to_warehouse_id === null ? undefined : exchangeIds.warehouse(Number(d.to_warehouse_id)),
            toWarehouseName: d.to_warehouse_name ?? undefined,
            taxIncluded,
            totalMinor: internal ? linesSum : Number(d.total_minor),
            comment: d.reason ?? undefined,
            lines,
          };
        }
      }
    },
  };
}
