// Company settings: the purchase price tolerance, the stocktake's twice-counted rule, the label printer's bridge,
// which warehouse each till sells from and at which prices.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { useApi } from '../../shared/useApi';
import { enterMovesNext } from '../../forms/keyboard';

type Settings = Record<string, string>;

export function SettingsPage() {
  const { t } = useI18n();
  const { data, error } = useApi<{ settings: Settings }>('/api/v1/settings');
  const [form, setForm] = useState<Settings | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (data && !form) setForm(data.settings);
  }, [data, form]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setSaveError(null);
    setSaved(false);
    try {
      const r = await api<{ settings: Settings }>('/api/v1/settings', { method: 'PUT', body: form });
      setForm(r.settings);
      setSaved(true);
    } catch (err) {
      setSaveError(err);
    }
  }

  const field = (key: string) => ({ name: key, value: form?.[key] ?? '', onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...(f ?? {}), [key]: e.target.value })) });
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <ErrorBox error={error} />
      {form ? (
        <form className="form" onSubmit={submit} onKeyDown={enterMovesNext}>
          <label>
            {t('settings.tolerance')}
            <input inputMode="decimal" {...field('purchase.price_tolerance_percent')} />
          </label>
          <label>
            {t('settings.duplicates')}
            <select {...field('stocktake.duplicates')}>
              <option value="sum">{t('stocktake.duplicates.sum')}</option>
              <option value="flag">{t('stocktake.duplicates.flag')}</option>
            </select>
          </label>
          <label>
            {t('labels.template')}
            <select {...field('labels.template')}>
              <option value="price-tag">{t('labels.template.price-tag')}</option>
              <option value="shelf-label">{t('labels.template.shelf-label')}</option>
            </select>
          </label>
          <label>
            {t('settings.bridgeUrl')}
            <input {...field('labels.bridge_url')} />
          </label>
          <label>
            {t('settings.bridgeToken')}
            <input type="password" autoComplete="off" {...field('labels.bridge_token')} />
          </label>
          <label>
            {t('settings.tillWarehouses')}
            <textarea rows={3} placeholder="T1=STORE" {...field('till.warehouses')} />
            <small>{t('settings.tillWarehousesHint')}</small>
          </label>
          <label>
            {t('settings.tillPriceGroups')}
            <textarea rows={3} placeholder="T1=RETAIL" {...field('till.price_groups')} />
            <small>{t('settings.tillPriceGroupsHint')}</small>
          </label>
          <ErrorBox error={saveError} />
          {saved ? <p className="ok">{t('common.saved')}</p> : null}
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
