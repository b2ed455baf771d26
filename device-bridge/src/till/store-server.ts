// The store server as the till sees it: a few HTTP calls, each with a timeout so a dead network fails fast.
import type { ServerCatalogueItem } from './catalogue';
import type { ServerCashier } from './cashiers';

export interface ReceiptPayload {
  uuid: string;
  tillCode: string;
  number: string;
  type: 'sale' | 'return';
  originalUuid?: string;
  cashierId: string | number;
  shiftNumber: number;
  createdAt: string;
  currency: string;
  lines: { itemId: string | number; quantity: string; unitPriceMinor: number; discountMinor: number; vatRate: string; markingCode?: string }[];
  /** Card payments carry the terminal's approval code, masked card and RRN (the server keeps them in the document). */
  payments: { method: 'cash' | 'card'; amountMinor: number; paymentKey?: string; approvalCode?: string; maskedPan?: string; rrn?: string }[];
}

/** Ids travel back to the server in the type it sent them: numeric ids as numbers, others as strings. */
export function wireId(id: string): string | number {
  return /^[1-9]\d{0,14}$/.test(id) ? Number(id) : id;
}

/** A failed call: `status` 0 means the server could not be reached at all. */
export class StoreServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreServerError';
  }
  /**
   * Worth retrying later: everything but a plain "this request is wrong" (400, 422). A 404 during a server
   * upgrade or a 401 before the till is authorised must not throw a receipt out of the queue.
   */
  get retryable(): boolean {
    return this.status !== 400 && this.status !== 422;
  }
}

export class StoreServer {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
    private readonly token: string | undefined = process.env.KASA_TILL_SERVER_TOKEN,
    /** Sent with the catalogue pull: the server answers with the prices of this till's price group. */
    private readonly tillCode?: string,
  ) {}

  fetchCatalogue(since: string | undefined): Promise<{ items: ServerCatalogueItem[]; cursor: string; complete: boolean }> {
    const q = new URLSearchParams({ ...(since ? { since } : {}), ...(this.tillCode ? { till: this.tillCode } : {}) }).toString();
    return this.call('GET', `/api/v1/till/catalogue${q ? `?${q}` : ''}`);
  }

  fetchCashiers(): Promise<{ cashiers: ServerCashier[] }> {
    return this.call('GET', '/api/v1/till/cashiers');
  }

  postReceipt(receipt: ReceiptPayload): Promise<{ status: 'posted' | 'duplicate'; documentId?: string | number; number?: string }> {
    return this.call('POST', '/api/v1/till/receipts', receipt, { 'idempotency-key': receipt.uuid });
  }

  /** Whether a marked unit may be sold (or returned) now. Short timeout: the cashier waits for the answer. */
  checkMarkingCode(check: { code: string; itemId?: number; operation: 'sale' | 'return' }, timeoutMs = 2500): Promise<{ code: string; status: string; allowed: boolean; itemId: number | null }> {
    return this.call('POST', '/api/v1/till/marking/check', check, {}, timeoutMs);
  }

  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = this.timeoutMs): Promise<T> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new StoreServerError(0, 'server.unreachable', e instanceof Error ? e.message : String(e));
    }
    const text = await res.text().catch(() => '');
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new StoreServerError(res.status, err?.code ?? `http.${res.status}`, err?.message ?? text.slice(0, 200));
    }
    return json as T;
  }
}
