// GS1 element strings as scanned from a DataMatrix (marked goods, Честный ЗНАК) or a GS1-128 label: a run of
// Application Identifiers (AI) and their data, variable-length fields ended by FNC1, which scanners send as GS (ASCII 29).

import { gtinCheckDigit } from '../barcodes/ean';
import { DomainError } from '../errors/domain-error';
import { Decimal } from '../money/decimal';

/** FNC1 as scanners send it: the ASCII group separator. */
export const GS1_SEPARATOR = '\x1d';
const GS = GS1_SEPARATOR;

/** One Application Identifier as the GS1 General Specifications list it. */
export interface AiSpec {
  ai: string;
  title: string;
  /** Data length: fixed, or the maximum of a variable-length field (which FNC1 ends unless it is last). */
  length: number;
  fixed: boolean;
  /** 'N' digits only; 'X' GS1 character set 82 (letters, digits, punctuation). */
  charset: 'N' | 'X';
}

const spec = (ai: string, title: string, length: number, fixed: boolean, charset: 'N' | 'X'): AiSpec => ({ ai, title, length, fixed, charset });

/** The AIs we read; an element string with any other AI is refused, since its length cannot be known. */
export const GS1_AIS: readonly AiSpec[] = [
  spec('00', 'SSCC', 18, true, 'N'),
  spec('01', 'GTIN', 14, true, 'N'),
  spec('02', 'CONTENT', 14, true, 'N'),
  spec('10', 'BATCH/LOT', 20, false, 'X'),
  spec('11', 'PROD DATE', 6, true, 'N'),
  spec('13', 'PACK DATE', 6, true, 'N'),
  spec('15', 'BEST BEFORE', 6, true, 'N'),
  spec('16', 'SELL BY', 6, true, 'N'),
  spec('17', 'USE BY / EXPIRY', 6, true, 'N'),
  spec('21', 'SERIAL', 20, false, 'X'),
  spec('30', 'VAR. COUNT', 8, false, 'N'),
  spec('37', 'COUNT', 8, false, 'N'),
  ...[0, 1, 2, 3, 4, 5].map((n) => spec(`310${n}`, `NET WEIGHT (kg), ${n} decimals`, 6, true, 'N')),
  spec('240', 'ADDITIONAL ID', 30, false, 'X'),
  spec('8005', 'PRICE PER UNIT', 6, false, 'N'),
  // Company-internal AIs; the Russian marking system (Честный ЗНАК) puts its verification key and crypto code here.
  spec('91', 'INTERNAL / CRYPTO KEY ID', 90, false, 'X'),
  spec('92', 'INTERNAL / CRYPTO SIGNATURE', 90, false, 'X'),
  spec('93', 'INTERNAL / CRYPTO CHECK', 90, false, 'X'),
];

const BY_AI = new Map(GS1_AIS.map((s) => [s.ai, s]));

/** Symbology identifiers a scanner may prefix: GS1 DataMatrix, GS1-128, GS1 QR, GS1 DataBar. */
const SYMBOLOGY_PREFIXES = [']d2', ']C1', ']Q3', ']e0'];

// GS1 character set 82 (General Specifications figure 7.11-1).
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;

export interface Gs1Element {
  ai: string;
  value: string;
}

export interface Gs1Data {
  /** GTIN-14, check digit verified. */
  gtin?: string;
  serial?: string;
  batch?: string;
  /** ISO dates; a day of 00 means the last day of the month. */
  expiry?: string;
  productionDate?: string;
  bestBefore?: string;
  /** AI 310n, in kg with 3 decimals. */
  netWeightKg?: string;
  sscc?: string;
  count?: string;
  /** Честный ЗНАК tails: 91 verification key id, 92 crypto signature, 93 crypto check code. */
  cryptoKeyId?: string;
  cryptoSignature?: string;
  cryptoCheck?: string;
  /** Every element in the order read. */
  elements: Gs1Element[];
  /** The text as scanned. */
  raw: string;
}

/** A unit's marking code: GTIN and serial identify the unit; `key` (gtin + serial) is how it is stored. */
export interface MarkingCode extends Gs1Data {
  gtin: string;
  serial: string;
  key: string;
}

function invalid(reason: string, raw: string, extra: Record<string, string | number> = {}): DomainError {
  return new DomainError('marking.invalid', { reason, code: printableMarkingCode(raw), ...extra }, 400);
}

/** The raw code with GS shown as <GS>, for messages and logs. */
export function printableMarkingCode(raw: string): string {
  return raw.replaceAll(GS, '<GS>');
}

function specAt(text: string, pos: number): AiSpec | undefined {
  for (const len of [2, 3, 4]) {
    const s = BY_AI.get(text.slice(pos, pos + len));
    if (s) return s;
  }
  return undefined;
}

function splitRaw(text: string, raw: string, serialLength?: number): Gs1Element[] {
  const out: Gs1Element[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (text[pos] === GS) {
      pos++;
      continue;
    }
    const s = specAt(text, pos);
    if (!s) throw invalid('unknown_ai', raw, { ai: text.slice(pos, pos + 2), position: pos });
    pos += s.ai.length;
    let value: string;
    if (s.fixed) {
      value = text.slice(pos, pos + s.length);
      if (value.includes(GS) || value.length < s.length) throw invalid('too_short', raw, { ai: s.ai, length: s.length });
      pos += s.length;
    } else {
      const end = text.indexOf(GS, pos);
      value = text.slice(pos, end === -1 ? text.length : end);
      // A scanner that drops GS runs the serial into the crypto tail; a known serial length cuts it where it ends.
      if (s.ai === '21' && serialLength && value.length > serialLength && specAt(value, serialLength)) value = value.slice(0, serialLength);
      // A field longer than its maximum usually means the scanner dropped the GS separators.
      if (value.length > s.length) throw invalid('too_long', raw, { ai: s.ai, length: s.length });
      pos += value.length;
    }
    out.push({ ai: s.ai, value });
  }
  return out;
}

// Human-readable form: "(01)04601234567893(21)5Abc1d(93)dGVz". Brackets also belong to character set 82,
// so this form is only assumed when the text starts with "(digits)".
function splitBracketed(text: string, raw: string): Gs1Element[] {
  const out: Gs1Element[] = [];
  const re = /\((\d{2,4})\)/g;
  const marks = [...text.matchAll(re)];
  if (marks[0]?.index !== 0) throw invalid('unknown_ai', raw, { ai: '', position: 0 });
  marks.forEach((m, i) => {
    const s = BY_AI.get(m[1]!);
    if (!s) throw invalid('unknown_ai', raw, { ai: m[1]!, position: m.index! });
    const start = m.index! + m[0].length;
    const value = text.slice(start, marks[i + 1]?.index ?? text.length);
    if (s.fixed && value.length !== s.length) throw invalid(value.length < s.length ? 'too_short' : 'too_long', raw, { ai: s.ai, length: s.length });
    if (!s.fixed && value.length > s.length) throw invalid('too_long', raw, { ai: s.ai, length: s.length });
    out.push({ ai: s.ai, value });
  });
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** GS1 dates are YYMMDD with a sliding century (General Specifications 7.12); DD = 00 is the month's last day. */
export function gs1Date(yymmdd: string, referenceYear: number): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  let dd = Number(yymmdd.slice(4, 6));
  const cur = referenceYear % 100;
  const century = referenceYear - cur;
  const diff = yy - cur;
  const year = diff >= 51 ? century - 100 + yy : diff <= -50 ? century + 100 + yy : century + yy;
  if (mm < 1 || mm > 12) return null;
  const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
  if (dd === 0) dd = last;
  if (dd > last) return null;
  return `${String(year).padStart(4, '0')}-${pad(mm)}-${pad(dd)}`;
}

export interface Gs1Options {
  /** The year "now" for two-digit years; defaults to the current year. */
  referenceYear?: number;
  /**
   * Serial length of the product group (Честный ЗНАК: 13 for most goods, 6 for milk, 7 for tobacco) for scanners
   * that drop the GS after the serial; without it, such a code is read as one long serial or refused as too long.
   */
  serialLength?: number;
}

/** Parses a GS1 element string (raw with GS separators and optional symbology prefix, or the bracketed form). */
export function parseGs1(raw: string, opts: Gs1Options = {}): Gs1Data {
  // Some keyboard-wedge setups show GS as the control picture ␝.
  let text = raw.replaceAll('\u241d', GS).trim();
  if (!text) throw invalid('empty', raw);
  const prefix = SYMBOLOGY_PREFIXES.find((p) => text.startsWith(p));
  if (prefix) text = text.slice(prefix.length);
  const elements = text.startsWith('(') ? splitBracketed(text, raw) : splitRaw(text, raw, opts.serialLength);
  if (elements.length === 0) throw invalid('empty', raw);
  const referenceYear = opts.referenceYear ?? new Date().getUTCFullYear();
  const data: Gs1Data = { elements, raw };
  const seen = new Set<string>();
  for (const { ai, value } of elements) {
    const s = BY_AI.get(ai)!;
    if (seen.has(ai)) throw invalid('duplicate_ai', raw, { ai });
    seen.add(ai);
    if (s.charset === 'N' ? !/^\d*$/.test(value) : !CSET82.test(value)) throw invalid('bad_characters', raw, { ai });
    if (!s.fixed && value.length === 0) throw invalid('too_short', raw, { ai, length: 1 });
    const date = () => {
      const d = gs1Date(value, referenceYear);
      if (!d) throw invalid('date', raw, { ai, value });
      return d;
    };
    switch (ai) {
      case '01':
      case '02':
      case '00':
        if (gtinCheckDigit(value.slice(0, -1)) !== Number(value.at(-1))) throw invalid('check_digit', raw, { ai, value });
        if (ai === '01') data.gtin = value;
        if (ai === '00') data.sscc = value;
        break;
      case '21':
        data.serial = value;
        break;
      case '10':
        data.batch = value;
        break;
      case '11':
        data.productionDate = date();
        break;
      case '15':
        data.bestBefore = date();
        break;
      case '17':
        data.expiry = date();
        break;
      case '30':
      case '37':
        data.count = value;
        break;
      case '91':
        data.cryptoKeyId = value;
        break;
      case '92':
        data.cryptoSignature = value;
        break;
      case '93':
        data.cryptoCheck = value;
        break;
      default:
        if (ai.startsWith('310')) {
          data.netWeightKg = new Decimal(value).div(new Decimal(10).pow(Number(ai[3]))).toFixed(3);
        }
    }
  }
  return data;
}

/** A unit's marking code: must carry a GTIN (01) and a serial (21). */
export function parseMarkingCode(raw: string, opts: Gs1Options = {}): MarkingCode {
  const d = parseGs1(raw, opts);
  if (!d.gtin) throw invalid('missing_gtin', raw);
  if (!d.serial) throw invalid('missing_serial', raw);
  return { ...d, gtin: d.gtin, serial: d.serial, key: markingKey(d.gtin, d.serial) };
}

/** The stored identity of a marked unit: GTIN-14 followed by the serial. */
export function markingKey(gtin: string, serial: string): string {
  return `${gtin}${serial}`;
}

/** GTIN-14 to the EAN-13 printed on the pack (a leading indicator 0 dropped), for looking the item up by barcode. */
export function gtinToEan13(gtin: string): string | null {
  return gtin.length === 14 && gtin.startsWith('0') ? gtin.slice(1) : null;
}
