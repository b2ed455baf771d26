// The fiscal register as the bridge sees it, whatever protocol the device speaks (Shtrih-M today, ATOL next):
// a FiscalProtocol strategy chosen by configuration. Money is integer minor units (kopecks, cents).

export interface ReceiptLine {
  name: string;
  /** Decimal text with up to 3 places ("1", "0.350" kg). */
  quantity: string;
  /** Unit price in minor units. */
  priceMinor: number;
  department?: number;
  /** Tax group numbers 1..4 as programmed in the register (0 = none). */
  taxes?: [number, number, number, number];
  /** A marked unit's GS1 DataMatrix code as scanned (GS separators kept). A protocol with a marking tag sends it with
   *  the line (Shtrih-M: FFD tag 1162 after the sale); a register without one ignores it. */
  markingCode?: string;
}

export interface ReceiptClose {
  /** Payment sums in minor units; `card` is the register's payment type 2, `type3`/`type4` the others. */
  payments: { cash?: number; card?: number; type3?: number; type4?: number };
  /** Receipt discount in hundredths of a percent (250 = 2.50 %). */
  discountBasisPoints?: number;
  taxes?: [number, number, number, number];
  text?: string;
}

export type FiscalMode = 'shift_closed' | 'shift_open' | 'shift_expired' | 'receipt_open' | 'other';

export interface FiscalStatus {
  mode: FiscalMode;
  /** Register's raw mode byte (mode in the low nibble, status in the high). */
  rawMode: number;
  receiptType?: 'sale' | 'return';
  paperOut: boolean;
  /** Printer state: printing stopped for lack of paper and, with paper back, waiting to continue. */
  printer: 'ready' | 'printing' | 'paper_out' | 'waiting_continue';
  operator: number;
  documentNumber?: number;
  lastShiftNumber?: number;
}

export type FiscalDocumentKind = 'registration' | 'open_shift' | 'receipt' | 'close_shift' | 'other';

export interface LastDocument {
  /** Running number of every printed document (fiscal or not). */
  documentNumber: number;
  /** Number of the last fiscal document in the fiscal storage. */
  fiscalDocumentNumber: number;
  kind: FiscalDocumentKind;
  operation?: 'sale' | 'return';
  totalMinor?: number;
  shiftNumber?: number;
}

export interface FiscalProtocol {
  status(): Promise<FiscalStatus>;
  openShift(): Promise<void>;
  sale(line: ReceiptLine): Promise<void>;
  returnSale(line: ReceiptLine): Promise<void>;
  closeReceipt(close: ReceiptClose): Promise<{ changeMinor: number }>;
  cancelReceipt(): Promise<void>;
  cashIn(amountMinor: number): Promise<{ documentNumber: number }>;
  cashOut(amountMinor: number): Promise<{ documentNumber: number }>;
  xReport(): Promise<void>;
  zReport(): Promise<void>;
  printText(text: string): Promise<void>;
  /** What the register last stored: the bridge reconciles with it after a crash or a lost answer. */
  lastDocument(): Promise<LastDocument>;
}

/** Exact "1.235" → 1235 thousandths. */
export function quantityToThousandths(quantity: string): number {
  const m = /^\s*(\d*)(?:[.,](\d{0,3}))?\s*$/.exec(quantity);
  if (!m || (m[1] === '' && !m[2])) throw new RangeError(`invalid quantity ${quantity}`);
  return Number(m[1] || '0') * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}
