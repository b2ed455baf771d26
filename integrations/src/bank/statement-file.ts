// Reads a 1CClientBankExchange file: finds Кодировка in the raw header bytes (the key itself is
// Cyrillic, so it is looked for in both CP1251 and CP866), decodes the whole file, then walks
// its Key=Value lines and sections. A broken envelope fails with a DomainError naming the line; a payment document
// that cannot be read is rejected on its own, with its line and reason, and the rest of the file is read.

import iconv from 'iconv-lite';
import { DomainError } from '@kasa/domain';
import type { AccountSection, BankStatement, PaymentDocument, PaymentParty, RejectedDocument, StatementEncoding, StatementHeader } from './types';

const SIGNATURE = '1CClientBankExchange';
const SUPPORTED_VERSIONS = new Set(['1.01', '1.02', '1.03']);

const ENCODINGS: Record<StatementEncoding, string> = { Windows: 'win1251', DOS: 'cp866' };

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Encoding named in the header, read before anything else is decoded. */
export function detectStatementEncoding(bytes: Uint8Array): StatementEncoding {
  const sig = Buffer.from(SIGNATURE, 'ascii');
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (indexOfBytes(bytes.subarray(start, start + sig.length), sig) !== 0) {
    throw new DomainError('bank.header_missing', { line: 1 }, 400);
  }
  // The header is a few hundred bytes; Кодировка is among its first lines.
  const head = bytes.subarray(0, Math.min(bytes.length, 4096));
  for (const codec of Object.values(ENCODINGS)) {
    const key = iconv.encode('Кодировка=', codec);
    const at = indexOfBytes(head, key);
    if (at < 0) continue;
    let end = at + key.length;
    while (end < head.length && head[end] !== 0x0d && head[end] !== 0x0a) end++;
    const value = Buffer.from(head.subarray(at + key.length, end)).toString('latin1').trim();
    if (value === 'Windows' || value === 'DOS') return value;
    throw new DomainError('bank.encoding_unknown', { value, line: lineOf(head, at) }, 400);
  }
  if (indexOfBytes(head, Buffer.from('Кодировка=', 'utf8')) >= 0) {
    throw new DomainError('bank.encoding_unknown', { value: 'UTF-8', line: 0 }, 400);
  }
  throw new DomainError('bank.encoding_unknown', { value: '', line: 0 }, 400);
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

const AMOUNT = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450 kopecks, exactly (string arithmetic, no floats). */
export function parseAmountMinor(text: string, line = 0, key = ''): number {
  const m = AMOUNT.exec(text.trim());
  if (!m) throw new DomainError('bank.amount_invalid', { line, key, value: text }, 400);
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -minor : minor;
}

const DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/;

/** "05.11.2026" → "2026-11-05". */
export function parseStatementDate(text: string, line = 0, key = ''): string {
  const m = DATE.exec(text.trim());
  if (!m) throw new DomainError('bank.date_invalid', { line, key, value: text }, 400);
  const [, d, mo, y] = m;
  const day = Number(d);
  const month = Number(mo);
  const probe = new Date(Date.UTC(Number(y), month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCDate() !== day || probe.getUTCMonth() !== month - 1) {
    throw new DomainError('bank.date_invalid', { line, key, value: text }, 400);
  }
  return `${y}-${mo}-${d}`;
}

interface Entry {
  key: string;
  value: string;
  line: number;
}

function optionalDate(fields: Map<string, Entry>, key: string): string | undefined {
  const e = fields.get(key);
  return e && e.value.trim() ? parseStatementDate(e.value, e.line, key) : undefined;
}

function optionalAmount(fields: Map<string, Entry>, key: string): number | undefined {
  const e = fields.get(key);
  return e && e.value.trim() ? parseAmountMinor(e.value, e.line, key) : undefined;
}

function text(fields: Map<string, Entry>, key: string): string | undefined {
  const v = fields.get(key)?.value.trim();
  return v ? v : undefined;
}

function required(fields: Map<string, Entry>, key: string, sectionLine: number): Entry {
  const e = fields.get(key);
  if (!e || !e.value.trim()) throw new DomainError('bank.field_missing', { line: sectionLine, key }, 400);
  return e;
}

function party(fields: Map<string, Entry>, prefix: 'Плательщик' | 'Получатель'): PaymentParty {
  return {
    account: text(fields, `${prefix}Счет`) ?? text(fields, `${prefix}РасчСчет`),
    taxNumber: text(fields, `${prefix}ИНН`),
    // Плательщик1 is the name alone; Плательщик may be "ИНН … name" in older files.
    name: text(fields, `${prefix}1`) ?? text(fields, prefix),
    bankName: text(fields, `${prefix}Банк1`),
    bankBic: text(fields, `${prefix}БИК`),
  };
}

function purposeOf(fields: Map<string, Entry>): string {
  const whole = text(fields, 'НазначениеПлатежа');
  if (whole) return whole;
  // Some banks split the purpose into НазначениеПлатежа1..6.
  const parts: string[] = [];
  for (let i = 1; i <= 6; i++) {
    const p = text(fields, `НазначениеПлатежа${i}`);
    if (p) parts.push(p);
  }
  return parts.join(' ');
}

function toDocument(kind: string, line: number, fields: Map<string, Entry>): PaymentDocument {
  const amount = required(fields, 'Сумма', line);
  const date = required(fields, 'Дата', line);
  const all: Record<string, string> = {};
  for (const [k, e] of fields) all[k] = e.value;
  return {
    line,
    kind,
    number: required(fields, 'Номер', line).value.trim(),
    date: parseStatementDate(date.value, date.line, 'Дата'),
    amountMinor: parseAmountMinor(amount.value, amount.line, 'Сумма'),
    payer: party(fields, 'Плательщик'),
    recipient: party(fields, 'Получатель'),
    purpose: purposeOf(fields),
    debitedDate: optionalDate(fields, 'ДатаСписано'),
    creditedDate: optionalDate(fields, 'ДатаПоступило'),
    fields: all,
  };
}

function toAccountSection(line: number, fields: Map<string, Entry>): AccountSection {
  return {
    line,
    account: required(fields, 'РасчСчет', line).value.trim(),
    periodFrom: optionalDate(fields, 'ДатаНачала'),
    periodTo: optionalDate(fields, 'ДатаКонца'),
    openingBalanceMinor: optionalAmount(fields, 'НачальныйОстаток'),
    totalInMinor: optionalAmount(fields, 'ВсегоПоступило'),
    totalOutMinor: optionalAmount(fields, 'ВсегоСписано'),
    closingBalanceMinor: optionalAmount(fields, 'КонечныйОстаток'),
  };
}

type OpenSection = {
  type: 'account' | 'document';
  kind: string;
  line: number;
  fields: Map<string, Entry>;
  /** The first problem found inside a document section; the document is rejected at its end. */
  fault?: { line: number; key: string; code: string; params: Record<string, unknown> };
};

// Keys the header must carry (1C's exchange standard marks them mandatory in a statement from the bank).
const REQUIRED_HEADER_KEYS = ['ВерсияФормата', 'ДатаНачала', 'ДатаКонца', 'РасчСчет'] as const;

function rejection(section: OpenSection, fault: NonNullable<OpenSection['fault']>): RejectedDocument {
  const number = section.fields.get('Номер')?.value.trim();
  return { line: fault.line, sectionLine: section.line, kind: section.kind, ...(number ? { number } : {}), key: fault.key, code: fault.code, params: fault.params };
}

/**
 * Parses decoded text (already Unicode). A broken envelope (header, encoding, account section, cut-off file) throws a
 * DomainError naming the line; a payment document that cannot be read is set aside in `rejected` and the rest is read.
 */
export function parseStatementText(content: string, encoding: StatementEncoding): BankStatement {
  const lines = content.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines[0]?.trim() !== SIGNATURE) throw new DomainError('bank.header_missing', { line: 1 }, 400);

  const header: StatementHeader = { formatVersion: '', encoding, accounts: [], documentKinds: [] };
  const seen = new Set<string>();
  const accountSections: AccountSection[] = [];
  const documents: PaymentDocument[] = [];
  const rejected: RejectedDocument[] = [];
  let section: OpenSection | null = null;
  let ended = false;

  const closeDocument = (open: OpenSection, fault?: OpenSection['fault']) => {
    const problem = open.fault ?? fault;
    if (problem) {
      rejected.push(rejection(open, problem));
      return;
    }
    try {
      documents.push(toDocument(open.kind, open.line, open.fields));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const key = String(e.params.key ?? 'СекцияДокумент');
      rejected.push(rejection(open, { line: Number(e.params.line ?? open.line), key, code: e.code, params: { ...e.params, key } }));
    }
  };
  // Before the first section the header must be complete.
  const checkHeader = (lineNo: number) => {
    if (seen.has('#checked')) return;
    seen.add('#checked');
    for (const key of REQUIRED_HEADER_KEYS) {
      if (!seen.has(key)) throw new DomainError('bank.header_field_missing', { line: lineNo, key }, 400);
    }
  };

  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    if (ended) throw new DomainError('bank.content_after_end', { line: lineNo }, 400);
    const eq = raw.indexOf('=');
    const key = (eq < 0 ? raw : raw.slice(0, eq)).trim();
    const value = eq < 0 ? '' : raw.slice(eq + 1);

    if (key === 'СекцияРасчСчет' || key === 'СекцияДокумент') {
      checkHeader(lineNo);
      if (section?.type === 'account') throw new DomainError('bank.section_unclosed', { line: section.line, next: lineNo }, 400);
      // A payment never closed is rejected; the next section starts clean.
      if (section) closeDocument(section, { line: section.line, key: 'КонецДокумента', code: 'bank.section_unclosed', params: { line: section.line, next: lineNo } });
      section = { type: key === 'СекцияРасчСчет' ? 'account' : 'document', kind: value.trim(), line: lineNo, fields: new Map() };
      if (section.type === 'document') {
        if (!section.kind) section.fault = { line: lineNo, key, code: 'bank.document_kind_missing', params: { line: lineNo } };
        else if (header.documentKinds.length && !header.documentKinds.includes(section.kind)) {
          // The header lists the kinds the file holds (Документ=…); anything else is not what the bank said it sent.
          section.fault = { line: lineNo, key, code: 'bank.document_kind_unknown', params: { line: lineNo, value: section.kind, known: header.documentKinds.join(', ') } };
        }
      }
      continue;
    }
    if (key === 'КонецРасчСчет' || key === 'КонецДокумента') {
      const type = key === 'КонецРасчСчет' ? 'account' : 'document';
      if (!section || section.type !== type) throw new DomainError('bank.section_end_unexpected', { line: lineNo, key }, 400);
      if (type === 'account') accountSections.push(toAccountSection(section.line, section.fields));
      else closeDocument(section);
      section = null;
      continue;
    }
    if (key === 'КонецФайла') {
      checkHeader(lineNo);
      if (section?.type === 'account') throw new DomainError('bank.section_unclosed', { line: section.line, next: lineNo }, 400);
      if (section) closeDocument(section, { line: section.line, key: 'КонецДокумента', code: 'bank.section_unclosed', params: { line: section.line, next: lineNo } });
      section = null;
      ended = true;
      continue;
    }
    if (eq < 0) {
      if (section?.type === 'document') {
        section.fault ??= { line: lineNo, key: trimmed.slice(0, 40), code: 'bank.line_invalid', params: { line: lineNo, text: trimmed.slice(0, 80) } };
        continue;
      }
      throw new DomainError('bank.line_invalid', { line: lineNo, text: trimmed.slice(0, 80) }, 400);
    }

    if (section) {
      section.fields.set(key, { key, value, line: lineNo });
      continue;
    }
    const v = value.trim();
    if (v) seen.add(key);
    switch (key) {
      case 'ВерсияФормата':
        header.formatVersion = v;
        if (!SUPPORTED_VERSIONS.has(v)) throw new DomainError('bank.version_unsupported', { line: lineNo, value: v }, 400);
        break;
      case 'Кодировка':
        if (v !== encoding) throw new DomainError('bank.encoding_unknown', { line: lineNo, value: v }, 400);
        break;
      case 'Отправитель':
        header.sender = v;
        break;
      case 'Получатель':
        header.recipient = v;
        break;
      case 'ДатаСоздания':
        header.createdDate = parseStatementDate(v, lineNo, key);
        break;
      case 'ВремяСоздания':
        header.createdTime = v;
        break;
      case 'ДатаНачала':
        header.periodFrom = parseStatementDate(v, lineNo, key);
        break;
      case 'ДатаКонца':
        header.periodTo = parseStatementDate(v, lineNo, key);
        break;
      case 'РасчСчет':
        header.accounts.push(v);
        break;
      case 'Документ':
        if (v) header.documentKinds.push(v);
        break;
      default:
        // Other header keys (bank-specific) are allowed and ignored.
        break;
    }
  }
  // A file cut off (no КонецФайла) is refused whole: what is missing cannot be told from what is there.
  if (!ended) throw new DomainError('bank.end_missing', { line: lines.length, ...(section ? { section: section.line } : {}) }, 400);
  return { header, accountSections, documents, rejected };
}

/** Lines whose non-ASCII bytes form valid UTF-8 are not Windows-1251 / CP866 text (a real Cyrillic line never is). */
function utf8LineIn(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const chunk = bytes.subarray(start, i);
    if (chunk.some((b) => b >= 0x80)) {
      try {
        decoder.decode(chunk);
        return line;
      } catch {
        // not UTF-8: as expected
      }
    }
    line++;
    start = i + 1;
  }
  return 0;
}

/** Parses the raw file bytes: encoding from the header, then the whole statement. */
export function parseBankStatement(bytes: Uint8Array): BankStatement {
  const encoding = detectStatementEncoding(bytes);
  const mixed = utf8LineIn(bytes);
  if (mixed) throw new DomainError('bank.encoding_invalid', { line: mixed, value: 'UTF-8', expected: encoding }, 400);
  const content = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ENCODINGS[encoding]);
  // Bytes the code page does not define (0x98 in Windows-1251) come out as U+FFFD.
  const bad = content.indexOf('\uFFFD');
  if (bad >= 0) throw new DomainError('bank.encoding_invalid', { line: content.slice(0, bad).split('\n').length, value: '?', expected: encoding }, 400);
  return parseStatementText(content, encoding);
}
