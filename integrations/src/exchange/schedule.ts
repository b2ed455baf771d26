// When the next scheduled run is due, from the settings and the last run's start (read from the log, so a restart
// neither skips a run nor runs twice). Pure: the scheduler passes the clock in.

import type { ExchangeSchedule } from './settings';

/** Local calendar date 'YYYY-MM-DD' of a moment (server time, as the accountant's period is). */
export function localDate(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}`;
}

/**
 * The moment the next run is due. Interval: the last start + N minutes (now when never run). Daily: today at HH:MM
 * if the last run started before that moment, else tomorrow at HH:MM.
 */
export function nextRunAt(schedule: ExchangeSchedule, lastStartedAt: Date | null, now: Date): Date {
  if (schedule.kind === 'interval') {
    if (!lastStartedAt) return now;
    return new Date(lastStartedAt.getTime() + schedule.everyMinutes * 60_000);
  }
  const [h, m] = schedule.dailyAt.split(':').map(Number) as [number, number];
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate(), h, m, 0, 0);
  // Not yet run since today's HH:MM: due then (already past: due now).
  if (!lastStartedAt || lastStartedAt < today) return today;
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, h, m, 0, 0);
}
