// The receipt's lines on the sale screen. Memoised: typing or a scanner's burst into the code field re-renders the
// screen on every key, and the lines only need drawing again when the cart, its totals or the selection change.
import { memo } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { CartLine, CartTotals } from './cart';

export const ReceiptLines = memo(function ReceiptLines({
  lines,
  totals,
  selectedKey,
  onSelect,
}: {
  lines: CartLine[];
  totals: CartTotals['lines'];
  selectedKey: string | undefined;
  onSelect: (key: string) => void;
}) {
  const { t } = useI18n();
  if (lines.length === 0) return <p className="empty">{t('sale.empty')}</p>;
  return (
    <table className="lines" data-testid="lines">
      <thead>
        <tr>
          <th>{t('col.item')}</th>
          <th className="num">{t('col.qty')}</th>
          <th className="num">{t('col.price')}</th>
          <th className="num">{t('col.discount')}</th>
          <th className="num">{t('col.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => (
          <Line key={l.key} line={l} discountMinor={totals[i]?.discountMinor ?? 0} grossMinor={totals[i]?.grossMinor ?? 0} selected={l.key === selectedKey} onSelect={onSelect} />
        ))}
      </tbody>
    </table>
  );
});

// One row; a scan that adds a line leaves the other rows' props equal, so only the new row is drawn.
const Line = memo(function Line({ line: l, discountMinor, grossMinor, selected, onSelect }: { line: CartLine; discountMinor: number; grossMinor: number; selected: boolean; onSelect: (key: string) => void }) {
  const { t, money, qty } = useI18n();
  return (
    <tr className={selected ? 'selected' : ''} onClick={() => onSelect(l.key)}>
      <td>
        <span className="code">{l.code}</span> {l.name}
        {l.markingUnchecked && (
          <small className="note" data-testid="marking-unchecked">
            {t('marking.unchecked')}
          </small>
        )}
      </td>
      <td className="num">{qty(l.quantity, l.weighted)}</td>
      <td className="num">{money(l.unitPriceMinor)}</td>
      <td className="num">{discountMinor ? money(discountMinor) : ''}</td>
      <td className="num">{money(grossMinor)}</td>
    </tr>
  );
});
