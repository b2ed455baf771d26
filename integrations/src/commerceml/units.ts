// Our unit names → the OKEI codes and short names 1C expects in БазоваяЕдиница / Единица
// (the schema's ЕдиницаТип is 3–4 characters, so codes, not names, go into those elements).

export interface ExchangeUnit {
  code: string;
  shortName: string;
  fullName: string;
  international: string;
}

export const UNITS: Record<string, ExchangeUnit> = {
  pcs: { code: '796', shortName: 'шт', fullName: 'Штука', international: 'PCE' },
  kg: { code: '166', shortName: 'кг', fullName: 'Килограмм', international: 'KGM' },
  g: { code: '163', shortName: 'г', fullName: 'Грамм', international: 'GRM' },
  l: { code: '112', shortName: 'л', fullName: 'Литр', international: 'LTR' },
  m: { code: '006', shortName: 'м', fullName: 'Метр', international: 'MTR' },
  m2: { code: '055', shortName: 'м2', fullName: 'Квадратный метр', international: 'MTK' },
  pack: { code: '778', shortName: 'упак', fullName: 'Упаковка', international: 'NMP' },
};

export function exchangeUnit(unit: string): ExchangeUnit {
  return UNITS[unit] ?? UNITS.pcs!;
}
