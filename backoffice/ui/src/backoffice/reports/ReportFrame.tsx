// What every report page shares: the filter form, the download links, the progress of loading and the errors.
import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { exportHref, SHOWN_AT_MOST, type ReportState } from './useReport';

export function ReportFrame<T>({
  title,
  endpoint,
  params,
  state,
  onShow,
  filters,
  children,
}: {
  title: string;
  endpoint: string;
  params: Record<string, string | number | undefined> | null;
  state: ReportState<T>;
  onShow: () => void;
  filters: ReactNode;
  children: ReactNode;
}) {
  const { t, lang } = useI18n();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onShow();
  };
  const loaded = state.rows.length;
  return (
    <section className="report">
      <h2>{title}</h2>
      <form className="filters" onSubmit={submit}>
        {filters}
        <button type="submit">{t('reports.show')}</button>
        {params ? (
          <>
            <a className="button" href={exportHref(endpoint, params, 'csv', lang)} download>
              {t('reports.csv')}
            </a>
            <a className="button" href={exportHref(endpoint, params, 'xlsx', lang)} download>
              {t('reports.xlsx')}
            </a>
          </>
        ) : null}
      </form>
      <ErrorBox error={state.error} />
      {state.loading || (state.total !== null && loaded < state.total) ? (
        <div className="report-progress" role="status">
          <progress max={state.total ?? undefined} value={loaded} />{' '}
          {t('reports.progress', { loaded, total: state.total ?? '…' })}
        </div>
      ) : null}
      {state.truncated ? <p className="notice">{t('reports.truncated', { count: SHOWN_AT_MOST })}</p> : null}
      {params && !state.loading && !state.error && loaded === 0 ? <p>{t('common.noData')}</p> : null}
      {loaded > 0 ? children : null}
    </section>
  );
}

export function WarehouseSelect({ value, onChange, warehouses }: { value: string; onChange: (v: string) => void; warehouses: Array<{ id: unknown; code: string; name: string }> }) {
  const { t } = useI18n();
  return (
    <select aria-label={t('field.warehouse')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('stock.allWarehouses')}</option>
      {warehouses.map((w) => (
        <option key={String(w.id)} value={String(w.id)}>
          {w.code} · {w.name}
        </option>
      ))}
    </select>
  );
}

export function DateInput({ label, value, onChange, required }: { label: string; value: string; onChange: (v: string) => void; required?: boolean }) {
  return (
    <label>
      {label} <input type="date" value={value} required={required} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

export function TransitCheckbox({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  const { t } = useI18n();
  return (
    <label>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {t('reports.includeTransit')}
    </label>
  );
}

export const today = () => new Date().toISOString().slice(0, 10);
export const firstOfMonth = () => `${today().slice(0, 8)}01`;
