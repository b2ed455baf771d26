// When the scheduled exchange runs next: every N minutes from the last start, or daily at HH:MM once per day.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localDate, nextRunAt } from './schedule';

const at = (s: string) => new Date(s); // local time, as the shop's clock

test('every 30 minutes: due 30 minutes after the last start, at once when never run', () => {
  const every = { kind: 'interval' as const, everyMinutes: 30, dailyAt: '02:00' };
  const now = at('2026-11-10T12:00:00');
  assert.equal(nextRunAt(every, null, now).getTime(), now.getTime());
  assert.equal(nextRunAt(every, at('2026-11-10T11:45:00'), now).getTime(), at('2026-11-10T12:15:00').getTime());
  // a server that was down for a day is due at once after the restart
  assert.ok(nextRunAt(every, at('2026-11-09T11:45:00'), now) <= now);
});

test('daily at 02:00: today if not yet run since 02:00, else tomorrow', () => {
  const daily = { kind: 'daily' as const, everyMinutes: 60, dailyAt: '02:00' };
  // before 02:00 and last run yesterday: today 02:00
  assert.equal(nextRunAt(daily, at('2026-11-09T02:00:05'), at('2026-11-10T01:00:00')).getTime(), at('2026-11-10T02:00:00').getTime());
  // 09:00, the server was off at 02:00: due now (today 02:00 is past)
  assert.ok(nextRunAt(daily, at('2026-11-09T02:00:05'), at('2026-11-10T09:00:00')) <= at('2026-11-10T09:00:00'));
  // ran at 02:00:05 today: tomorrow 02:00
  assert.equal(nextRunAt(daily, at('2026-11-10T02:00:05'), at('2026-11-10T09:00:00')).getTime(), at('2026-11-11T02:00:00').getTime());
  assert.equal(localDate(at('2026-11-10T23:59:00')), '2026-11-10');
});
