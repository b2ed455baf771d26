// Turnover at cost by month as an SVG bar chart: in (green) and out (red) side by side, gridlines in money.
import { useI18n } from '../../i18n/I18n';
import { useApi } from '../../shared/useApi';
import { query } from '../../api/client';
import { layoutChart, type MonthValues } from './chart';

export function TurnoverChart({ from, to, warehouseId, includeTransit }: { from: string; to: string; warehouseId?: string; includeTransit?: string }) {
  const { t, money } = useI18n();
  const { data } = useApi<{ currency: string; months: MonthValues[] }>(`/api/v1/reports/turnover/by-month${query({ from, to, warehouseId, includeTransit })}`);
  if (!data || data.months.length === 0) return null;
  const c = layoutChart(data.months);
  return (
    <figure className="report-chart">
      <figcaption>{t('reports.chartTitle')}</figcaption>
      <svg width={c.width} height={c.height} viewBox={`0 0 ${c.width} ${c.height}`} role="img" aria-label={t('reports.chartTitle')}>
        {c.grid.map((g) => (
          <g key={g.valueMinor}>
            <line x1={70} x2={c.width - 10} y1={g.y} y2={g.y} stroke="#ddd" />
            <text x={64} y={g.y + 4} textAnchor="end" fontSize="11">
              {money(g.valueMinor, data.currency)}
            </text>
          </g>
        ))}
        {c.bars.map((b) => (
          <rect key={`${b.month}-${b.kind}`} x={b.x} y={b.y} width={b.width} height={b.height} fill={b.kind === 'in' ? '#3a8f5c' : '#c0504d'}>
            <title>
              {b.month} · {t(b.kind === 'in' ? 'reports.in' : 'reports.out')}: {money(b.valueMinor, data.currency)}
            </title>
          </rect>
        ))}
        {c.labels.map((l) => (
          <text key={l.month} x={l.x} y={c.plotBottom + 16} textAnchor="middle" fontSize="11">
            {l.month}
          </text>
        ))}
      </svg>
      <div className="legend">
        <span style={{ color: '#3a8f5c' }}>■</span> {t('reports.in')} <span style={{ color: '#c0504d' }}>■</span> {t('reports.out')}
      </div>
    </figure>
  );
}
