// A card payment terminal as the till sees it, whatever protocol it speaks. Amounts are integer minor units.
import { DomainError } from '@kasa/domain';

export type Currency = 'EUR' | 'CZK' | 'HUF' | 'RUB' | 'USD';

/** ISO 4217 numeric codes, as terminals want them. */
export const CURRENCY_NUMERIC: Record<Currency, string> = { EUR: '978', CZK: '203', HUF: '348', RUB: '643', USD: '840' };

export function currencyFromNumeric(code: string): Currency {
  const found = (Object.keys(CURRENCY_NUMERIC) as Currency[]).find((c) => CURRENCY_NUMERIC[c] === code);
  if (!found) throw new DomainError('payment.unknown_currency', { code });
  return found;
}

export interface PaymentRequest {
  amountMinor: number;
  currency: Currency;
  /** The till's reference (receipt number), echoed back by terminals that support it. */
  reference?: string;
}

export interface PaymentResult {
  outcome: 'approved' | 'declined';
  amountMinor: number;
  currency: Currency;
  approvalCode?: string;
  /** "************1234" */
  maskedPan?: string;
  /** Retrieval reference number. */
  rrn?: string;
  /** The terminal's raw status, for the journal. */
  terminalStatus: string;
}

export interface PaymentTerminal {
  purchase(request: PaymentRequest): Promise<PaymentResult>;
  refund(request: PaymentRequest): Promise<PaymentResult>;
  /** Cancels (voids) an earlier purchase of this amount. */
  cancel(request: PaymentRequest): Promise<PaymentResult>;
}
