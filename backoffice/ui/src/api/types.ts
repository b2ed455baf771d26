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
export type DocumentType = (typeof documentTypes)[number];

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

export interface StockDocument {
  id: number | string;
  type: DocumentType;
  number: string;
  status: DocumentStatus;
  date: string;
  warehouseId: number | string | null;
  toWarehouseId: number | string | null;
  partnerId: number | string | null;
  totalMinor: number | null;
  currency: string;
  lines?: DocumentLine[];
}

export interface StockBalance {
  itemId: number | string;
  itemCode: string;
  itemName: string;
  warehouseId: number | string;
  quantity: string;
  valueMinor: number | null;
}
