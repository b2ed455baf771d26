// Partners (suppliers and customers): the list, and a form that creates a new one or changes the one picked; a
// picked supplier shows its contract prices.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Partner } from '../../api/types';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/dictionary';
import { ErrorBox } from '../../shared/ErrorBox';
import { enterMovesNext } from '../../forms/keyboard';
import { ContractPrices } from './ContractPrices';

const kinds = ['supplier', 'customer', 'both'] as const;
const empty = { id: null as string | null, code: '', name: '', kind: 'supplier', taxNumber: '' };

export function PartnersPage() {
  const { t } = useI18n();
  const { data, error, reload } = useApi<{ partners: Partner[] }>('/api/v1/partners?limit=500');
  const [form, setForm] = useState(empty);
  const [saveError, setSaveError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaveError(null);
    const body = { code: form.code.trim(), name: form.name.trim(), kind: form.kind, taxNumber: form.taxNumber.trim() || null };
    try {
      if (form.id) await api(`/api/v1/partners/${encodeURIComponent(form.id)}`, { method: 'PUT', body });
      else await api('/api/v1/partners', { body });
      setForm(empty);
      reload();
    } catch (err) {
      setSaveError(err);
    }
  }

  const kindLabel = (k: string) => (kinds.includes(k as (typeof kinds)[number]) ? t(`partners.kind.${k}` as MessageKey) : k);
  return (
    <section>
      <h1>{t('menu.partners')}</h1>
      <form className="form wide partner-form" onSubmit={submit} onKeyDown={enterMovesNext}>
        <div className="row">
          <label>
            {t('field.code')}
            <input name="code" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
          </label>
          <label>
            {t('field.name')}
            <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </label>
          <label>
            {t('field.kind')}
            <select name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('field.taxNumber')}
            <input name="taxNumber" value={form.taxNumber} onChange={(e) => setForm({ ...form, taxNumber: e.target.value })} />
          </label>
        </div>
        <ErrorBox error={saveError ?? error} />
        <div className="actions">
          <button type="submit" className="primary">
            {form.id ? t('common.save') : t('partners.new')}
          </button>
          {form.id ? (
            <button type="button" onClick={() => setForm(empty)}>
              {t('common.cancel')}
            </button>
          ) : null}
        </div>
      </form>
      {form.id && form.kind !== 'customer' ? <ContractPrices key={form.id} partnerId={form.id} /> : null}
      <table className="grid">
        <thead>
          <tr>
            <th>{t('field.code')}</th>
            <th>{t('field.name')}</th>
            <th>{t('field.taxNumber')}</th>
            <th>{t('field.kind')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.partners ?? []).map((p) => (
            <tr key={String(p.id)}>
              <td>
                <button type="button" className="link" onClick={() => setForm({ id: String(p.id), code: p.code, name: p.name, kind: p.kind, taxNumber: p.taxNumber ?? '' })}>
                  {p.code}
                </button>
              </td>
              <td>{p.name}</td>
              <td>{p.taxNumber}</td>
              <td>{kindLabel(p.kind)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
