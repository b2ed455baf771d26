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

/**
 * A payment document left out of an otherwise sound file (missing Номер, a bad date, an unknown kind, a section
 * never closed…): the rest of the file is booked, this one is listed for the accountant with the line at fault.
 */
export interface RejectedDocument {
  /** The line at fault: the field's line, or the СекцияДокумент line when the whole section is wrong. */
  line: number;
  /** Line of the document's СекцияДокумент line. */
  sectionLine: number;
  kind: string;
  /** Номер when the document has one, to find it in the bank client. */
  number?: string;
  /** The key at fault (Сумма, Дата, СекцияДокумент…). */
  key: string;
  /** A bank.* error code with its parameters; the text is translated at the edge. */
  code: string;
  params: Record<string, unknown>;
}

export interface BankStatement {
  header: StatementHeader;
  accountSections: AccountSection[];
  documents: PaymentDocument[];
  /** Payment documents that could not be read, in file order. */
  rejected: RejectedDocument[];
}
