// Production on the handheld: a baker scans what came out of the oven, types the count (or the scale's weight),
// and posts the run; a butcher scans the carcass, its weight, then each cut with its weight, and posts the cutting
// (cost split by weight). The posting goes through the handheld's outbox with one Idempotency-Key per list: with the
// Wi-Fi down it waits in storage ("queued"), and a send retried after a lost answer posts once ("posted No. …").
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18n';
import { parseQuantity } from '../../i18n/format';
import { navigate } from '../../routing/router';
import { findItemByCode, useReferences } from '../../backoffice/documents/lookups';
import { useProductionTexts } from '../../backoffice/production/texts';
import { newKey } from '../queue';
import { outbox, useOutbox } from '../outbox';

interface Line {
  itemId: string;
  code: string;
  name: string;
  quantity: string;
  waste?: boolean;
}

type Mode = 'run' | 'cutting';
const today = () => new Date().toISOString().slice(0, 10);

/** A list handed to the outbox: its key, and the output codes to show the costs against once it is posted. */
interface Posting {
  key: string;
  codes: string[];
}
interface PostedAnswer {
  currency: string;
  run?: { document: { number: string }; outputs: Array<{ itemCode: string; costMinor: number }> };
  cutting?: { document: { number: string }; outputs: Array<{ costMinor: number }> };
}

/** Where a posting is: waiting in the outbox, refused by the server, or posted (with the server's answer). */
function PostingStatus({ posting }: { posting: Posting }) {
  const { money } = useI18n();
  const pt = useProductionTexts();
  useOutbox(); // re-render as the outbox sends
  const box = outbox();
  const done = box.delivered(posting.key);
  if (done) {
    const r = done.response as PostedAnswer | undefined;
    const doc = r?.run ?? r?.cutting;
    const costs = r?.run
      ? r.run.outputs.map((o) => `${o.itemCode} ${money(o.costMinor, r.currency)}`)
      : r?.cutting
        ? posting.codes.map((code, i) => `${code} ${money(r.cutting!.outputs[i]?.costMinor ?? 0, r.currency)}`)
        : [];
    return (
      <p className="message ok" role="status" data-posting={posting.key}>
        {`${pt('production.posted', { number: doc?.document.number ?? '—' })} ${costs.join(', ')}`.trim()}
      </p>
    );
  }
  const refused = box.rejected().find((e) => e.key === posting.key);
  if (refused)
    return (
      <p className="message error" role="alert" data-posting={posting.key}>
        {pt('production.notPosted', { message: refused.message })}
      </p>
    );
  return (
    <p className="message queued" role="status" data-posting={posting.key}>
      {pt('production.queued')}
    </p>
  );
}

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
  const { t, qty } = useI18n();
  const pt = useProductionTexts();
  const refs = useReferences();
  const [mode, setMode] = useState<Mode | null>(null);
  const [warehouseId, setWarehouseId] = useState('');
  const [input, setInput] = useState<Line | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [key, setKey] = useState(newKey);
  const [posting, setPosting] = useState<Posting | null>(null);

  useEffect(() => {
    if (!warehouseId && refs.warehouses[0]) setWarehouseId(String((refs.warehouses.find((w) => w.code === 'BAKERY') ?? refs.warehouses[0]).id));
  }, [refs.warehouses, warehouseId]);

  const reset = () => {
    setLines([]);
    setInput(null);
    setKey(newKey());
  };

  /** Hands the list to the outbox (stored before any network attempt) and starts a new list. */
  function post() {
    if (mode === 'run') {
      const body = { date: today(), warehouseId: Number(warehouseId), outputs: lines.map((l) => ({ itemId: Number(l.itemId), quantity: l.quantity })) };
      outbox().enqueue('/api/v1/production/runs', body, `tsd-run-${key}`);
      setPosting({ key: `tsd-run-${key}`, codes: lines.map((l) => l.code) });
    } else if (mode === 'cutting' && input) {
      const body = {
        date: today(),
        warehouseId: Number(warehouseId),
        key: 'weight' as const,
        input: { itemId: Number(input.itemId), quantity: input.quantity },
        outputs: lines.map((l) => ({ itemId: Number(l.itemId), quantity: l.quantity, ...(l.waste ? { waste: true } : {}) })),
      };
      outbox().enqueue('/api/v1/production/cuttings', body, `tsd-cut-${key}`);
      setPosting({ key: `tsd-cut-${key}`, codes: lines.map((l) => l.code) });
    }
    reset();
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
        <ScanLine label={pt('production.scanInput')} onLine={setInput} />
      ) : (
        <ScanLine label={mode === 'run' ? pt('production.scanOutput') : pt('production.scanOutputs')} onLine={(l) => setLines((ls) => [...ls, l])} allowWaste={mode === 'cutting'} />
      )}
      {posting ? <PostingStatus posting={posting} /> : null}
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
      <button type="button" className="big" disabled={!ready} onClick={post}>
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
