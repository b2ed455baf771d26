// The till UI's only door to the world: the bridge's /api/till routes on the same origin.
// The bridge puts its token into index.html; every call carries it.
export interface ApiErrorBody {
  code: string;
  message?: string;
  params?: Record<string, string | number>;
}

export class TillApiError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly status = 0,
  ) {
    super(code);
  }
}

declare global {
  interface Window {
    __KASA_BRIDGE__?: { token?: string };
  }
}

function token(): string | undefined {
  return window.__KASA_BRIDGE__?.token ?? document.querySelector('meta[name="kasa-bridge-token"]')?.getAttribute('content') ?? undefined;
}

export async function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const t = token();
  let res: Response;
  try {
    res = await fetch(`/api/till${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(t ? { 'x-bridge-token': t, authorization: `Bearer ${t}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new TillApiError('network');
  }
  const json = (await res.json().catch(() => ({}))) as { error?: ApiErrorBody };
  if (!res.ok) throw new TillApiError(json.error?.code ?? 'unknown', json.error?.params ?? {}, res.status);
  return json as T;
}

export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface Item {
  id: string;
  code: string;
  name: string;
  unit: string;
  weighted: boolean;
  marked: boolean;
  vatRate: string;
  priceMinor: number;
  currency: string;
  barcodes: string[];
}

export interface Cashier {
  id: string;
  name: string;
  rights: string[];
  language: string;
  discountLimitPercent?: number;
}

export interface Shift {
  number: number;
  openedAt: string;
  floatMinor: number;
  countedMinor: number | null;
  expectedMinor: number | null;
}

export interface TillStatus {
  tillCode: string;
  online: boolean;
  pending: number;
  /** Moves on whenever a pull changed the till's catalogue cache (the page's barcode index follows it). */
  catalogueVersion?: string;
  currency: string;
  cashRounding: string;
  cashier: (Cashier & { discountLimitPercent: number; mayRefund?: boolean; mayChangePrice?: boolean; mayCancelPaid?: boolean }) | null;
  shift: Shift | null;
  /** Device commands that failed (paper out, a fiscal error), in the cashier's words; each can be retried. */
  deviceProblems?: { key: string; type: string; code: string; message: string }[];
}

export interface ShiftReport {
  shift: Shift;
  sales: { count: number; grossMinor: number };
  returns: { count: number; grossMinor: number };
  payments: { cashMinor: number; cardMinor: number };
  refunds: { cashMinor: number; cardMinor: number };
  cashInMinor: number;
  cashOutMinor: number;
  roundingMinor: number;
  expectedCashMinor: number;
  vat: { rate: string; grossMinor: number; vatMinor: number }[];
}

export interface JournalReceipt {
  uuid: string;
  number: string;
  type: 'sale' | 'return';
  grossMinor: number;
  changeMinor: number;
  createdAt: string;
  lines: { lineNo: number; itemId: string; itemName: string; quantity: string; unitPriceMinor: number; discountMinor: number; grossMinor: number }[];
  payments: { method: 'cash' | 'card'; amountMinor: number }[];
}
