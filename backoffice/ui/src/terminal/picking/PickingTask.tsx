// "Pick an order" on the handheld: the open online orders → the pick list in walking order (item group, then
// code) → scan, quantity, next → Finish makes the order ready. Every confirmed scan and Finish go through the
// outbox with their own Idempotency-Key; the task in hand is kept in localStorage so a reload resumes it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../shared/useApi';
import { ErrorBox } from '../../shared/ErrorBox';
import { useI18n } from '../../i18n/I18n';
import { addQuantities, compareQuantities, parseQuantity } from '../../i18n/format';
import { findItemByCode } from '../../backoffice/documents/lookups';
import { outbox } from '../outbox';
import { newKey } from '../queue';
import {
  addPick,
  addSubstitute,
  finishRequest,
  lineForCode,
  loadPickTask,
  markNotFound,
  nextLine,
  openLines,
  pickRequest,
  pickTaskFrom,
  savePickTask,
  type PickLine,
  type PickTask,
  type PickView,
} from './picking';

const activeKey = 'kasa.terminal.picking.active';

/** Whether the picking task is on the screen (kept across reloads, like the other tasks). */
export function usePicking(): { active: boolean; start: () => void; stop: () => void } {
  const [active, setActive] = useState(() => localStorage.getItem(activeKey) === '1' || loadPickTask() !== null);
  return {
    active,
    start: () => {
      localStorage.setItem(activeKey, '1');
      setActive(true);
    },
    stop: () => {
      localStorage.removeItem(activeKey);
      setActive(false);
    },
  };
}

interface OrderRow {
  id: number;
  externalRef: string | null;
  status: string;
  totalMinor: number;
  currency: string;
  createdAt: string;
}

type Message = { kind: 'ok' | 'warn' | 'error'; text: string } | null;

function OrderList({ onPick, onBack, message }: { onPick: (id: number) => void; onBack: () => void; message: Message }) {
  const { t, money, date } = useI18n();
  const orders = useApi<{ orders: OrderRow[] }>('/api/v1/picking/orders');
  return (
    <section className="pick picking-orders">
      <h1>{t('picking.chooseOrder')}</h1>
      {message ? (
        <p className={`message ${message.kind}`} role="status">
          {message.text}
        </p>
      ) : null}
      <ErrorBox error={orders.error} />
      {orders.data && orders.data.orders.length === 0 ? <p>{t('picking.noOrders')}</p> : null}
      <ul className="doc-list">
        {(orders.data?.orders ?? []).map((o) => (
          <li key={o.id}>
            <button type="button" className="big" data-order={o.id} onClick={() => onPick(o.id)}>
              <strong>{t('picking.order', { ref: o.externalRef ?? `#${o.id}` })}</strong>
              <small>
                {date(o.createdAt)} · {money(o.totalMinor, o.currency)} · {t(o.status === 'picking' ? 'picking.statusPicking' : 'picking.statusReserved')}
              </small>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="big secondary" onClick={onBack}>
        {t('common.back')}
      </button>
    </section>
  );
}

/** What the quantity field is for: an ordered line, or a substitute for one. */
interface Target {
  line: PickLine;
  substituteFor: string | null;
}

function PickScreen({ task, onChange, onDone, onBack }: { task: PickTask; onChange: (t: PickTask) => void; onDone: (ref: string) => void; onBack: () => void }) {
  const { t, qty } = useI18n();
  const [code, setCode] = useState('');
  const [target, setTarget] = useState<Target | null>(null);
  const [substitute, setSubstitute] = useState<{ code: string; name: string; unit: string } | null>(null);
  const [quantity, setQuantity] = useState('1');
  const [message, setMessage] = useState<Message>(null);
  const [confirmFinish, setConfirmFinish] = useState(false);
  const scanRef = useRef<HTMLInputElement>(null);
  const qtyRef = useRef<HTMLInputElement>(null);
  const next = nextLine(task);

  useEffect(() => {
    if (target) {
      qtyRef.current?.focus();
      qtyRef.current?.select();
    } else if (!substitute) scanRef.current?.focus();
  }, [target, substitute]);

  // Weighed goods start at what is still missing (the scale's reading replaces it); pieces at one.
  const remaining = (l: PickLine) => (l.weighted && l.substituteFor === null ? addQuantities(l.ordered, `-${l.picked}`) : '1');

  async function scanned(e: FormEvent) {
    e.preventDefault();
    const c = code.trim();
    if (!c) return;
    setCode('');
    setConfirmFinish(false);
    const line = lineForCode(task, c);
    if (line) {
      setMessage(null);
      setQuantity(remaining(line));
      setTarget({ line, substituteFor: line.substituteFor });
      return;
    }
    // Not on the order: a substitute if the customer agreed, else the wrong item.
    let item: { code: string; name: string; unit: string } | null = null;
    try {
      const found = await findItemByCode(c);
      if (found) item = { code: found.code, name: found.name, unit: found.unit };
    } catch {
      item = null;
    }
    if (item && task.allowSubstitutions) {
      setMessage({ kind: 'warn', text: t('picking.substituteWhich', { item: item.name }) });
      setSubstitute(item);
      return;
    }
    setMessage({ kind: 'error', text: item ? t('picking.wrongItem', { item: item.name }) : t('terminal.itemNotFound', { code: c }) });
  }

  function substituteFor(original: PickLine) {
    if (!substitute) return;
    const updated = addSubstitute(task, substitute, original.itemCode);
    const line = updated.lines.find((l) => l.itemCode === substitute.code && l.substituteFor === original.itemCode)!;
    onChange(updated);
    setSubstitute(null);
    setMessage({ kind: 'warn', text: t('picking.substituting', { item: line.itemName, original: original.itemName }) });
    setQuantity('1');
    setTarget({ line, substituteFor: original.itemCode });
  }

  function accepted(e: FormEvent) {
    e.preventDefault();
    if (!target) return;
    const q = parseQuantity(quantity);
    if (!q || q.startsWith('-') || q === '0.000') {
      setMessage({ kind: 'error', text: t('terminal.badQuantity') });
      return;
    }
    const r = addPick(task, target.line.itemCode, q, target.substituteFor);
    if (r.over) {
      setMessage({ kind: 'warn', text: t('picking.overPick', { item: r.line.itemName, ordered: qty(r.limit), picked: qty(r.wouldBe) }) });
      return;
    }
    const req = pickRequest(r.task, r.line);
    outbox().enqueue(req.path, req.body);
    onChange(r.task);
    setMessage({ kind: 'ok', text: t('terminal.recorded', { item: r.line.itemName, quantity: qty(q) }) });
    setTarget(null);
  }

  function notFound() {
    if (!next) return;
    const updated = markNotFound(task, next.itemCode);
    const line = updated.lines.find((l) => l.itemCode === next.itemCode && l.substituteFor === null)!;
    const req = pickRequest(updated, line);
    outbox().enqueue(req.path, req.body);
    onChange(updated);
    setMessage({ kind: 'warn', text: t('picking.markedNotFound', { item: next.itemName }) });
  }

  function finish() {
    const open = openLines(task);
    if (open.length > 0 && !confirmFinish) {
      setConfirmFinish(true);
      setMessage({ kind: 'warn', text: t('picking.openLines', { count: open.length }) });
      return;
    }
    const req = finishRequest(task);
    outbox().enqueue(req.path, req.body, task.finishKey);
    onDone(task.ref);
  }

  return (
    <section className="scan picking">
      <h1>{t('picking.order', { ref: task.ref })}</h1>
      {next ? (
        <p className="next-line" data-next={next.itemCode}>
          {t('picking.next', { item: next.itemName, location: next.location || '—', quantity: qty(next.ordered) })}
        </p>
      ) : (
        <p className="next-line all-picked">{t('picking.allPicked')}</p>
      )}
      {target ? (
        <form onSubmit={accepted}>
          <p className="item-name">{target.line.itemName}</p>
          <label className="big-field">
            {t('terminal.quantity')} ({target.line.unit})
            <input ref={qtyRef} name="quantity" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </label>
          <button type="submit" className="big">
            {t('terminal.confirm')}
          </button>
          <button type="button" className="big secondary" onClick={() => setTarget(null)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : substitute ? (
        <div className="substitute-for">
          {task.lines
            .filter((l) => l.substituteFor === null && compareQuantities(l.picked, l.ordered) < 0)
            .map((l) => (
              <button key={l.itemCode} type="button" className="big" data-original={l.itemCode} onClick={() => substituteFor(l)}>
                {l.itemName}
              </button>
            ))}
          <button type="button" className="big secondary" onClick={() => setSubstitute(null)}>
            {t('common.cancel')}
          </button>
        </div>
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
      <table className="tally pick-list">
        <thead>
          <tr>
            <th>{t('picking.location')}</th>
            <th>{t('field.item')}</th>
            <th className="num">{t('picking.ordered')}</th>
            <th className="num">{t('picking.picked')}</th>
          </tr>
        </thead>
        <tbody>
          {task.lines.map((l) => (
            <tr key={`${l.itemCode}/${l.substituteFor ?? ''}`} data-item={l.itemCode} className={l.done ? 'done' : ''}>
              <td>{l.location}</td>
              <td>{l.substituteFor !== null ? `↳ ${l.itemName}` : l.itemName}</td>
              <td className="num">{l.substituteFor !== null ? '' : qty(l.ordered)}</td>
              <td className="num">{qty(l.picked)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {next ? (
        <button type="button" className="big secondary not-found" onClick={notFound}>
          {t('picking.notFound', { item: next.itemName })}
        </button>
      ) : null}
      <button type="button" className="big finish" onClick={finish}>
        {t('terminal.finish')}
      </button>
      <button type="button" className="big secondary" onClick={onBack}>
        {t('common.back')}
      </button>
    </section>
  );
}

export function PickingTask({ onExit }: { onExit: () => void }) {
  const { t } = useI18n();
  const [task, setTaskState] = useState<PickTask | null>(loadPickTask);
  const [message, setMessage] = useState<Message>(null);
  const [error, setError] = useState<unknown>(null);

  const setTask = (next: PickTask | null) => {
    savePickTask(next);
    setTaskState(next);
  };

  async function open(id: number) {
    setError(null);
    try {
      const view = await api<PickView>(`/api/v1/picking/orders/${id}`);
      setTask(pickTaskFrom(view, newKey()));
    } catch (e) {
      setError(e);
    }
  }

  if (task)
    return (
      <PickScreen
        task={task}
        onChange={setTask}
        onDone={(ref) => {
          setTask(null);
          setMessage({ kind: 'ok', text: t('picking.sentReady', { ref }) });
        }}
        onBack={() => setTask(null)}
      />
    );
  return (
    <>
      <ErrorBox error={error} />
      <OrderList onPick={(id) => void open(id)} onBack={onExit} message={message} />
    </>
  );
}
