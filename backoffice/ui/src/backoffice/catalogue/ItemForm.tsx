// One item: create or edit code, name, unit, VAT group, weighed and marked flags, barcodes, price, and whether it is on sale.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Item } from '../../api/types';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { enterMovesNext } from '../../forms/keyboard';
import { minorToDecimalString, parseMoneyMinor } from '../../i18n/format';
import { navigate } from '../../routing/router';
import { rowsOf } from '../registers/RegisterPage';
import { PriceHistory } from './PriceHistory';

interface VatGroup {
  id: number | string;
  code?: string;
  name?: string;
  rate?: number | string;
}

export function ItemForm({ id }: { id: string | null }) {
  const { t } = useI18n();
  const existing = useApi<Item | { item: Item }>(id ? `/api/v1/items/${encodeURIComponent(id)}` : null);
  const vat = useApi<unknown>('/api/v1/vat-groups');
  const vatGroups = rowsOf(vat.data) as unknown as VatGroup[];
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [unit, setUnit] = useState('pcs');
  const [vatGroupId, setVatGroupId] = useState('');
  const [weighted, setWeighted] = useState(false);
  const [marked, setMarked] = useState(false);
  const [active, setActive] = useState(true);
  const [barcodes, setBarcodes] = useState('');
  const [price, setPrice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    const d = existing.data;
    if (!d) return;
    const it = 'item' in d ? d.item : d;
    setCode(it.code);
    setName(it.name);
    setUnit(it.unit);
    setWeighted(it.weighted);
    setMarked(it.marked);
    setActive(it.active ?? true);
    setBarcodes(it.barcodes.join(', '));
    setPrice(it.priceMinor === null ? '' : minorToDecimalString(it.priceMinor, 2));
    if (it.vatGroupId !== undefined) setVatGroupId(String(it.vatGroupId));
  }, [existing.data]);
  // A new item starts in the first VAT group; an item being edited keeps its own (both may load in the same render).
  useEffect(() => {
    if (!id && !vatGroupId && vatGroups[0]) setVatGroupId(String(vatGroups[0].id));
  }, [id, vatGroupId, vatGroups]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const priceMinor = price.trim() === '' ? undefined : parseMoneyMinor(price);
    if (priceMinor === null) {
      setError(new Error(`${t('field.price')}: ${price}`));
      return;
    }
    const body = {
      code: code.trim(),
      name: name.trim(),
      unit: unit.trim(),
      vatGroupId: /^\d+$/.test(vatGroupId) ? Number(vatGroupId) : vatGroupId,
      weighted,
      marked,
      active,
      barcodes: barcodes
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      priceMinor,
    };
    try {
      if (id) {
        await api(`/api/v1/items/${encodeURIComponent(id)}`, { method: 'PUT', body });
        setSaved(true);
      } else {
        const r = await api<Item | { item: Item }>('/api/v1/items', { body });
        const created = 'item' in r ? r.item : r;
        navigate(`/catalogue/${created.id}`);
      }
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section>
      <h1>{id ? t('items.edit', { code }) : t('items.new')}</h1>
      <ErrorBox error={existing.error} />
      <form className="form" onSubmit={submit} onKeyDown={enterMovesNext}>
        <label>
          {t('field.code')}
          <input name="code" autoFocus value={code} onChange={(e) => setCode(e.target.value)} required />
        </label>
        <label>
          {t('field.name')}
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          {t('field.unit')}
          <input name="unit" value={unit} onChange={(e) => setUnit(e.target.value)} required />
        </label>
        <label>
          {t('field.vatGroup')}
          <select name="vatGroupId" value={vatGroupId} onChange={(e) => setVatGroupId(e.target.value)}>
            {vatGroups.map((g) => (
              <option key={String(g.id)} value={String(g.id)}>
                {[g.code, g.name, g.rate !== undefined ? `${g.rate} %` : ''].filter(Boolean).join(' · ')}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input name="weighted" type="checkbox" checked={weighted} onChange={(e) => setWeighted(e.target.checked)} />
          {t('field.weighted')}
        </label>
        <label className="check">
          <input name="marked" type="checkbox" checked={marked} onChange={(e) => setMarked(e.target.checked)} />
          {t('field.marked')}
        </label>
        <label className="check">
          <input name="active" type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          {t('field.onSale')}
        </label>
        <label>
          {t('field.barcodes')}
          <input name="barcodes" placeholder={t('items.barcodesHint')} value={barcodes} onChange={(e) => setBarcodes(e.target.value)} />
        </label>
        <label>
          {t('field.price')}
          <input name="price" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} />
        </label>
        <ErrorBox error={error} />
        {saved ? <p className="ok">{t('common.saved')}</p> : null}
        <div className="actions">
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
          <button type="button" onClick={() => navigate('/catalogue')}>
            {t('common.back')}
          </button>
        </div>
      </form>
      {id ? <PriceHistory itemId={id} /> : null}
    </section>
  );
}
