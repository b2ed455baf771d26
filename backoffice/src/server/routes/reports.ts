// Stock reports over HTTP: balance on a date, turnover for a period (and by month for the chart), the movement
// history of one item, purchase price history. JSON answers one keyset page (`after` → `next`, `total` on the first
// page for a progress bar); format=csv and format=xlsx stream every row as it is read (the workbook's ZIP too).
// Right: reports.view. (The cash-flow and receivables reports live in routes/bank.ts.)

import { Readable } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertRight, currency } from '@kasa/domain';
import {
  csvLines,
  itemMovementsCount,
  itemMovementsPage,
  purchasePricesCount,
  purchasePricesPage,
  stockBalanceCount,
  stockBalancePage,
  streamItemMovements,
  streamPurchasePrices,
  streamStockBalance,
  streamTurnover,
  turnoverByMonth,
  turnoverCount,
  turnoverPage,
  type Db,
  type ItemMovementRow,
  type Page,
  type PurchasePriceRow,
  type ReportColumn,
  type StockBalanceRow,
  type TurnoverRow,
  xlsxStream,
} from '@kasa/db';
import { LANGUAGES, pickLanguage, type Language } from '../messages';
import type { RouteContext } from '../app';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-11-30'] });
const Common = {
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx')], { default: 'json' })),
  after: Type.Optional(Type.String({ maxLength: 500, description: 'The `next` cursor of the previous page (JSON only)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500, description: 'Rows per page (JSON only)' })),
  lang: Type.Optional(Type.Union(LANGUAGES.map((l) => Type.Literal(l)), { description: 'Language of CSV/XLSX headers' })),
  separator: Type.Optional(Type.Union([Type.Literal(','), Type.Literal(';'), Type.Literal('tab')], { description: 'CSV field separator' })),
  warehouseId: Type.Optional(Type.Integer({ minimum: 1 })),
  includeTransit: Type.Optional(Type.Boolean({ description: 'Count transit warehouses too' })),
};
const BalanceQuery = Type.Object({ date: IsoDate, itemId: Type.Optional(Type.Integer({ minimum: 1 })), ...Common });
const TurnoverQuery = Type.Object({ from: IsoDate, to: IsoDate, itemId: Type.Optional(Type.Integer({ minimum: 1 })), priceGroupId: Type.Optional(Type.Integer({ minimum: 1 })), ...Common });
const MonthsQuery = Type.Object({ from: IsoDate, to: IsoDate, itemId: Type.Optional(Type.Integer({ minimum: 1 })), warehouseId: Type.Optional(Type.Integer({ minimum: 1 })), includeTransit: Type.Optional(Type.Boolean()) });
const MovementsQuery = Type.Object({ itemId: Type.Integer({ minimum: 1 }), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate), ...Common });
const PricesQuery = Type.Object({
  itemId: Type.Optional(Type.Integer({ minimum: 1 })),
  partnerId: Type.Optional(Type.Integer({ minimum: 1 })),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  ...Common,
});

// Column headers of the exported files, in the five languages of the product.
const HEADERS: Record<string, Record<Language, string>> = {
  item_code: { en: 'Code', lv: 'Kods', ru: 'Код', cs: 'Kód', hu: 'Kód' },
  item_name: { en: 'Item', lv: 'Prece', ru: 'Товар', cs: 'Zboží', hu: 'Cikk' },
  unit: { en: 'Unit', lv: 'Mērv.', ru: 'Ед.', cs: 'Jedn.', hu: 'Egység' },
  warehouse: { en: 'Warehouse', lv: 'Noliktava', ru: 'Склад', cs: 'Sklad', hu: 'Raktár' },
  quantity: { en: 'Quantity', lv: 'Daudzums', ru: 'Количество', cs: 'Množství', hu: 'Mennyiség' },
  value: { en: 'Cost value', lv: 'Pašizmaksa', ru: 'Себестоимость', cs: 'Nákladová hodnota', hu: 'Bekerülési érték' },
  opening_qty: { en: 'Opening qty', lv: 'Sākuma atl.', ru: 'Нач. остаток', cs: 'Poč. stav', hu: 'Nyitó menny.' },
  opening_value: { en: 'Opening cost', lv: 'Sākuma vērt.', ru: 'Нач. сумма', cs: 'Poč. hodnota', hu: 'Nyitó érték' },
  in_qty: { en: 'In qty', lv: 'Ienākums', ru: 'Приход', cs: 'Příjem', hu: 'Bevét' },
  in_value: { en: 'In cost', lv: 'Ienākuma vērt.', ru: 'Приход, сумма', cs: 'Příjem, hodnota', hu: 'Bevét érték' },
  out_qty: { en: 'Out qty', lv: 'Izdevums', ru: 'Расход', cs: 'Výdej', hu: 'Kiadás' },
  out_value: { en: 'Out cost', lv: 'Izdevuma vērt.', ru: 'Расход, сумма', cs: 'Výdej, hodnota', hu: 'Kiadás érték' },
  closing_qty: { en: 'Closing qty', lv: 'Beigu atl.', ru: 'Кон. остаток', cs: 'Kon. stav', hu: 'Záró menny.' },
  closing_value: { en: 'Closing cost', lv: 'Beigu vērt.', ru: 'Кон. сумма', cs: 'Kon. hodnota', hu: 'Záró érték' },
  sales_price: { en: 'Retail price', lv: 'Mazumtirdzn. cena', ru: 'Розничная цена', cs: 'Prodejní cena', hu: 'Eladási ár' },
  opening_sales: { en: 'Opening retail', lv: 'Sākuma mazumtirdzn.', ru: 'Нач., в ценах продажи', cs: 'Poč., prodejní', hu: 'Nyitó, eladási' },
  in_sales: { en: 'In retail', lv: 'Ienākums mazumtirdzn.', ru: 'Приход, в ценах продажи', cs: 'Příjem, prodejní', hu: 'Bevét, eladási' },
  out_sales: { en: 'Out retail', lv: 'Izdevums mazumtirdzn.', ru: 'Расход, в ценах продажи', cs: 'Výdej, prodejní', hu: 'Kiadás, eladási' },
  closing_sales: { en: 'Closing retail', lv: 'Beigu mazumtirdzn.', ru: 'Кон., в ценах продажи', cs: 'Kon., prodejní', hu: 'Záró, eladási' },
  date: { en: 'Date', lv: 'Datums', ru: 'Дата', cs: 'Datum', hu: 'Dátum' },
  document: { en: 'Document', lv: 'Dokuments', ru: 'Документ', cs: 'Doklad', hu: 'Bizonylat' },
  doc_type: { en: 'Type', lv: 'Veids', ru: 'Вид', cs: 'Druh', hu: 'Típus' },
  status: { en: 'Status', lv: 'Statuss', ru: 'Статус', cs: 'Stav', hu: 'Állapot' },
  partner: { en: 'Partner', lv: 'Partneris', ru: 'Контрагент', cs: 'Partner', hu: 'Partner' },
  balance_qty: { en: 'Balance qty', lv: 'Atlikums', ru: 'Остаток', cs: 'Zůstatek', hu: 'Egyenleg' },
  balance_value: { en: 'Balance cost', lv: 'Atlikuma vērt.', ru: 'Остаток, сумма', cs: 'Zůstatek, hodnota', hu: 'Egyenleg érték' },
  price: { en: 'Net price', lv: 'Cena bez PVN', ru: 'Цена без НДС', cs: 'Cena bez DPH', hu: 'Nettó ár' },
  amount: { en: 'Amount', lv: 'Summa', ru: 'Сумма', cs: 'Částka', hu: 'Összeg' },
  change: { en: 'Change', lv: 'Izmaiņa', ru: 'Изменение', cs: 'Změna', hu: 'Változás' },
};

const col = <T>(key: string, kind: ReportColumn<T>['kind'], value: ReportColumn<T>['value']): ReportColumn<T> => ({ key, kind, value });

const BALANCE_COLUMNS: ReportColumn<StockBalanceRow>[] = [
  col('item_code', 'text', (r) => r.itemCode),
  col('item_name', 'text', (r) => r.itemName),
  col('unit', 'text', (r) => r.unit),
  col('warehouse', 'text', (r) => r.warehouseCode),
  col('quantity', 'quantity', (r) => r.quantity),
  col('value', 'money', (r) => r.valueMinor),
];
const TURNOVER_COLUMNS: ReportColumn<TurnoverRow>[] = [
  col('item_code', 'text', (r) => r.itemCode),
  col('item_name', 'text', (r) => r.itemName),
  col('unit', 'text', (r) => r.unit),
  col('warehouse', 'text', (r) => r.warehouseCode),
  col('opening_qty', 'quantity', (r) => r.openingQuantity),
  col('opening_value', 'money', (r) => r.openingValueMinor),
  col('in_qty', 'quantity', (r) => r.inQuantity),
  col('in_value', 'money', (r) => r.inValueMinor),
  col('out_qty', 'quantity', (r) => r.outQuantity),
  col('out_value', 'money', (r) => r.outValueMinor),
  col('closing_qty', 'quantity', (r) => r.closingQuantity),
  col('closing_value', 'money', (r) => r.closingValueMinor),
  col('sales_price', 'money', (r) => r.salesPriceMinor),
  col('opening_sales', 'money', (r) => r.openingSalesValueMinor),
  col('in_sales', 'money', (r) => r.inSalesValueMinor),
  col('out_sales', 'money', (r) => r.outSalesValueMinor),
  col('closing_sales', 'money', (r) => r.closingSalesValueMinor),
];
const MOVEMENT_COLUMNS: ReportColumn<ItemMovementRow>[] = [
  col('date', 'text', (r) => r.date),
  col('document', 'text', (r) => r.documentNumber),
  col('doc_type', 'text', (r) => r.documentType),
  col('status', 'text', (r) => r.documentStatus),
  col('partner', 'text', (r) => r.partnerName),
  col('warehouse', 'text', (r) => r.warehouseCode),
  col('quantity', 'quantity', (r) => r.quantity),
  col('value', 'money', (r) => r.valueMinor),
  col('balance_qty', 'quantity', (r) => r.balanceQuantity),
  col('balance_value', 'money', (r) => r.balanceValueMinor),
];
const PRICE_COLUMNS: ReportColumn<PurchasePriceRow>[] = [
  col('item_code', 'text', (r) => r.itemCode),
  col('item_name', 'text', (r) => r.itemName),
  col('date', 'text', (r) => r.date),
  col('document', 'text', (r) => r.documentNumber),
  col('partner', 'text', (r) => r.partnerName),
  col('quantity', 'quantity', (r) => r.quantity),
  col('price', 'money', (r) => r.priceMinor),
  col('amount', 'money', (r) => r.amountMinor),
  col('change', 'money', (r) => r.changeMinor),
];

interface CommonQuery {
  format?: 'json' | 'csv' | 'xlsx';
  after?: string;
  limit?: number;
  lang?: Language;
  separator?: ',' | ';' | 'tab';
}

interface ReportSpec<T> {
  name: string;
  columns: ReportColumn<T>[];
  page: (after: string | null, limit?: number) => Promise<Page<T>>;
  count: () => Promise<number>;
  stream: () => AsyncGenerator<T>;
}

async function companyCurrency(db: Db): Promise<{ code: string; minorUnits: number }> {
  const c = await db.kysely.selectFrom('companies').select('currency').orderBy('id').executeTakeFirst();
  const code = c?.currency ?? 'EUR';
  return { code, minorUnits: currency(code).minorUnits };
}

async function answer<T>(db: Db, req: FastifyRequest, reply: FastifyReply, q: CommonQuery, spec: ReportSpec<T>) {
  const cur = await companyCurrency(db);
  const format = q.format ?? 'json';
  if (format === 'json') {
    const page = await spec.page(q.after ?? null, q.limit);
    return { currency: cur.code, rows: page.rows, next: page.next, ...(q.after ? {} : { total: await spec.count() }) };
  }
  const lang = q.lang ?? (req.user?.language as Language | undefined) ?? pickLanguage(req.headers['accept-language']);
  const headers = spec.columns.map((c) => HEADERS[c.key]?.[lang] ?? HEADERS[c.key]?.en ?? c.key);
  if (format === 'csv') {
    const separator = q.separator === 'tab' ? '\t' : (q.separator ?? ',');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${spec.name}.csv"`)
      .send(Readable.from(csvLines(spec.columns, headers, spec.stream(), { separator, moneyDecimals: cur.minorUnits })));
  }
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${spec.name}.xlsx"`)
    .send(Readable.from(xlsxStream(spec.name, spec.columns, headers, spec.stream(), { moneyDecimals: cur.minorUnits })));
}

export function registerReportRoutes(app: FastifyInstance, { db, requireUser }: RouteContext): void {
  const guard = (req: FastifyRequest) => assertRight(requireUser(req).rights, 'reports.view');

  app.get(
    '/api/v1/reports/stock-balance',
    { schema: { tags: ['reports'], summary: 'Stock balance by item and warehouse on a date (quantity and cost); JSON pages, CSV stream or XLSX', querystring: BalanceQuery } },
    async (req, reply) => {
      guard(req);
      const { date, itemId, warehouseId, includeTransit, ...common } = req.query as Static<typeof BalanceQuery>;
      const q = { date, itemId, warehouseId, includeTransit };
      return answer(db, req, reply, common, {
        name: `stock-balance-${date}`,
        columns: BALANCE_COLUMNS,
        page: (after, limit) => stockBalancePage(db, q, after, limit),
        count: () => stockBalanceCount(db, q),
        stream: () => streamStockBalance(db, q),
      });
    },
  );

  app.get(
    '/api/v1/reports/turnover',
    { schema: { tags: ['reports'], summary: 'Turnover by item and warehouse for a period: opening, in, out, closing at cost and at retail price', querystring: TurnoverQuery } },
    async (req, reply) => {
      guard(req);
      const { from, to, itemId, warehouseId, includeTransit, priceGroupId, ...common } = req.query as Static<typeof TurnoverQuery>;
      const q = { from, to, itemId, warehouseId, includeTransit, priceGroupId };
      return answer(db, req, reply, common, {
        name: `turnover-${from}-${to}`,
        columns: TURNOVER_COLUMNS,
        page: (after, limit) => turnoverPage(db, q, after, limit),
        count: () => turnoverCount(db, q),
        stream: () => streamTurnover(db, q),
      });
    },
  );

  app.get(
    '/api/v1/reports/turnover/by-month',
    { schema: { tags: ['reports'], summary: 'In and out at cost per month of the period, for the chart', querystring: MonthsQuery } },
    async (req) => {
      guard(req);
      const q = req.query as Static<typeof MonthsQuery>;
      return { currency: (await companyCurrency(db)).code, months: await turnoverByMonth(db, q) };
    },
  );

  app.get(
    '/api/v1/reports/item-movements',
    { schema: { tags: ['reports'], summary: 'Every posted document that moved one item, with the running balance', querystring: MovementsQuery } },
    async (req, reply) => {
      guard(req);
      const { itemId, from, to, warehouseId, includeTransit, ...common } = req.query as Static<typeof MovementsQuery>;
      const q = { itemId, from, to, warehouseId, includeTransit };
      return answer(db, req, reply, common, {
        name: `item-movements-${itemId}`,
        columns: MOVEMENT_COLUMNS,
        page: (after, limit) => itemMovementsPage(db, q, after, limit),
        count: () => itemMovementsCount(db, q),
        stream: () => streamItemMovements(db, q),
      });
    },
  );

  app.get(
    '/api/v1/reports/purchase-prices',
    { schema: { tags: ['reports'], summary: 'Purchase price history from posted receivings, with the change against the previous receipt', querystring: PricesQuery } },
    async (req, reply) => {
      guard(req);
      const { itemId, partnerId, from, to, ...common } = req.query as Static<typeof PricesQuery>;
      const q = { itemId, partnerId, from, to };
      return answer(db, req, reply, common, {
        name: 'purchase-prices',
        columns: PRICE_COLUMNS,
        page: (after, limit) => purchasePricesPage(db, q, after, limit),
        count: () => purchasePricesCount(db, q),
        stream: () => streamPurchasePrices(db, q),
      });
    },
  );
}
