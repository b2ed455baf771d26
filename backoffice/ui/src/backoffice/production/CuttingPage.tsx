// Cutting (разделка): one input lot into outputs and waste; the preview shows how the input's cost is split by the
// chosen key (weight, sales price, fixed coefficients), to the cent, before anything is posted.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { parseQuantity } from '../../i18n/format';
import { ErrorBox } from '../../shared/ErrorBox';
import { useReferences } from '../documents/lookups';
import { ItemCodeField, ProductionTabs, resolvePicked, today, useUnitMoney, type PickedItem } from './shared';
import { useProductionTexts } from './texts';

type Key = 'weight' | 'price' | 'coefficient';
interface Share {
  itemId?: number;
  quantity: string;
  costMinor: number;
  unitCostMinor: string;
  waste?: boolean;
}
interface OutputDraft {
  key: number;
  picked: PickedItem;
  quantity: string;
  price: string;
  coefficient: string;
  waste: boolean;
}
let nextKey = 1;
const emptyOutput = (): OutputDraft => ({ key: nextKey++, picked: { code: '', item: null }, quantity: '', price: '', coefficient: '', waste: false });

export function CuttingPage() {
  const { t, qty, money } = useI18n();
  const pt = useProductionTexts();
  const unitMoney = useUnitMoney();
  const refs = useReferences();
  const [cutDate, setCutDate] = useState(today);
  const [warehouseId, setWarehouseId] = useState('');
  const [input, setInput] = useState<PickedItem>({ code: '', item: null });
  const [inputQuantity, setInputQuantity] = useState('');
  const [splitKey, setSplitKey] = useState<Key>('weight');
  const [outputs, setOutputs] = useState<OutputDraft[]>(() => [emptyOutput(), emptyOutput()]);
  const [preview, setPreview] = useState<{ inputCostMinor: number; outputs: Share[]; currency: string } | null>(null);
  const [posted, setPosted] = useState<{ document: { number: string }; unaccountedQuantity: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const idempotencyKey = useMemo(() => `bo-cut-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`, [preview]);

  useEffect(() => {
    if (!warehouseId && refs.warehouses[0]) setWarehouseId(String(refs.warehouses[0].id));
  }, [refs.warehouses, warehouseId]);

  const changed = () => {
    setPreview(null);
    setPosted(null);
  };
  const update = (key: number, patch: Partial<OutputDraft>) => {
    setOutputs((os) => os.map((o) => (o.key === key ? { ...o, ...patch } : o)));
    changed();
  };

  const body = (inputItem: PickedItem = input, list: OutputDraft[] = outputs) => {
    if (!inputItem.item) throw new Error(pt('production.unknownItem', { code: inputItem.code }));
    return {
      date: cutDate,
      warehouseId: Number(warehouseId),
      input: { itemId: Number(inputItem.item.id), quantity: parseQuantity(inputQuantity) ?? inputQuantity },
      key: splitKey,
      outputs: list
        .filter((o) => o.picked.code.trim() || o.waste)
        .map((o) => {
          if (o.picked.code.trim() && !o.picked.item) throw new Error(pt('production.unknownItem', { code: o.picked.code }));
          return {
            ...(o.picked.item ? { itemId: Number(o.picked.item.id) } : {}),
            quantity: parseQuantity(o.quantity) ?? o.quantity,
            ...(o.waste ? { waste: true } : {}),
            ...(splitKey === 'price' && o.price.trim() ? { priceMinor: Number(o.price) } : {}),
            ...(splitKey === 'coefficient' && o.coefficient.trim() ? { coefficient: o.coefficient.replace(',', '.') } : {}),
          };
        }),
    };
  };

  async function run(kind: 'preview' | 'post') {
    setError(null);
    try {
      const inputItem = await resolvePicked(input);
      const list = await Promise.all(outputs.map(async (o) => ({ ...o, picked: await resolvePicked(o.picked) })));
      setInput(inputItem);
      setOutputs(list);
      if (kind === 'preview') setPreview(await api('/api/v1/production/cuttings/preview', { body: body(inputItem, list) }));
      else {
        const r = await api<{ currency: string; cutting: { document: { number: string }; unaccountedQuantity: string | null; outputs: Share[]; input: { costMinor: number } } }>('/api/v1/production/cuttings', {
          body: body(inputItem, list),
          headers: { 'Idempotency-Key': idempotencyKey },
        });
        setPosted(r.cutting);
        setPreview({ inputCostMinor: r.cutting.input.costMinor, outputs: r.cutting.outputs, currency: r.currency });
      }
    } catch (e) {
      setError(e);
    }
  }

  const currency = preview?.currency ?? 'EUR';
  const sum = preview?.outputs.reduce((s, o) => s + o.costMinor, 0) ?? 0;
  const nameOf = (share: Share, i: number) => {
    const o = outputs.filter((x) => x.picked.code.trim() || x.waste)[i];
    return o?.picked.item ? `${o.picked.item.code} ${o.picked.item.name}` : share.waste ? pt('production.waste') : String(share.itemId ?? '');
  };

  return (
    <section className="production cutting">
      <h1>{pt('production.cutting')}</h1>
      <ProductionTabs current="/production/cutting" />
      <div className="form wide">
        <div className="row">
          <label>
            {t('field.date')} <input type="date" name="date" value={cutDate} onChange={(e) => (setCutDate(e.target.value), changed())} />
          </label>
          <label>
            {t('field.warehouse')}{' '}
            <select name="warehouse" value={warehouseId} onChange={(e) => (setWarehouseId(e.target.value), changed())}>
              {refs.warehouses.map((w) => (
                <option key={String(w.id)} value={String(w.id)}>
                  {w.code} · {w.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {pt('production.key')}{' '}
            <select name="key" value={splitKey} onChange={(e) => (setSplitKey(e.target.value as Key), changed())}>
              {(['weight', 'price', 'coefficient'] as const).map((k) => (
                <option key={k} value={k}>
                  {pt(`production.key.${k}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="row">
          <label>
            {pt('production.input')} <ItemCodeField label={pt('production.input')} value={input} onChange={(v) => (setInput(v), changed())} name="input" />
          </label>
          <label>
            {t('field.quantity')} <input name="inputQuantity" inputMode="decimal" value={inputQuantity} onChange={(e) => (setInputQuantity(e.target.value), changed())} />
          </label>
        </div>
        <table className="grid outputs">
          <thead>
            <tr>
              <th>{pt('production.outputs')}</th>
              <th>{t('field.quantity')}</th>
              {splitKey === 'price' ? <th>{pt('production.priceMinor')}</th> : null}
              {splitKey === 'coefficient' ? <th>{pt('production.coefficient')}</th> : null}
              <th>{pt('production.waste')}</th>
            </tr>
          </thead>
          <tbody>
            {outputs.map((o, i) => (
              <tr key={o.key}>
                <td>
                  <ItemCodeField label={`${pt('production.outputs')} ${i + 1}`} value={o.picked} onChange={(picked) => update(o.key, { picked })} name="output" />
                </td>
                <td>
                  <input aria-label={`${t('field.quantity')} ${i + 1}`} inputMode="decimal" value={o.quantity} onChange={(e) => update(o.key, { quantity: e.target.value })} />
                </td>
                {splitKey === 'price' ? (
                  <td>
                    <input aria-label={`${pt('production.priceMinor')} ${i + 1}`} inputMode="numeric" value={o.price} onChange={(e) => update(o.key, { price: e.target.value.replace(/\D/g, '') })} />
                  </td>
                ) : null}
                {splitKey === 'coefficient' ? (
                  <td>
                    <input aria-label={`${pt('production.coefficient')} ${i + 1}`} inputMode="decimal" value={o.coefficient} onChange={(e) => update(o.key, { coefficient: e.target.value })} />
                  </td>
                ) : null}
                <td>
                  <input type="checkbox" aria-label={`${pt('production.waste')} ${i + 1}`} checked={o.waste} onChange={(e) => update(o.key, { waste: e.target.checked })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button type="button" onClick={() => setOutputs((os) => [...os, emptyOutput()])}>
            {pt('production.addOutput')}
          </button>
          <button type="button" onClick={() => void run('preview')}>
            {pt('production.preview')}
          </button>
          <button type="button" disabled={!preview || !!posted} onClick={() => void run('post')}>
            {pt('production.post')}
          </button>
        </div>
      </div>
      <ErrorBox error={error} />
      {posted ? (
        <p className="ok" role="status">
          {pt('production.posted', { number: posted.document.number })}
          {posted.unaccountedQuantity && posted.unaccountedQuantity !== '0.000' ? ` ${pt('production.unaccounted')}: ${qty(posted.unaccountedQuantity)}` : ''}
        </p>
      ) : null}
      {preview ? (
        <table className="grid split">
          <thead>
            <tr>
              <th>{pt('production.outputs')}</th>
              <th className="num">{t('field.quantity')}</th>
              <th className="num">{pt('production.unitCost')}</th>
              <th className="num">{pt('production.share')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.outputs.map((s, i) => (
              <tr key={i}>
                <td>{nameOf(s, i)}</td>
                <td className="num">{qty(s.quantity)}</td>
                <td className="num">{unitMoney(s.unitCostMinor, currency)}</td>
                <td className="num">{money(s.costMinor, currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{pt('production.sum')}</th>
              <td />
              <td />
              <th className="num split-sum">{money(sum, currency)}</th>
            </tr>
            <tr>
              <td>{pt('production.inputCost')}</td>
              <td />
              <td />
              <td className="num input-cost">{money(preview.inputCostMinor, currency)}</td>
            </tr>
          </tfoot>
        </table>
      ) : null}
    </section>
  );
}
