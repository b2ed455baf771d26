// A new draft document typed from the keyboard: scan or type an item code, Enter, quantity, Enter, price, Enter
// (a new line); N (outside a text field) or Alt+N adds a line anywhere, as PayTraq's shortcut does.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../../api/client';
import { documentTypes, writeOffReasons, type DocumentType, type Item, type StockDocument } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { ErrorBox } from '../../shared/ErrorBox';
import { enterMovesNext, outsideTextField } from '../../forms/keyboard';
import { minorToDecimalString, parseMoneyMinor, parseQuantity } from '../../i18n/format';
import { navigate } from '../../routing/router';
import { findItemByCode, useReferences } from './lookups';

interface LineDraft {
  key: number;
  code: string;
  item: Item | null;
  quantity: string;
  price: string;
  problem: string | null;
}

const withPartner: DocumentType[] = ['receiving', 'supplier_return', 'supplier_order', 'sale', 'sale_return'];
const today = () => new Date().toISOString().slice(0, 10);
let nextKey = 1;
const emptyLine = (): LineDraft => ({ key: nextKey++, code: '', item: null, quantity: '', price: '', problem: null });

export function NewDocumentPage({ search }: { search: URLSearchParams }) {
  const { t, money } = useI18n();
  const refs = useReferences();
  const initialType = search.get('type');
  const [type, setType] = useState<DocumentType>(documentTypes.find((d) => d === initialType) ?? 'receiving');
  const [docDate, setDocDate] = useState(today);
  const [warehouseId, setWarehouseId] = useState('');
  const [toWarehouseId, setToWarehouseId] = useState('');
  const [partnerId, setPartnerId] = useState('');
  const [reason, setReason] = useState<string>(writeOffReasons[0]);
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const focusLine = useRef<number | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!warehouseId && refs.warehouses[0]) setWarehouseId(String(refs.warehouses[0].id));
    if (!toWarehouseId && refs.warehouses[1]) setToWarehouseId(String(refs.warehouses[1].id));
  }, [refs.warehouses, warehouseId, toWarehouseId]);
  useEffect(() => {
    if (!partnerId && refs.partners[0]) setPartnerId(String(refs.partners[0].id));
  }, [refs.partners, partnerId]);

  // Focus the code field of a line just added.
  useEffect(() => {
    if (focusLine.current === null) return;
    formRef.current?.querySelector<HTMLInputElement>(`input[data-line="${focusLine.current}"][name="code"]`)?.focus();
    focusLine.current = null;
  }, [lines]);

  function addLine() {
    const l = emptyLine();
    focusLine.current = l.key;
    setLines((ls) => [...ls, l]);
  }

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.key === 'n' || e.key === 'N') && !e.ctrlKey && !e.metaKey && (e.altKey || outsideTextField(e))) {
        e.preventDefault();
        addLine();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const update = (key: number, change: Partial<LineDraft>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));

  async function resolve(line: LineDraft, input: HTMLInputElement, moveFocus: boolean) {
    try {
      const item = await findItemByCode(line.code);
      if (!item) {
        update(line.key, { item: null, problem: t('docs.itemNotFound', { code: line.code }) });
        return;
      }
      update(line.key, {
        item,
        problem: null,
        price: line.price || (item.priceMinor != null && type !== 'receiving' && type !== 'supplier_order' ? minorToDecimalString(item.priceMinor, 2) : line.price),
      });
      // Only Enter moves on: a lookup started by leaving the field must not pull focus back from where the person went.
      if (moveFocus) input.closest('tr')?.querySelector<HTMLInputElement>('input[name="quantity"]')?.focus();
    } catch (e) {
      setError(e);
    }
  }

  function codeKey(e: KeyboardEvent<HTMLInputElement>, line: LineDraft) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void resolve(line, e.currentTarget, true);
  }

  function priceKey(e: KeyboardEvent<HTMLInputElement>, line: LineDraft) {
    if (e.key === 'Enter' && lines[lines.length - 1]?.key === line.key) {
      e.preventDefault();
      addLine();
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const filled = lines.filter((l) => l.code.trim() || l.item);
    if (filled.length === 0) {
      setError(new Error(t('docs.noLines')));
      return;
    }
    const out: { itemId: Item['id']; quantity: string; priceMinor?: number }[] = [];
    for (const l of filled) {
      const item = l.item ?? (await findItemByCode(l.code).catch(() => null));
      if (!item) {
        setError(new Error(t('docs.itemNotFound', { code: l.code })));
        return;
      }
      const quantity = parseQuantity(l.quantity);
      if (!quantity) {
        setError(new Error(`${item.name}: ${t('field.quantity')}`));
        return;
      }
      const priceMinor = l.price.trim() ? parseMoneyMinor(l.price) : undefined;
      if (priceMinor === null) {
        setError(new Error(`${item.name}: ${t('field.price')}`));
        return;
      }
      out.push(priceMinor === undefined ? { itemId: item.id, quantity } : { itemId: item.id, quantity, priceMinor });
    }
    const idOf = (s: string) => (/^\d+$/.test(s) ? Number(s) : s);
    const body: Record<string, unknown> = { type, date: docDate, warehouseId: idOf(warehouseId), lines: out };
    if (type === 'transfer') body.toWarehouseId = idOf(toWarehouseId);
    if (withPartner.includes(type) && partnerId) body.partnerId = idOf(partnerId);
    if (type === 'write_off' && reason.trim()) body.reason = reason.trim();
    setBusy(true);
    try {
      const r = await api<{ document: StockDocument }>('/api/v1/documents', { body });
      navigate(`/documents/${r.document.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>{t('docs.new')}</h1>
      <p className="hint">{t('docs.keyboardHint')}</p>
      <ErrorBox error={refs.error} />
      <form ref={formRef} className="form wide" onSubmit={submit} onKeyDown={enterMovesNext}>
        <div className="row">
          <label>
            {t('field.type')}
            <select
              name="type"
              value={type}
              onChange={(e) => {
                // A stocktake is started (book quantities frozen), not typed in.
                if (e.target.value === 'stocktake') navigate('/documents/new?type=stocktake');
                else setType(e.target.value as DocumentType);
              }}
            >
              {documentTypes.map((d) => (
                <option key={d} value={d}>
                  {t(`docType.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('field.date')}
            <input name="date" type="date" value={docDate} onChange={(e) => setDocDate(e.target.value)} />
          </label>
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
          {type === 'transfer' ? (
            <label>
              {t('field.toWarehouse')}
              <select name="toWarehouseId" value={toWarehouseId} onChange={(e) => setToWarehouseId(e.target.value)}>
                {refs.warehouses.map((w) => (
                  <option key={String(w.id)} value={String(w.id)}>
                    {w.code} · {w.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {withPartner.includes(type) ? (
            <label>
              {t('field.partner')}
              <select name="partnerId" value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
                {refs.partners.map((p) => (
                  <option key={String(p.id)} value={String(p.id)}>
                    {p.code} · {p.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {type === 'write_off' ? (
            <label>
              {t('field.reason')}
              <select name="reason" value={reason} onChange={(e) => setReason(e.target.value)}>
                {writeOffReasons.map((r) => (
                  <option key={r} value={r}>
                    {t(`reason.${r}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        <h2>{t('docs.lines')}</h2>
        <table className="grid lines">
          <thead>
            <tr>
              <th>{t('field.code')}</th>
              <th>{t('field.item')}</th>
              <th className="num">{t('field.quantity')}</th>
              <th className="num">{t('field.price')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.key}>
                <td>
                  <input
                    name="code"
                    data-line={l.key}
                    data-enter="own"
                    placeholder={t('docs.scan')}
                    aria-label={t('docs.scan')}
                    value={l.code}
                    onChange={(e) => update(l.key, { code: e.target.value, item: null })}
                    onKeyDown={(e) => codeKey(e, l)}
                    onBlur={(e) => {
                      if (l.code.trim() && !l.item) void resolve(l, e.currentTarget, false);
                    }}
                  />
                </td>
                <td className={l.problem ? 'error' : ''}>
                  {l.item ? `${l.item.name} (${l.item.unit})` : l.problem}
                  {l.item?.priceMinor != null ? <small> {money(l.item.priceMinor, l.item.currency)}</small> : null}
                </td>
                <td>
                  <input
                    name="quantity"
                    inputMode="decimal"
                    className="num"
                    aria-label={t('field.quantity')}
                    value={l.quantity}
                    onChange={(e) => update(l.key, { quantity: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    name="price"
                    inputMode="decimal"
                    className="num"
                    aria-label={t('field.price')}
                    value={l.price}
                    onChange={(e) => update(l.key, { price: e.target.value })}
                    onKeyDown={(e) => priceKey(e, l)}
                  />
                </td>
                <td>
                  <button type="button" tabIndex={-1} onClick={() => setLines((ls) => (ls.length > 1 ? ls.filter((x) => x.key !== l.key) : ls))}>
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ErrorBox error={error} />
        <div className="actions">
          <button type="button" onClick={addLine}>
            {t('docs.addLine')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('docs.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
