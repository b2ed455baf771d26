// VAT rates per country in force on 2026-11-23 (percent). Items carry a VAT group; the group names the rate.

export type CountryCode = 'LV' | 'CZ' | 'HU' | 'RU';

export const VAT_RATES: Record<CountryCode, Record<string, string>> = {
  LV: { standard: '21', reduced: '12', 'super-reduced': '5', zero: '0' },
  CZ: { standard: '21', reduced: '12', zero: '0' },
  HU: { standard: '27', reduced: '18', 'super-reduced': '5', zero: '0' },
  // Russia raised the standard rate from 20 % to 22 % on 2026-01-01.
  RU: { standard: '22', reduced: '10', zero: '0' },
};
