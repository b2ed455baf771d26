// Pieces the production pages share: the section's tabs, an item typed or scanned by code, exact unit costs.
import { useState } from 'react';
import type { Item } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { Link } from '../../shared/Link';
import { findItemByCode } from '../documents/lookups';
import { useProductionTexts, type ProductionKey } from './texts';

const tabs: Array<{ to: string; label: ProductionKey }> = [
  { to: '/production/recipes', label: 'production.recipes' },
  { to: '/production/run', label: 'production.run' },
  { to: '/production/cutting', label: 'production.cutting' },
  { to: '/production/consumption', label: 'production.consumption' },
];

export function ProductionTabs({ current }: { current: string }) {
  const pt = useProductionTexts();
  return (
    <nav className="filters production-tabs" aria-label={pt('production.title')}>
      {tabs.map((tab) => (
        <Link key={tab.to} to={tab.to} className={current.startsWith(tab.to) ? 'active' : ''}>
          {pt(tab.label)}
        </Link>
      ))}
    </nav>
  );
}

export const today = () => new Date().toISOString().slice(0, 10);

/** "2819.5" minor units → "28.195" major units, by moving the point (no float arithmetic on money). */
export function minorToMajor(minor: string): string {
  const neg = minor.startsWith('-');
  const [int = '0', frac = ''] = (neg ? minor.slice(1) : minor).split('.');
  const padded = int.padStart(3, '0');
  const major = `${padded.slice(0, -2).replace(/^0+(?=\d)/, '')}.${padded.slice(-2)}${frac}`;
  return (neg ? '-' : '') + major;
}

/** An exact cost per unit in minor units, shown in the currency with up to 4 decimals (0.0162 € of beans). */
export function useUnitMoney(): (minor: string | null | undefined, currency: string) => string {
  const { lang } = useI18n();
  return (minor, currency) => {
    if (minor === null || minor === undefined) return '—';
    return new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(minorToMajor(minor) as unknown as number);
  };
}

export type ItemRef = Pick<Item, 'id' | 'code' | 'name' | 'unit'> & { barcodes?: string[] };

export interface PickedItem {
  code: string;
  item: ItemRef | null;
}

/** A typed code not yet looked up (the button was pressed before Enter or leaving the field) is looked up now. */
export async function resolvePicked(p: PickedItem): Promise<PickedItem> {
  if (p.item || !p.code.trim()) return p;
  return { code: p.code, item: await findItemByCode(p.code) };
}

/** A code field: Enter or leaving it looks the item up by code or barcode and shows its name. */
export function ItemCodeField({ value, onChange, label, name }: { value: PickedItem; onChange: (v: PickedItem) => void; label: string; name?: string }) {
  const pt = useProductionTexts();
  const [problem, setProblem] = useState<string | null>(null);
  const resolve = async () => {
    if (!value.code.trim() || (value.item && (value.item.code === value.code || (value.item.barcodes ?? []).includes(value.code)))) return;
    const item = await findItemByCode(value.code);
    setProblem(item ? null : pt('production.unknownItem', { code: value.code }));
    onChange({ code: value.code, item });
  };
  return (
    <span className="item-code">
      <input
        aria-label={label}
        name={name ?? 'code'}
        value={value.code}
        onChange={(e) => onChange({ code: e.target.value, item: null })}
        onBlur={() => void resolve()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void resolve();
          }
        }}
      />{' '}
      <span className="item-name">{value.item ? `${value.item.name} (${value.item.unit})` : problem ? <span className="error">{problem}</span> : null}</span>
    </span>
  );
}
