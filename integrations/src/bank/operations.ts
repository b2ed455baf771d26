// Pure rules over parsed payments: which way the money went for us, the key that spots a payment
// already imported, and which of our partners the other side is.

import type { PaymentDocument, PaymentParty } from './types';

export type PaymentDirection = 'incoming' | 'outgoing' | 'internal' | 'unknown';

const digits = (s: string | undefined) => (s ?? '').replace(/\s+/g, '');

/** Relative to our own accounts: money to us is incoming, from us outgoing, between two of ours internal. */
export function paymentDirection(doc: PaymentDocument, ourAccounts: readonly string[]): PaymentDirection {
  const ours = new Set(ourAccounts.map(digits));
  const fromUs = ours.has(digits(doc.payer.account));
  const toUs = ours.has(digits(doc.recipient.account));
  if (fromUs && toUs) return 'internal';
  if (toUs) return 'incoming';
  if (fromUs) return 'outgoing';
  // Without account numbers the bank's own dates still tell: it credited or it debited.
  if (doc.creditedDate && !doc.debitedDate) return 'incoming';
  if (doc.debitedDate && !doc.creditedDate) return 'outgoing';
  return 'unknown';
}

/**
 * Same payment, same key, whichever file it came in: date, number (leading zeros dropped, banks
 * pad differently), amount in kopecks, payer and recipient accounts.
 */
export function paymentDuplicateKey(doc: PaymentDocument): string {
  const number = doc.number.trim().replace(/^0+(?=.)/, '');
  return [doc.date, number, String(doc.amountMinor), digits(doc.payer.account), digits(doc.recipient.account)].join('|');
}

/** Splits payments into new ones and ones already imported (or repeated within the same file). */
export function splitDuplicates(
  docs: readonly PaymentDocument[],
  knownKeys: ReadonlySet<string>,
): { fresh: PaymentDocument[]; duplicates: PaymentDocument[] } {
  const seen = new Set(knownKeys);
  const fresh: PaymentDocument[] = [];
  const duplicates: PaymentDocument[] = [];
  for (const d of docs) {
    const key = paymentDuplicateKey(d);
    if (seen.has(key)) duplicates.push(d);
    else {
      seen.add(key);
      fresh.push(d);
    }
  }
  return { fresh, duplicates };
}

export interface PartnerRef {
  id: string;
  taxNumber?: string;
  accounts?: readonly string[];
}

export type PartnerMatch =
  | { status: 'matched'; partnerId: string; by: 'taxNumber' | 'account' | 'taxNumber+account' }
  | { status: 'ambiguous'; candidates: string[] }
  | { status: 'none' };

/** The other side of the payment: the payer for incoming money, the recipient for outgoing. */
export function counterparty(doc: PaymentDocument, direction: PaymentDirection): PaymentParty | null {
  if (direction === 'incoming') return doc.payer;
  if (direction === 'outgoing') return doc.recipient;
  return null;
}

// An ИНН of zeros is what banks write when the payer has none.
const meaningfulTaxNumber = (s: string | undefined) => {
  const d = digits(s);
  return d && !/^0+$/.test(d) ? d : '';
};

/** Finds the partner by ИНН first, then by account; several partners with one ИНН are told apart by account. */
export function matchPartner(party: PaymentParty | null, partners: readonly PartnerRef[]): PartnerMatch {
  if (!party) return { status: 'none' };
  const inn = meaningfulTaxNumber(party.taxNumber);
  const account = digits(party.account);
  const hasAccount = (p: PartnerRef) => account !== '' && (p.accounts ?? []).some((a) => digits(a) === account);
  if (inn) {
    const byInn = partners.filter((p) => meaningfulTaxNumber(p.taxNumber) === inn);
    if (byInn.length === 1) return { status: 'matched', partnerId: byInn[0]!.id, by: 'taxNumber' };
    if (byInn.length > 1) {
      const both = byInn.filter(hasAccount);
      if (both.length === 1) return { status: 'matched', partnerId: both[0]!.id, by: 'taxNumber+account' };
      return { status: 'ambiguous', candidates: byInn.map((p) => p.id) };
    }
  }
  const byAccount = partners.filter(hasAccount);
  if (byAccount.length === 1) return { status: 'matched', partnerId: byAccount[0]!.id, by: 'account' };
  if (byAccount.length > 1) return { status: 'ambiguous', candidates: byAccount.map((p) => p.id) };
  return { status: 'none' };
}
