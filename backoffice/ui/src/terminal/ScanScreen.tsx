// Scan → quantity → next. The scanner types the barcode and Enter into the focused field; the quantity field
// then takes focus with 1 selected, so a second Enter accepts one piece and the scanner is ready again.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/I18n';
import { compareQuantities, parseQuantity } from '../i18n/format';
import { findItemByCode } from '../backoffice/documents/lookups';
import { outbox } from './outbox';
import { count, finishedDocument, finishedOrderReceiving, finishedTransferReceipt, stocktakeCount, type Task } from './task';
import { newKey } from './queue';

interface Known {
  id: string;
  name: string;
}

// Codes already resolved on this handheld, so a known item still scans when the Wi-Fi is gone.
const cacheKey = 'kasa.terminal.items';
function cached(code: string): Known | null {
  try {
    return (JSON.parse(localStorage.getItem(cacheKey) ?? '{}') as Record<string, Known>)[code] ?? null;
  } catch {
    return null;
  }
}
function remember(code: string, item: Known): void {
  try {
    const all = JSON.parse(localStorage.getItem(cacheKey) ?? '{}') as Record<string, Known>;
    all[code] = item;
    localStorage.setItem(cacheKey, JSON.stringify(all));
  } catch {
    // a full storage only costs the offline lookup
  }
}

/** This handheld's name in the counts it sends (kept across reloads). */
function deviceName(): string {
  const k = 'kasa.terminal.device';
  let d = localStorage.getItem(k);
  if (!d) {
    d = `tsd-${newKey().slice(0, 8)}`;
    localStorage.setItem(k, d);
  }
  return d;
}

async function resolve(code: string): Promise<Known | null> {
  try {
    const item = await findItemByCode(code);
    if (!item) return null;
    const known = { id: String(item.id), name: item.name };
    remember(code, known);
    return known;
  } catch {
    return cached(code);
  }
}

export function ScanScreen({ task, onChange, onFinish }: { task: Task; onChange: (t: Task) => void; onFinish: () => void }) {
  const { t, qty } = useI18n();
  const [code, setCode] = useState('');
  const [item, setItem] = useState<Known | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (item) {
      qtyRef.current?.focus();
      qtyRef.current?.select();
    } else scanRef.current?.focus();
  }, [item]);

  async function scanned(e: FormEvent) {
    e.preventDefault();
    const c = code.trim();
    if (!c) return;
    const found = await resolve(c);
    if (!found) {
      setMessage({ kind: 'error', text: t('terminal.itemNotFound', { code: c }) });
      setCode('');
      return;
    }
    setMessage(null);
    setQuantity('1');
    setItem(found);
  }

  function accepted(e: FormEvent) {
    e.preventDefault();
    if (!item) return;
    const q = parseQuantity(quantity);
    if (!q || q.startsWith('-') || q === '0.000') {
      setMessage({ kind: 'error', text: t('terminal.badQuantity') });
      return;
    }
    if (task.documentId !== null) {
      const itemId = /^\d+$/.test(item.id) ? Number(item.id) : item.id;
      outbox().enqueue(`/api/v1/documents/${encodeURIComponent(task.documentId)}/lines`, { itemId, quantity: q });
    }
    const counted = stocktakeCount(task, item.id, q, new Date(), deviceName());
    if (counted) outbox().enqueue(counted.path, counted.body);
    const r = count(task, item, q);
    onChange(r.task);
    if (r.over) {
      setMessage({
        kind: 'warn',
        text: t('terminal.overReceipt', { item: item.name, expected: qty(r.over.expected), counted: qty(r.over.counted) }),
      });
    } else if (r.unexpected) setMessage({ kind: 'warn', text: t('terminal.notOnDocument', { item: item.name }) });
    else setMessage({ kind: 'ok', text: t('terminal.recorded', { item: item.name, quantity: qty(q) }) });
    setItem(null);
    setCode('');
  }

  // Without a draft the whole count is one document, queued under the task's key so a retry never makes two.
  function finish() {
    const today = new Date().toISOString().slice(0, 10);
    const body = finishedDocument(task, today);
    if (body) outbox().enqueue('/api/v1/documents', body, task.key);
    const receiving = finishedOrderReceiving(task, today);
    if (receiving) outbox().enqueue(receiving.path, receiving.body, task.key);
    const arrived = finishedTransferReceipt(task);
    if (arrived) outbox().enqueue(arrived.path, arrived.body, task.key);
    onFinish();
  }

  return (
    <section className="scan">
      <h1>{task.title}</h1>
      {item ? (
        <form onSubmit={accepted}>
          <p className="item-name">{item.name}</p>
          <label className="big-field">
            {t('terminal.quantity')}
            <input ref={qtyRef} name="quantity" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </label>
          <button type="submit" className="big">
            {t('terminal.confirm')}
          </button>
          <button type="button" className="big secondary" onClick={() => setItem(null)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <form onSubmit={(e) => void scanned(e)}>
          <label className="big-field">
            {t('terminal.scan')}
            <input ref={scanRef} name="barcode" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} />
          </label>
        </form>
      )}
      {message ? (
        <p className={`message ${message.kind}`} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      ) : null}
      <table className="tally">
        <thead>
          <tr>
            <th>{t('field.item')}</th>
            {task.lines.some((l) => l.expected !== null) ? <th className="num">{t('terminal.expected')}</th> : null}
            <th className="num">{t('terminal.counted')}</th>
          </tr>
        </thead>
        <tbody>
          {task.lines.map((l) => (
            <tr key={l.itemId} className={l.expected !== null && compareQuantities(l.counted, l.expected) > 0 ? 'over' : ''}>
              <td>{l.name}</td>
              {task.lines.some((x) => x.expected !== null) ? <td className="num">{qty(l.expected)}</td> : null}
              <td className="num">{qty(l.counted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="big secondary" onClick={finish}>
        {t('terminal.finish')}
      </button>
    </section>
  );
}
