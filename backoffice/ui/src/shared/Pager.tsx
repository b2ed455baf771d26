// Server-side paging controls: offset/limit in, "1–50 of 100 000" out.
import { useI18n } from '../i18n/I18n';

export function Pager({ offset, limit, total, onOffset }: { offset: number; limit: number; total: number; onOffset: (o: number) => void }) {
  const { t, num } = useI18n();
  const to = Math.min(offset + limit, total);
  return (
    <div className="pager">
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
        {t('common.previous')}
      </button>
      <span>{total === 0 ? t('common.noData') : t('common.range', { from: num(offset + 1), to: num(to), total: num(total) })}</span>
      <button type="button" disabled={to >= total} onClick={() => onOffset(offset + limit)}>
        {t('common.next')}
      </button>
    </div>
  );
}
