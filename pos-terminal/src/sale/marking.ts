// Marked goods at the till (issue 7): the code scanned from a pack is refused when it is already on this receipt
// (checked here) or when the store server says it was sold already or cannot be read (asked through the bridge,
// POST /api/till/marking/check). Offline, the code goes on unchecked and the line says so.
import { parseMarkingCode } from '@kasa/domain';
import { api, TillApiError } from '../api/till-api';
import type { Cart } from './cart';

/** The bridge's answer; see device-bridge/src/till/marking.ts. */
export interface MarkingVerdict {
  checked: boolean;
  allowed: boolean;
  status?: string;
  code?: string;
  params?: Record<string, string | number>;
}

/** The unit a code stands for: GTIN + serial (the crypto tail may differ between two reads of one pack). */
export function markingUnit(code: string): string {
  try {
    return parseMarkingCode(code.trim()).key;
  } catch {
    return code.trim();
  }
}

/** The unit as a cashier reads it in a message. */
export function shownMarkingCode(code: string): string {
  try {
    const m = parseMarkingCode(code.trim());
    return `${m.gtin} ${m.serial}`;
  } catch {
    const text = code.trim().replaceAll('\x1d', '<GS>');
    return text.length > 48 ? `${text.slice(0, 47)}…` : text;
  }
}

export function markingOnReceipt(cart: Cart, code: string): boolean {
  const unit = markingUnit(code);
  return cart.lines.some((l) => l.markingCode !== undefined && markingUnit(l.markingCode) === unit);
}

/** Asks the store server through the bridge; a bridge that does not answer either leaves the code unchecked too. */
export async function checkMarking(code: string, itemId: string, operation: 'sale' | 'return'): Promise<MarkingVerdict> {
  try {
    return await api<MarkingVerdict>('POST', '/marking/check', { code, itemId, operation });
  } catch (e) {
    if (e instanceof TillApiError && e.code === 'network') return { checked: false, allowed: true, code: 'network' };
    throw e;
  }
}
