// A till line as the fiscal register can take it: the VAT rate turned into the register's tax group (as the shop's
// register is programmed, per country, overridable per device), and the name folded to what its code page prints.
import iconv from 'iconv-lite';
import { DomainError } from '@kasa/domain';

export type TaxGroups = Record<string, number>;

/**
 * Default tax table per country: VAT rate (percent, as text) → tax group 1..4 of the register. These are the
 * tables our installers program; a register programmed otherwise sets `taxGroups` in the bridge config.
 */
export const TAX_GROUPS_BY_COUNTRY: Record<string, TaxGroups> = {
  LV: { '21': 1, '12': 2, '5': 3, '0': 4 },
  CZ: { '21': 1, '12': 2, '0': 4 },
  HU: { '27': 1, '18': 2, '5': 3, '0': 4 },
  RU: { '20': 1, '10': 2, '0': 4 },
};

export const DEFAULT_COUNTRY = 'LV';

/** "21", "21.0", "21.00", 21 → "21"; "5.5" stays "5.5". */
export function rateKey(rate: string | number): string {
  const s = String(rate).trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d+)?$/.test(s)) throw new DomainError('fiscal.tax_rate_invalid', { rate: String(rate) }, 400);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : String(Number(s));
}

/** The tax table for a device: its own `taxGroups`, else its country's default, else Latvia's. */
export function taxTable(options: { taxGroups?: unknown; country?: unknown } = {}): TaxGroups {
  if (options.taxGroups && typeof options.taxGroups === 'object') {
    const out: TaxGroups = {};
    for (const [rate, group] of Object.entries(options.taxGroups as Record<string, unknown>)) {
      if (typeof group !== 'number' || !Number.isInteger(group) || group < 1 || group > 4) {
        throw new DomainError('config.invalid', { field: `taxGroups.${rate}`, reason: 'tax group 1..4 expected' }, 400);
      }
      out[rateKey(rate)] = group;
    }
    return out;
  }
  const country = typeof options.country === 'string' ? options.country.toUpperCase() : DEFAULT_COUNTRY;
  return TAX_GROUPS_BY_COUNTRY[country] ?? TAX_GROUPS_BY_COUNTRY[DEFAULT_COUNTRY]!;
}

/** The register's four tax bytes for a VAT rate: the group in the first byte, the rest 0. An unknown rate is refused
 * rather than fiscalised without tax. */
export function taxesForRate(rate: string | number, table: TaxGroups): [number, number, number, number] {
  const group = table[rateKey(rate)];
  if (!group) throw new DomainError('fiscal.tax_group_unknown', { rate: rateKey(rate) }, 400);
  return [group, 0, 0, 0];
}

const fitsCp1251 = (ch: string) => iconv.decode(iconv.encode(ch, 'win1251'), 'win1251') === ch;

/**
 * Text a CP1251 register (Shtrih-M) prints as written: Latin letters with diacritics lose them ("Lāči" → "Laci",
 * "Řízek" → "Rizek", "Győr" → "Gyor") instead of turning into "??"; Cyrillic and ASCII pass unchanged.
 */
export function cp1251Text(text: string): string {
  let out = '';
  for (const ch of text) {
    if (fitsCp1251(ch)) out += ch;
    else {
      const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += bare && [...bare].every(fitsCp1251) ? bare : '?';
    }
  }
  return out;
}

export interface TillFiscalLine {
  name: string;
  quantity: string;
  priceMinor: number;
  department?: number;
  taxes?: [number, number, number, number];
  /** The line's VAT rate; mapped to `taxes` through the device's tax table unless `taxes` is given. */
  vatRate?: string | number;
  /** A marked unit's DataMatrix code as the till scanned it. */
  markingCode?: string;
}

/** Countries whose registers take the marking code with the sale line (Russia: FFD tag 1162). Elsewhere the code stays
 *  in the till's journal only; a device overrides with `options.markingCodes: true | false`. */
export const SENDS_MARKING_CODES_BY_COUNTRY: Record<string, boolean> = { RU: true };

export function sendsMarkingCodes(options: { markingCodes?: unknown; country?: unknown } = {}): boolean {
  if (typeof options.markingCodes === 'boolean') return options.markingCodes;
  const country = typeof options.country === 'string' ? options.country.toUpperCase() : DEFAULT_COUNTRY;
  return SENDS_MARKING_CODES_BY_COUNTRY[country] ?? false;
}

/** Prepares a line for a CP1251 register: taxes from the VAT rate (explicit `taxes` win) and a printable name. */
export function registerLine(
  line: TillFiscalLine,
  table: TaxGroups,
): { name: string; quantity: string; priceMinor: number; department?: number; taxes?: [number, number, number, number]; markingCode?: string } {
  const { vatRate, ...rest } = line;
  const taxes = rest.taxes ?? (vatRate !== undefined && vatRate !== null && vatRate !== '' ? taxesForRate(vatRate, table) : undefined);
  return { ...rest, name: cp1251Text(String(rest.name ?? '')), ...(taxes ? { taxes } : {}) };
}
