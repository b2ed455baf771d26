// Geometry of the monthly turnover chart, as plain numbers so it is tested without a browser: two bars a month
// (in and out at cost), scaled to the largest value, with a few round gridlines.

export interface MonthValues {
  month: string;
  inValueMinor: number;
  outValueMinor: number;
}

export interface Bar {
  month: string;
  kind: 'in' | 'out';
  x: number;
  y: number;
  width: number;
  height: number;
  valueMinor: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  plotTop: number;
  plotBottom: number;
  bars: Bar[];
  /** Gridline values in minor units with their y. */
  grid: Array<{ valueMinor: number; y: number }>;
  labels: Array<{ month: string; x: number }>;
}

/** 1, 2 or 5 × 10^n: the smallest round step that makes at most `lines` gridlines up to `max`. */
export function niceStep(max: number, lines = 4): number {
  if (max <= 0) return 1;
  const raw = max / lines;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

export function layoutChart(months: MonthValues[], width = 640, height = 260): ChartLayout {
  const left = 70;
  const right = 10;
  const plotTop = 10;
  const plotBottom = height - 30;
  const max = Math.max(0, ...months.flatMap((m) => [m.inValueMinor, m.outValueMinor]));
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const scale = (v: number) => ((plotBottom - plotTop) * Math.max(0, v)) / top;
  const slot = months.length ? (width - left - right) / months.length : 0;
  const barWidth = Math.max(2, Math.min(40, slot * 0.35));
  const bars: Bar[] = [];
  const labels: ChartLayout['labels'] = [];
  months.forEach((m, i) => {
    const centre = left + slot * i + slot / 2;
    labels.push({ month: m.month, x: centre });
    for (const [kind, v, x] of [['in', m.inValueMinor, centre - barWidth - 1], ['out', m.outValueMinor, centre + 1]] as const) {
      const h = scale(v);
      bars.push({ month: m.month, kind, x, y: plotBottom - h, width: barWidth, height: h, valueMinor: v });
    }
  });
  const grid: ChartLayout['grid'] = [];
  for (let v = 0; v <= top; v += step) grid.push({ valueMinor: v, y: plotBottom - scale(v) });
  return { width, height, plotTop, plotBottom, bars, grid, labels };
}
