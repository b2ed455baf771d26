// What the CommerceML export reads: a data source the database layer implements.
// Money is integer minor units, quantities are decimal strings, dates are ISO 'YYYY-MM-DD'.

export type ExchangeCurrency = 'EUR' | 'CZK' | 'HUF' | 'RUB';

export interface Company {
  id: string;
  name: string;
  /** VAT / tax number (ИНН in 1C terms). */
  taxNumber?: string;
}

export interface CatalogueItem {
  id: string;
  code: string;
  name: string;
  /** 'pcs' | 'kg' | 'g' | 'l' | 'm' | 'pack' ... */
  unit: string;
  barcode?: string;
  groupId?: string;
  groupName?: string;
  /** VAT rate in percent, e.g. "21". */
  vatRate: string;
  description?: string;
}

export interface PriceType {
  id: string;
  name: string;
  currency: ExchangeCurrency;
  taxIncluded: boolean;
}

export interface OfferPrice {
  priceTypeId: string;
  priceTypeName: string;
  currency: ExchangeCurrency;
  /** Integer minor units (cents, haléře, kopecks). */
  unitPriceMinor: number;
  taxIncluded: boolean;
}

export interface CatalogueOffer {
  itemId: string;
  name: string;
  prices: OfferPrice[];
  /** The item's unit ('pcs', 'kg', ...); pieces when absent. Carried here so offers need no item lookup. */
  unit?: string;
  /** Stock on hand as a decimal string ("12", "3.250"). */
  stock?: string;
}

export interface ItemGroup {
  id: string;
  name: string;
  parentId?: string;
}

/** Goods movements the back office posts; each becomes one CommerceML Документ. */
export type MovementKind =
  | 'receipt' // supplier delivery (поступление)
  | 'sale' // sale to a customer (реализация)
  | 'customer-return' // customer brings goods back
  | 'supplier-return' // we send goods back to the supplier
  | 'transfer' // between our warehouses (перемещение)
  | 'write-off' // списание
  | 'production'; // production / cutting (разделка): inputs consumed, outputs made

export interface Partner {
  id: string;
  name: string;
  taxNumber?: string;
}

export interface MovementLine {
  itemId: string;
  itemCode?: string;
  itemName: string;
  unit: string;
  /** Decimal string; for production lines a negative quantity is an input consumed. */
  quantity: string;
  /** Integer minor units. */
  unitPriceMinor: number;
  /** Integer minor units, the line total as posted (tax included when the document says so). */
  sumMinor: number;
  /** VAT rate percent, e.g. "21"; absent when the movement carries no VAT (transfer, write-off). */
  vatRate?: string;
  /** Integer minor units. */
  vatMinor?: number;
}

export interface MovementDocument {
  id: string;
  kind: MovementKind;
  number: string;
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM:SS', optional. */
  time?: string;
  currency: ExchangeCurrency;
  /** Exchange rate to the accounting currency as a decimal string; "1" when the same. */
  rate?: string;
  /** Absent for internal movements (transfer, write-off, production). */
  partner?: Partner;
  warehouseId?: string;
  warehouseName?: string;
  /** For transfers: the receiving warehouse. */
  toWarehouseId?: string;
  toWarehouseName?: string;
  taxIncluded: boolean;
  /** Integer minor units; the document total. */
  totalMinor: number;
  comment?: string;
  lines: MovementLine[];
}

export interface CommerceMlSource {
  company: Company;
  priceTypes(): Promise<PriceType[]>;
  groups(): AsyncIterable<ItemGroup>;
  items(): AsyncIterable<CatalogueItem>;
  offers(): AsyncIterable<CatalogueOffer>;
  movements(from: string, to: string): AsyncIterable<MovementDocument>;
}

export interface ExportCounts {
  groups: number;
  items: number;
  offers: number;
  documents: number;
}
