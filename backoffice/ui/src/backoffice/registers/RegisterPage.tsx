// A read-only register (warehouses, partners, price groups, users, number series) as a table.
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { dictionary, type MessageKey } from '../../i18n/dictionary';

type Row = Record<string, unknown>;

/** The contract wraps lists as { warehouses: [...] }, { partners: [...] }...: take the array, whatever its name. */
export function rowsOf(data: unknown): Row[] {
  if (Array.isArray(data)) return data as Row[];
  if (data && typeof data === 'object') {
    for (const v of Object.values(data)) if (Array.isArray(v)) return v as Row[];
  }
  return [];
}

function isKey(k: string): k is MessageKey {
  return k in dictionary.en;
}

export function RegisterPage({ title, endpoint, columns }: { title: MessageKey; endpoint: string; columns: string[] }) {
  const { t } = useI18n();
  const { data, error, loading } = useApi<unknown>(endpoint);
  const rows = rowsOf(data);

  function cell(col: string, v: unknown): string {
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
    if (Array.isArray(v)) return v.join(', ');
    const key = col === 'documentType' ? `docType.${String(v)}` : `${col}.${String(v)}`;
    if (isKey(key)) return t(key);
    return String(v);
  }

  return (
    <section>
      <h1>{t(title)}</h1>
      <ErrorBox error={error} />
      {loading && !data ? <p>{t('common.loading')}</p> : null}
      <table className="grid">
        <thead>
          <tr>
            {columns.map((c) => {
              const key = `field.${c}`;
              return <th key={c}>{isKey(key) ? t(key) : c}</th>;
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={String(r.id ?? i)}>
              {columns.map((c) => (
                <td key={c}>{cell(c, r[c])}</td>
              ))}
            </tr>
          ))}
          {data && rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length}>{t('common.noData')}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </section>
  );
}
