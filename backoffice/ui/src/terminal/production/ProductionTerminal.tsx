// Production on the handheld: a baker scans what came out of the oven, types the count (or the scale's weight),
// and posts the run; a butcher scans the carcass, its weight, then each cut with its weight, and posts the cutting
// (cost split by weight). One Idempotency-Key per list, so a send retried after a dropped connection posts once.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { parseQuantity } from '../../i18n/format';
import { ErrorBox } from '../../shared/ErrorBox';
import { navigate } from '../../routing/router';
import { findItemByCode, useReferences } from '../../backoffice/documents/lookups';
import { useProductionTexts } from '../../backoffice/production/texts';
import { newKey } from '../queue';

interface Line {
  itemId: string;
  code: string;
  name: string;
  quantity: string;
  waste?: boolean;
}

type Mode = 'run' | 'cutting';
const today = () => new Date().toISOString().slice(0, 10);

/** Scan → quantity → Enter: the line is added and the scanner is ready again. */
function ScanLine({ label, onLine, allowWaste }: { label: string; onLine: (l: Line) => void; allowWaste?: boolean }) {
  const pt = useProductionTexts();
  const [code, setCode] = useState('');
  const [item, setItem] = useState<{ id: string; code: string; name: string } | null>(null);
  const [quantity, setQuantity] = useState('');
  const [waste, setWaste] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  useEffect(() => (item ? qtyRef.current?.focus() : scanRef.current?.focus()), [item]);

  async function scanned(e: FormEvent) {
    e.preventDefault();
    const found = await findItemByCode(code).catch(() => null);
    if (!found) {
      setProblem(pt('production.unknownItem', { code }));
      return;
    }
    setProblem(null);
    setItem({ id: String(found.id), code: found.code, name: found.name });
  }
  function accepted(e: FormEvent) {
    e.preventDefault();
    const q = parseQuantity(quantity);
    if (!item || !q || Number(q) <= 0) {
      setProblem(pt('production.quantityOrWeight'));
      return;
    }
    onLine({ itemId: item.id, code: item.code, name: item.name, quantity: q, ...(waste ? { waste: true } : {}) });
    setItem(null);
    setCode('');
    setQuantity('');
    setWaste(false);
  }

  return item ? (
    <form onSubmit={accepted}>
      <p className="item-name">{item.name}</p>
      <label className="big-field">
        {pt('production.quantityOrWeight')}
        <input ref={qtyRef} name="quantity" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
      </label>
      {allowWaste ? (
        <label className="check">
          <input type="checkbox" name="waste" checked={waste} onChange={(e) => setWaste(e.target.checked)} /> {pt('production.waste')}
        </label>
      ) : null}
      <button type="submit" className="big">
        {pt('production.addToList')}
      </button>
      {problem ? <p className="message error">{problem}</p> : null}
    </form>
  ) : (
    <form onSubmit={(e) => void scanned(e)}>
      <label className="big-field">
        {label}
        <input ref={scanRef} name="barcode" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      {problem ? <p className="message error">{problem}</p> : null}
    </form>
  );
}

export function ProductionTerminal() {
  const { t, qty, money } = useI18n();
  const pt = useProductionTexts();
  const refs = useReferences();
  const [mode, setMode] = useState<Mode | null>(null);
  const [warehouseId, setWarehouseId] = useState('');
  const [input, setInput] = useState<Line | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [key, setKey] = useState(newKey);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!warehouseId && refs.warehouses[0]) setWarehouseId(String((refs.warehouses.find((w) => w.code === 'BAKERY') ?? refs.warehouses[0]).id));
  }, [refs.warehouses, warehouseId]);

  const reset = () => {
    setLines([]);
    setInput(null);
    setKey(newKey());
  };

  async function post() {
    setError(null);
    setBusy(true);
    try {
      if (mode === 'run') {
        const r = await api<{ currency: string; run: { document: { number: string }; outputs: Array<{ itemCode: string; costMinor: number }> } }>('/api/v1/production/runs', {
          body: { date: today(), warehouseId: Number(warehouseId), outputs: lines.map((l) => ({ itemId: Number(l.itemId), quantity: l.quantity })) },
          headers: { 'Idempotency-Key': `tsd-run-${key}` },
        });
        setDone(`${pt('production.posted', { number: r.run.document.number })} ${r.run.outputs.map((o) => `${o.itemCode} ${money(o.costMinor, r.currency)}`).join(', ')}`);
      } else if (input) {
        const r = await api<{ currency: string; cutting: { document: { number: string }; outputs: Array<{ costMinor: number }> } }>('/api/v1/production/cuttings', {
          body: {
            date: today(),
            warehouseId: Number(warehouseId),
            key: 'weight',
            input: { itemId: Number(input.itemId), quantity: input.quantity },
            outputs: lines.map((l) => ({ itemId: Number(l.itemId), quantity: l.quantity, ...(l.waste ? { waste: true } : {}) })),
          },
          headers: { 'Idempotency-Key': `tsd-cut-${key}` },
        });
        setDone(`${pt('production.posted', { number: r.cutting.document.number })} ${lines.map((l, i) => `${l.code} ${money(r.cutting.outputs[i]?.costMinor ?? 0, r.currency)}`).join(', ')}`);
      }
      reset();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!mode)
    return (
      <nav className="tasks production-tasks" aria-label={pt('production.title')}>
        <h1>{pt('production.title')}</h1>
        <label className="big-field">
          {t('field.warehouse')}
          <select name="warehouse" value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
            {refs.warehouses.map((w) => (
              <option key={String(w.id)} value={String(w.id)}>
                {w.code} · {w.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="big" onClick={() => setMode('run')}>
          {pt('production.run')}
        </button>
        <button type="button" className="big" onClick={() => setMode('cutting')}>
          {pt('production.cutting')}
        </button>
        <button type="button" className="big secondary" onClick={() => navigate('/terminal')}>
          {t('common.back')}
        </button>
      </nav>
    );

  const ready = lines.length > 0 && (mode === 'run' || input !== null);
  return (
    <section className="scan production-scan">
      <h1>{mode === 'run' ? pt('production.run') : pt('production.cutting')}</h1>
      {mode === 'cutting' && !input ? (
        <ScanLine label={pt('production.scanInput')} onLine={(l) => (setInput(l), setDone(null))} />
      ) : (
        <ScanLine label={mode === 'run' ? pt('production.scanOutput') : pt('production.scanOutputs')} onLine={(l) => (setLines((ls) => [...ls, l]), setDone(null))} allowWaste={mode === 'cutting'} />
      )}
      {done ? (
        <p className="message ok" role="status">
          {done}
        </p>
      ) : null}
      <ErrorBox error={error} />
      <table className="tally">
        <tbody>
          {input ? (
            <tr className="input">
              <td>
                {pt('production.input')}: {input.name}
              </td>
              <td className="num">{qty(input.quantity)}</td>
            </tr>
          ) : null}
          {lines.map((l, i) => (
            <tr key={i}>
              <td>
                {l.name}
                {l.waste ? ` (${pt('production.waste')})` : ''}
              </td>
              <td className="num">{qty(l.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="big" disabled={!ready || busy} onClick={() => void post()}>
        {mode === 'run' ? pt('production.postRun') : pt('production.postCutting')}
      </button>
      <button
        type="button"
        className="big secondary"
        onClick={() => {
          reset();
          setMode(null);
        }}
      >
        {t('common.back')}
      </button>
    </section>
  );
}
