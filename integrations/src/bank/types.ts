// A bank statement as 1C's client-bank exchange standard (1CClientBankExchange 1.02/1.03) carries it.
// Amounts are integer kopecks (minor units); dates are ISO 'YYYY-MM-DD'.

export type StatementEncoding = 'Windows' | 'DOS';

export interface StatementHeader {
  formatVersion: string;
  encoding: StatementEncoding;
  sender?: string;
  recipient?: string;
  createdDate?: string;
  createdTime?: string;
  periodFrom?: string;
  periodTo?: string;
  /** РасчСчет may repeat, one line per account in the file. */
  accounts: string[];
  /** Документ= lines: the document kinds the file may hold. */
  documentKinds: string[];
}

/** СекцияРасчСчет: balances and turnovers of one account over the period. */
export interface AccountSection {
  line: number;
  account: string;
  periodFrom?: string;
  periodTo?: string;
  openingBalanceMinor?: number;
  totalInMinor?: number;
  totalOutMinor?: number;
  closingBalanceMinor?: number;
}

export interface PaymentParty {
  account?: string;
  /** ИНН (taxpayer number). */
  taxNumber?: string;
  name?: string;
  bankName?: string;
  bankBic?: string;
}

/** СекцияДокумент=<kind>: one payment (платёжное поручение, банковский ордер, ...). */
export interface PaymentDocument {
  /** Line of the СекцияДокумент line, for messages. */
  line: number;
  /** The section's kind, e.g. "Платежное поручение". */
  kind: string;
  number: string;
  date: string;
  amountMinor: number;
  payer: PaymentParty;
  recipient: PaymentParty;
  purpose: string;
  /** ДатаСписано: the day money left the payer's account (our outgoing payments). */
  debitedDate?: string;
  /** ДатаПоступило: the day money reached the recipient (our incoming payments). */
  creditedDate?: string;
  /** Every key as written, for fields we do not type (КодНазПлатежа, Очередность, ...). */
  fields: Record<string, string>;
}

export interface BankStatement {
  header: StatementHeader;
  accountSections: AccountSection[];
  documents: PaymentDocument[];
}
