// Starting a stocktake: warehouse, date and what a twice-counted item means; the book quantities freeze on Start and
// the terminals can count at once.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { StockDocument } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { enterMovesNext } from '../../forms/keyboard';
import { navigate } from '../../routing/router';
import { useApi } from '../../shared/useApi';
import { useReferences } from '../documents/lookups';

export function StocktakeStartPage() {
  const { t } = useI18n();
  const refs = useReferences();
  const settings = useApi<{ settings: Record<string, string> }>('/api/v1/settings');
  const [warehouseId, setWarehouseId] = useState('');
  const [date, setDate] = useState(() => new Date().toISOString().slice(0, 10));
  const groups = useApi<{ itemGroups: { id: number; code: string; name: string }[] }>('/api/v1/item-groups');
  const [itemGroupId, setItemGroupId] = useState('');
  const [duplicates, setDuplicates] = useState<'sum' | 'flag' | ''>('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!warehouseId && refs.warehouses[0]) setWarehouseId(String(refs.warehouses[0].id));
  }, [refs.warehouses, warehouseId]);
  const policy = duplicates || (settings.data?.settings['stocktake.duplicates'] as 'sum' | 'flag' | undefined) || 'sum';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ document: StockDocument }>('/api/v1/stocktakes', { body: { warehouseId: Number(warehouseId), date, duplicates: policy, ...(itemGroupId ? { itemGroupId: Number(itemGroupId) } : {}) } });
      navigate(`/documents/${r.document.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>{t('stocktake.new')}</h1>
      <p className="hint">{t('stocktake.rule')}</p>
      <form className="form" onSubmit={submit} onKeyDown={enterMovesNext}>
        <label>
          {t('field.warehouse')}
          <select name="warehouseId" value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
            {refs.warehouses.map((w) => (
              <option key={String(w.id)} value={String(w.id)}>
                {w.code} · {w.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('stocktake.itemGroup')}
          <select name="itemGroupId" value={itemGroupId} onChange={(e) => setItemGroupId(e.target.value)}>
            <option value="">{t('common.all')}</option>
            {(groups.data?.itemGroups ?? []).map((g) => (
              <option key={g.id} value={String(g.id)}>
                {g.code} · {g.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('field.date')}
          <input name="date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          {t('stocktake.duplicates')}
          <select name="duplicates" value={policy} onChange={(e) => setDuplicates(e.target.value as 'sum' | 'flag')}>
            <option value="sum">{t('stocktake.duplicates.sum')}</option>
            <option value="flag">{t('stocktake.duplicates.flag')}</option>
          </select>
        </label>
        <ErrorBox error={error ?? refs.error} />
        <button type="submit" className="primary" disabled={busy || !warehouseId}>
          {t('stocktake.start')}
        </button>
      </form>
    </section>
  );
}
