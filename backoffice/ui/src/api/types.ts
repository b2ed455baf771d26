// Shapes of the store server's JSON (see the API contract); money in integer minor units, quantities as "1.250".
export interface User {
  id: number | string;
  username: string;
  name: string;
  language: string;
  rights: string[];
}

export interface Item {
  id: number | string;
  code: string;
  name: string;
  unit: string;
  vatRate: number | string;
  weighted: boolean;
  marked: boolean;
  active?: boolean;
  vatGroupId?: number;
  barcodes: string[];
  priceMinor: number | null;
  currency: string;
}

export interface Warehouse {
  id: number | string;
  code: string;
  name: string;
  negativeStock: 'forbid' | 'allow';
}

export interface Partner {
  id: number | string;
  code: string;
  name: string;
  taxNumber: string | null;
  kind: string;
}

export const documentTypes = [
  'receiving',
  'supplier_return',
  'transfer',
  'write_off',
  'sale',
  'sale_return',
  'stocktake',
  'supplier_order',
] as const;
/** Types a person creates on the new-document form; surplus and shortage come from a stocktake. */
export type DocumentType = (typeof documentTypes)[number];
export type AnyDocumentType = DocumentType | 'surplus' | 'shortage' | 'production';
export const writeOffReasons = ['spoilage', 'theft', 'own_use', 'sample'] as const;

export const documentStatuses = ['draft', 'awaiting_approval', 'in_transit', 'posted', 'storno', 'annulled', 'closed'] as const;
export type DocumentStatus = (typeof documentStatuses)[number];

export interface DocumentLine {
  id: number | string;
  itemId: number | string;
  itemName: string;
  itemCode?: string;
  quantity: string;
  priceMinor: number | null;
  amountMinor: number | null;
}

export interface FlaggedPrice {
  lineNo: number;
  itemId: number;
  priceMinor: number;
  /** Held against the supplier's contract price or its last price (absent on documents flagged before contracts). */
  reference?: 'contract' | 'last';
  referencePriceMinor?: number;
  contract?: { id: number; validFrom: string; validTo: string | null };
  lastPriceMinor: number | null;
  lastDocumentNumber: string | null;
  lastDate: string | null;
  increasePercent: string;
}

export interface StockDocument {
  id: number | string;
  type: AnyDocumentType;
  number: string;
  status: DocumentStatus;
  date: string;
  warehouseId: number | string | null;
  toWarehouseId: number | string | null;
  partnerId: number | string | null;
  totalMinor: number | null;
  currency: string;
  reason?: string | null;
  baseDocumentId?: number | null;
  payload?: {
    priceControl?: { tolerancePercent: string; flagged: FlaggedPrice[] };
    received?: { itemId: number; sent: string; received: string; difference: string }[];
    stocktake?: { frozenAt: string; duplicates: 'sum' | 'flag'; items: number; itemGroupId: number | null };
    result?: { surplusId: number | null; shortageId: number | null };
  } | null;
  lines?: DocumentLine[];
}

export interface RelatedDocument {
  id: number;
  type: AnyDocumentType;
  number: string;
  status: DocumentStatus;
}

export interface OrderDifference {
  itemId: number;
  itemCode: string;
  itemName: string;
  orderedQuantity: string;
  receivedQuantity: string;
  differenceQuantity: string;
  orderedPriceMinor: number | null;
  receivedPriceMinor: number | null;
}

export interface StocktakeRow {
  itemId: number;
  itemCode: string;
  itemName: string;
  unit: string;
  book: string;
  movedAfter: string;
  expected: string;
  counted: string;
  difference: string;
  counts: number;
  lastCountedAt: string | null;
  flagged: boolean;
  unitCostMinor: string;
  differenceValueMinor: number;
}

export interface LabelFields {
  name: string;
  price: string;
  currency: string;
  barcode: string;
  unitPrice: string;
  unit: string;
}

export interface StockBalance {
  itemId: number | string;
  itemCode: string;
  itemName: string;
  warehouseId: number | string;
  quantity: string;
  valueMinor: number | null;
}
