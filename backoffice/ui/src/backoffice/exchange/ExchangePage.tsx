// Exchange with 1C: the schedule and folders (or HTTP), "run now" with a progress bar that follows the run, and the
// log of what was sent and received.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorBox } from '../../shared/ErrorBox';
import { useApi } from '../../shared/useApi';
import { useExchangeTexts, type ExchangeKey } from './texts';

interface Settings {
  enabled: boolean;
  schedule: { kind: 'interval' | 'daily'; everyMinutes: number; dailyAt: string };
  mode: 'folder' | 'http';
  exportDir: string;
  inboxDir: string;
  firstFrom: string;
  httpKeySet: boolean;
}

interface Entry {
  id: number;
  direction: 'sent' | 'received';
  fileName: string;
  status: 'ok' | 'rejected' | 'failed';
  counts: Record<string, number>;
  errorMessage: string | null;
}

interface Run {
  id: number;
  trigger: 'schedule' | 'manual' | 'http';
  status: 'running' | 'ok' | 'failed' | 'unconfirmed';
  startedAt: string;
  finishedAt: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  progressDone: number;
  progressTotal: number;
  percent: number;
  errorMessage: string | null;
  entries: Entry[];
}

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '');

export function ExchangePage() {
  const t = useExchangeTexts();
  const loaded = useApi<{ settings: Settings; nextRunAt: string | null }>('/api/v1/exchange/settings');
  const log = useApi<{ runs: Run[] }>('/api/v1/exchange/runs?limit=50');
  const [form, setForm] = useState<Settings | null>(null);
  const [httpKey, setHttpKey] = useState('');
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [active, setActive] = useState<Run | null>(null);
  const [runError, setRunError] = useState<unknown>(null);

  useEffect(() => {
    if (loaded.data && !form) setForm(loaded.data.settings);
  }, [loaded.data, form]);

  // A run going when the page opens is followed like one started here.
  useEffect(() => {
    const first = log.data?.runs[0];
    if (first?.status === 'running' && !active) setActive(first);
  }, [log.data, active]);

  // Poll the running job until it is over, then refresh the log.
  const activeId = active?.id;
  const activeRunning = active?.status === 'running';
  const reloadLog = log.reload;
  useEffect(() => {
    if (!activeId || !activeRunning) return;
    let live = true;
    const timer = setInterval(() => {
      api<{ run: Run }>(`/api/v1/exchange/runs/${activeId}`)
        .then((r) => {
          if (!live) return;
          setActive(r.run);
          if (r.run.status !== 'running') reloadLog();
        })
        .catch((e: unknown) => live && setRunError(e));
    }, 300);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [activeId, activeRunning, reloadLog]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setSaveError(null);
    setSaved(false);
    try {
      const { httpKeySet: _set, ...body } = form;
      void _set;
      const r = await api<{ settings: Settings }>('/api/v1/exchange/settings', { method: 'PUT', body: { ...body, ...(httpKey ? { httpKey } : {}) } });
      setForm(r.settings);
      setHttpKey('');
      setSaved(true);
      loaded.reload();
    } catch (err) {
      setSaveError(err);
    }
  }

  async function runNow() {
    setRunError(null);
    try {
      const r = await api<{ run: Run }>('/api/v1/exchange/runs', { method: 'POST' });
      setActive(r.run);
      if (r.run.status !== 'running') log.reload();
    } catch (err) {
      setRunError(err);
    }
  }

  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));
  const setSchedule = (patch: Partial<Settings['schedule']>) => setForm((f) => (f ? { ...f, schedule: { ...f.schedule, ...patch } } : f));
  const running = active?.status === 'running';

  return (
    <section className="exchange">
      <h1>{t('exchange.title')}</h1>
      <ErrorBox error={loaded.error} />
      {form ? (
        <form className="form exchange-settings" onSubmit={save}>
          <h2>{t('exchange.settings')}</h2>
          <label className="inline">
            <input type="checkbox" name="enabled" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} /> {t('exchange.enabled')}
          </label>
          <label>
            {t('exchange.schedule')}
            <select name="scheduleKind" value={form.schedule.kind} onChange={(e) => setSchedule({ kind: e.target.value as 'interval' | 'daily' })}>
              <option value="interval">{t('exchange.schedule.interval')}</option>
              <option value="daily">{t('exchange.schedule.daily')}</option>
            </select>
          </label>
          {form.schedule.kind === 'interval' ? (
            <label>
              {t('exchange.everyMinutes')}
              <input name="everyMinutes" type="number" min={1} max={10080} value={form.schedule.everyMinutes} onChange={(e) => setSchedule({ everyMinutes: Number(e.target.value) })} />
            </label>
          ) : (
            <label>
              {t('exchange.dailyAt')}
              <input name="dailyAt" pattern="([01]\d|2[0-3]):[0-5]\d" value={form.schedule.dailyAt} onChange={(e) => setSchedule({ dailyAt: e.target.value })} />
            </label>
          )}
          <label>
            {t('exchange.mode')}
            <select name="mode" value={form.mode} onChange={(e) => set('mode', e.target.value as 'folder' | 'http')}>
              <option value="folder">{t('exchange.mode.folder')}</option>
              <option value="http">{t('exchange.mode.http')}</option>
            </select>
          </label>
          <label>
            {t('exchange.exportDir')}
            <input name="exportDir" value={form.exportDir} onChange={(e) => set('exportDir', e.target.value)} />
          </label>
          <label>
            {t('exchange.inboxDir')}
            <input name="inboxDir" value={form.inboxDir} onChange={(e) => set('inboxDir', e.target.value)} />
          </label>
          <label>
            {t('exchange.firstFrom')}
            <input name="firstFrom" type="date" value={form.firstFrom} onChange={(e) => set('firstFrom', e.target.value)} />
          </label>
          {form.mode === 'http' ? (
            <>
              <label>
                {t('exchange.httpKey')}
                <input name="httpKey" type="password" autoComplete="new-password" value={httpKey} onChange={(e) => setHttpKey(e.target.value)} />
              </label>
              {form.httpKeySet ? <p>{t('exchange.httpKeySet')}</p> : null}
              <p className="exchange-url">{t('exchange.httpUrl', { url: `${window.location.origin}/api/1c/exchange` })}</p>
            </>
          ) : null}
          <div className="actions">
            <button type="submit" className="primary">
              {t('exchange.save')}
            </button>
          </div>
          {saved ? <p className="ok">{t('exchange.saved')}</p> : null}
          <ErrorBox error={saveError} />
        </form>
      ) : null}
      {loaded.data?.nextRunAt ? <p className="exchange-next">{t('exchange.nextRun', { at: time(loaded.data.nextRunAt) })}</p> : null}
      <div className="actions">
        <button type="button" className="primary" name="runNow" disabled={running} onClick={() => void runNow()}>
          {t('exchange.runNow')}
        </button>
      </div>
      <ErrorBox error={runError} />
      {active ? (
        <div className="exchange-progress" data-run={active.id} data-status={active.status}>
          <label>
            {t('exchange.progress')}
            <progress max={100} value={active.percent} aria-valuenow={active.percent} />
          </label>
          <span className="exchange-percent">{active.percent} %</span>{' '}
          <span>{running ? t('exchange.running', { done: active.progressDone, total: active.progressTotal }) : t(`exchange.status.${active.status}` as ExchangeKey)}</span>
          {active.errorMessage ? <p className="warning">{active.errorMessage}</p> : null}
        </div>
      ) : null}
      <h2>{t('exchange.log')}</h2>
      <ErrorBox error={log.error} />
      {log.data && log.data.runs.length === 0 ? <p className="exchange-log-empty">{t('exchange.logEmpty')}</p> : null}
      {log.data && log.data.runs.length > 0 ? (
        <table className="grid exchange-log">
          <thead>
            <tr>
              <th>{t('exchange.started')}</th>
              <th>{t('exchange.finished')}</th>
              <th>{t('exchange.trigger')}</th>
              <th>{t('exchange.period')}</th>
              <th>{t('exchange.files')}</th>
              <th>{t('exchange.status')}</th>
            </tr>
          </thead>
          <tbody>
            {log.data.runs.map((r) => (
              <tr key={r.id} data-run={r.id} data-status={r.status}>
                <td>{time(r.startedAt)}</td>
                <td>{time(r.finishedAt)}</td>
                <td>{t(`exchange.trigger.${r.trigger}` as ExchangeKey)}</td>
                <td>{r.periodFrom ? `${r.periodFrom} – ${r.periodTo ?? ''}` : ''}</td>
                <td>
                  <ul className="exchange-files">
                    {r.entries.map((e) => (
                      <li key={e.id} data-status={e.status}>
                        {t(e.direction === 'sent' ? 'exchange.sent' : 'exchange.received')}: {e.fileName}{' '}
                        {Object.entries(e.counts)
                          .map(([k, v]) => `${t(`exchange.count.${k}` as ExchangeKey)} ${v}`)
                          .join(', ')}
                        {e.errorMessage ? <span className="warning"> — {e.errorMessage}</span> : null}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {t(`exchange.status.${r.status}` as ExchangeKey)}
                  {r.errorMessage ? <span className="warning"> — {r.errorMessage}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
