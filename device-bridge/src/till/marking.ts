// A marked unit's code checked with the store server while the cashier scans it (issue 7): a code already sold, or one
// the server cannot read (wrong check characters, another item's code), keeps its line off the receipt. When the server
// cannot be asked the till keeps selling: the code goes on unchecked, and the server records a repeat when the receipt
// syncs (a warning on the posted document).
import { parseMarkingCode, printableMarkingCode } from '@kasa/domain';
import { StoreServerError, wireId, type StoreServer } from './store-server';

export interface MarkingCheckRequest {
  code: string;
  itemId?: string;
  operation?: 'sale' | 'return';
}

/**
 * `checked: false` — the server did not answer (offline, timed out, or a server without the check): sell on, unchecked.
 * `allowed: false` — the server refused the unit; `code` says why (`marking.already_sold`, `marking.not_sold`,
 * `marking.invalid`, `marking.wrong_item`). `status` is the unit's state at the store: `received`, `sold`, `returned`, or
 * `unknown` (never received there; sold anyway, the server warns when the receipt arrives).
 */
export interface MarkingVerdict {
  checked: boolean;
  allowed: boolean;
  status?: string;
  code?: string;
  params?: Record<string, string | number>;
}

/** The unit as the cashier can read it in a message: GTIN and serial, or the code as scanned when it does not parse. */
function shown(code: string): string {
  try {
    const m = parseMarkingCode(code);
    return `${m.gtin} ${m.serial}`;
  } catch {
    const text = printableMarkingCode(code);
    return text.length > 48 ? `${text.slice(0, 47)}…` : text;
  }
}

export async function checkMarkingCode(server: StoreServer, req: MarkingCheckRequest): Promise<MarkingVerdict> {
  const operation = req.operation === 'return' ? 'return' : 'sale';
  const code = String(req.code ?? '');
  const itemId = req.itemId !== undefined ? wireId(String(req.itemId)) : undefined;
  try {
    const r = await server.checkMarkingCode({ code, operation, ...(typeof itemId === 'number' ? { itemId } : {}) });
    if (r.allowed || r.status === 'unknown') return { checked: true, allowed: true, status: r.status };
    const reason = operation === 'sale' ? 'marking.already_sold' : 'marking.not_sold';
    return { checked: true, allowed: false, status: r.status, code: reason, params: { code: shown(code) } };
  } catch (e) {
    // 400: the code does not parse (or is too short to be one); 409: it belongs to another item. Anything else
    // (no answer, 5xx, a server that has no such route yet, a till not authorised) leaves the code unchecked.
    if (e instanceof StoreServerError && (e.status === 400 || e.status === 409 || e.status === 422)) {
      const reason = e.status === 409 ? 'marking.wrong_item' : 'marking.invalid';
      return { checked: true, allowed: false, code: reason, params: { code: shown(code) } };
    }
    return { checked: false, allowed: true, code: 'server.unreachable' };
  }
}
