// A production run: pick what was made and how much, see the norm its recipes ask for, correct what was really
// used, post it (one Idempotency-Key per screen, so a double click posts once) and see the differences to the norm.
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { parseQuantity } from '../../i18n/format';
import { ErrorBox } from '../../shared/ErrorBox';
import { useReferences } from '../documents/lookups';
import { ItemCodeField, ProductionTabs, resolvePicked, today, useUnitMoney, type PickedItem } from './shared';
import { useProductionTexts } from './texts';

interface NormLine {
  itemId: number;
  itemCode: string;
  quantity: string;
  unitCostMinor: string | null;
}
interface RunResult {
  document: { id: number; number: string };
  outputs: Array<{ itemId: number; itemCode: string; quantity: string; recipeVersion: number; costMinor: number }>;
  consumption: Array<{ itemId: number; itemCode: string; normQuantity: string; actualQuantity: string; differenceQuantity: string; valueMinor: number; differenceValueMinor: number }>;
}
interface OutputDraft {
  key: number;
  picked: PickedItem;
  quantity: string;
}
let nextKey = 1;
const emptyOutput = (): OutputDraft => ({ key: nextKey++, picked: { code: '', item: null }, quantity: '' });
const newRunKey = () => `bo-run-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;

export function RunPage() {
  const { t, qty, money } = useI18n();
  const pt = useProductionTexts();
  const unitMoney = useUnitMoney();
  const refs = useReferences();
  const [runDate, setRunDate] = useState(today);
  const [warehouseId, setWarehouseId] = useState('');
  const [outputs, setOutputs] = useState<OutputDraft[]>(() => [emptyOutput()]);
  const [norm, setNorm] = useState<NormLine[] | null>(null);
  const [actual, setActual] = useState<Record<number, string>>({});
  const [result, setResult] = useState<RunResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useMemo(newRunKey, [norm]);
  const [currency, setCurrency] = useState('EUR');

  useEffect(() => {
    if (!warehouseId && refs.warehouses[0]) setWarehouseId(String((refs.warehouses.find((w) => w.code === 'BAKERY') ?? refs.warehouses[0]).id));
  }, [refs.warehouses, warehouseId]);

  const body = (list: OutputDraft[] = outputs) => ({
    date: runDate,
    warehouseId: Number(warehouseId),
    outputs: list
      .filter((o) => o.picked.code.trim())
      .map((o) => {
        if (!o.picked.item) throw new Error(pt('production.unknownItem', { code: o.picked.code }));
        return { itemId: Number(o.picked.item.id), quantity: parseQuantity(o.quantity) ?? o.quantity };
      }),
  });
  const update = (key: number, patch: Partial<OutputDraft>) => {
    setOutputs((os) => os.map((o) => (o.key === key ? { ...o, ...patch } : o)));
    setNorm(null);
    setResult(null);
  };

  async function showNorm() {
    setError(null);
    setResult(null);
    try {
      const resolved = await Promise.all(outputs.map(async (o) => ({ ...o, picked: await resolvePicked(o.picked) })));
      setOutputs(resolved);
      const r = await api<{ norm: NormLine[]; currency: string }>('/api/v1/production/norm', { body: body(resolved) });
      setCurrency(r.currency);
      setNorm(r.norm);
      setActual(Object.fromEntries(r.norm.map((n) => [n.itemId, n.quantity])));
    } catch (e) {
      setError(e);
    }
  }

  async function post() {
    if (!norm) return;
    setError(null);
    setBusy(true);
    try {
      const actualConsumption = norm
        .filter((n) => (parseQuantity(actual[n.itemId] ?? '') ?? n.quantity) !== n.quantity)
        .map((n) => ({ itemId: n.itemId, quantity: parseQuantity(actual[n.itemId] ?? '') ?? actual[n.itemId] ?? '' }));
      const r = await api<{ run: RunResult }>('/api/v1/production/runs', { body: { ...body(), actualConsumption }, headers: { 'Idempotency-Key': idempotencyKey } });
      setResult(r.run);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="production run">
      <h1>{pt('production.run')}</h1>
      <ProductionTabs current="/production/run" />
      <div className="form wide">
        <div className="row">
          <label>
            {t('field.date')} <input type="date" name="date" value={runDate} onChange={(e) => setRunDate(e.target.value)} />
          </label>
          <label>
            {t('field.warehouse')}{' '}
            <select name="warehouse" value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
              {refs.warehouses.map((w) => (
                <option key={String(w.id)} value={String(w.id)}>
                  {w.code} · {w.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <h2>{pt('production.outputs')}</h2>
        <table className="grid outputs">
          <tbody>
            {outputs.map((o, i) => (
              <tr key={o.key}>
                <td>
                  <ItemCodeField label={`${pt('production.outputItem')} ${i + 1}`} value={o.picked} onChange={(picked) => update(o.key, { picked })} name="output" />
                </td>
                <td>
                  <input aria-label={`${t('field.quantity')} ${i + 1}`} name="quantity" inputMode="decimal" value={o.quantity} onChange={(e) => update(o.key, { quantity: e.target.value })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="actions">
          <button type="button" onClick={() => setOutputs((os) => [...os, emptyOutput()])}>
            {pt('production.addOutput')}
          </button>
          <button type="button" onClick={() => void showNorm()}>
            {pt('production.showNorm')}
          </button>
        </div>
      </div>
      <ErrorBox error={error} />
      {norm && !result ? (
        <>
          <table className="grid norm">
            <thead>
              <tr>
                <th>{pt('production.component')}</th>
                <th className="num">{pt('production.norm')}</th>
                <th className="num">{pt('production.unitCost')}</th>
                <th className="num">{pt('production.actual')}</th>
              </tr>
            </thead>
            <tbody>
              {norm.map((n) => (
                <tr key={n.itemId} className={(parseQuantity(actual[n.itemId] ?? '') ?? '') !== n.quantity ? 'differs' : ''}>
                  <td>{n.itemCode}</td>
                  <td className="num">{qty(n.quantity)}</td>
                  <td className="num">{unitMoney(n.unitCostMinor, currency)}</td>
                  <td className="num">
                    <input aria-label={`${pt('production.actual')} ${n.itemCode}`} inputMode="decimal" value={actual[n.itemId] ?? ''} onChange={(e) => setActual((a) => ({ ...a, [n.itemId]: e.target.value }))} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" disabled={busy} onClick={() => void post()}>
            {pt('production.post')}
          </button>
        </>
      ) : null}
      {result ? (
        <div className="run-result">
          <p className="ok" role="status">
            {pt('production.posted', { number: result.document.number })}
          </p>
          <table className="grid">
            <thead>
              <tr>
                <th>{pt('production.outputs')}</th>
                <th className="num">{t('field.quantity')}</th>
                <th className="num">{pt('production.version')}</th>
                <th className="num">{pt('production.outputCost')}</th>
              </tr>
            </thead>
            <tbody>
              {result.outputs.map((o) => (
                <tr key={o.itemId}>
                  <td>{o.itemCode}</td>
                  <td className="num">{qty(o.quantity)}</td>
                  <td className="num">{o.recipeVersion}</td>
                  <td className="num output-cost">{money(o.costMinor, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="grid consumption">
            <thead>
              <tr>
                <th>{pt('production.component')}</th>
                <th className="num">{pt('production.norm')}</th>
                <th className="num">{pt('production.actual')}</th>
                <th className="num">{pt('production.difference')}</th>
                <th className="num">{pt('production.cost')}</th>
                <th className="num">{pt('production.differenceValue')}</th>
              </tr>
            </thead>
            <tbody>
              {result.consumption.map((c) => (
                <tr key={c.itemId} className={c.differenceValueMinor !== 0 ? 'differs' : ''}>
                  <td>{c.itemCode}</td>
                  <td className="num">{qty(c.normQuantity)}</td>
                  <td className="num">{qty(c.actualQuantity)}</td>
                  <td className="num difference">{qty(c.differenceQuantity)}</td>
                  <td className="num">{money(c.valueMinor, currency)}</td>
                  <td className="num">{money(c.differenceValueMinor, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
