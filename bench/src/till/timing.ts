// Median and 95th percentile of per-call times, the shape every till figure is printed in.

export interface QueryTimes {
  queries: number;
  medianMs: number;
  p95Ms: number;
}

export function summarise(ms: number[]): QueryTimes {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? NaN;
  return { queries: s.length, medianMs: at(0.5), p95Ms: at(0.95) };
}

export async function timeEach(inputs: string[], run: (x: string) => Promise<unknown>): Promise<QueryTimes> {
  const ms: number[] = [];
  for (const x of inputs) {
    const t = performance.now();
    await run(x);
    ms.push(performance.now() - t);
  }
  return summarise(ms);
}
