// The sale screen: scan or type, lines with totals and VAT, and every action on an F-key shown at the bottom.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, TillApiError, type Item, type JournalReceipt, type TillStatus } from '../api/till-api';
import type { MessageKey } from '../i18n/dictionary';
import { parseQuantityInput } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { CashDialog } from '../dialogs/CashDialog';
import { DiscountDialog } from '../dialogs/DiscountDialog';
import { MarkingDialog } from '../dialogs/MarkingDialog';
import { PayDialog, type PaymentChoice } from '../dialogs/PayDialog';
import { PostponedDialog } from '../dialogs/PostponedDialog';
import { PriceDialog } from '../dialogs/PriceDialog';
import { QuantityDialog } from '../dialogs/QuantityDialog';
import { ReasonDialog } from '../dialogs/ReasonDialog';
import { ReportsDialog } from '../dialogs/ReportsDialog';
import { ReturnDialog } from '../dialogs/ReturnDialog';
import { WeighDialog } from '../dialogs/WeighDialog';
import { addItem, cardKey, cartTotals, emptyCart, removeLine, setLineDiscount, setLinePrice, setQuantity, type Cart } from './cart';
import { barcodeIndex, type BarcodeHit } from './barcode-index';
import { checkMarking, markingOnReceipt, shownMarkingCode, type MarkingVerdict } from './marking';
import { ReceiptLines } from './ReceiptLines';
import { StatusBar } from './StatusBar';
import { useScanner } from './use-scanner';
import { useBridgeScans } from './use-bridge-scans';

type DialogKind = 'marking' | 'weigh' | 'qty' | 'price' | 'lineDiscount' | 'receiptDiscount' | 'pay' | 'postponed' | 'cancelLine' | 'cancelReceipt' | 'return' | 'cash' | 'reports';

interface Action {
  key: string;
  label: MessageKey;
  run: () => void;
}

const CART_KEY = 'kasa.till.cart';

/** Runs `work` once the browser has painted the next frame, so it never holds up what the cashier sees. */
function afterPaint(work: () => void): void {
  requestAnimationFrame(() => window.setTimeout(work, 0));
}

function loadCart(): Cart {
  try {
    const c = JSON.parse(localStorage.getItem(CART_KEY) ?? 'null') as Cart | null;
    return c && Array.isArray(c.lines) ? c : emptyCart();
  } catch {
    return emptyCart();
  }
}

export function SaleScreen({ status, onChanged, languagePicker }: { status: TillStatus; onChanged: () => Promise<void>; languagePicker: ReactNode }) {
  const i18n = useI18n();
  const { t, money, error, currency } = i18n;
  const [cart, setCartState] = useState<Cart>(loadCart);
  const [selected, setSelected] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [results, setResults] = useState<Item[]>([]);
  const [resultIndex, setResultIndex] = useState(0);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const limit = status.cashier?.discountLimitPercent ?? 0;

  const setCart = useCallback((c: Cart) => {
    setCartState(c);
    localStorage.setItem(CART_KEY, JSON.stringify(c));
  }, []);

  const totals = useMemo(() => {
    try {
      return cartTotals(cart, currency);
    } catch {
      return cartTotals({ ...cart, receiptDiscountMinor: 0 }, currency);
    }
  }, [cart, currency]);
  const line = cart.lines.find((l) => l.key === selected) ?? cart.lines.at(-1);

  const fail = (e: unknown) => setMessage({ kind: 'error', text: e instanceof TillApiError ? error(e.code, e.params) : error('unknown') });
  const closeDialog = useCallback(() => {
    setDialog(null);
    window.setTimeout(() => input.current?.focus(), 0);
  }, []);

  const [marking, setMarking] = useState<{ item: Item; barcode?: string } | null>(null);

  const [weighingItem, setWeighingItem] = useState<{ item: Item; barcode?: string; markingCode?: string; markingUnchecked?: boolean } | null>(null);

  const add = (item: Item, quantity: string, barcode?: string, embeddedPriceMinor?: number, markingCode?: string, weighed = false, markingUnchecked = false) => {
    // A marked item goes on the receipt one pack at a time, each with the code from its pack.
    if (item.marked && !markingCode) {
      setMarking({ item, ...(barcode ? { barcode } : {}) });
      setText('');
      setResults([]);
      return setDialog('marking');
    }
    // Weighed goods without a weight barcode go on the receipt from the weighing panel (live weight, tare, net).
    if (item.weighted && !weighed && quantity === '1.000' && embeddedPriceMinor === undefined) {
      setWeighingItem({ item, ...(barcode ? { barcode } : {}), ...(markingCode ? { markingCode, markingUnchecked } : {}) });
      setText('');
      setResults([]);
      return setDialog('weigh');
    }
    const next = addItem(cart, item, quantity, barcode, embeddedPriceMinor, markingCode, markingUnchecked);
    setCart(next);
    // The line that grew (same item scanned again) or the new last line.
    const grown = next.lines.find((l, i) => cart.lines[i]?.key === l.key && cart.lines[i]?.quantity !== l.quantity);
    setSelected((grown ?? next.lines.at(-1)!).key);
    setText('');
    setResults([]);
    setMessage(null);
    // The customer display waits until the cashier's screen has drawn the line.
    afterPaint(() => void api('POST', '/display', { top: item.name, bottom: money(cartTotals(next, currency).grossMinor) }).catch(() => undefined));
  };

  const [returnNumber, setReturnNumber] = useState<string | undefined>(undefined);

  const enterCode = async (raw: string) => {
    const entry = raw.trim();
    if (!entry) return;
    // The barcode printed on a receipt ("T01-000123"): the customer brings something back.
    if (/^[A-Z0-9]{1,10}-\d{6}$/i.test(entry)) {
      setText('');
      setResults([]);
      setReturnNumber(entry.toUpperCase());
      return setDialog('return');
    }
    // "3*4750000000014": three of the scanned item.
    const m = /^(\d+(?:[.,]\d{1,3})?)\*(.+)$/.exec(entry);
    const times = m ? parseQuantityInput(m[1]!) : null;
    const code = m ? m[2]!.trim() : entry;
    if (/^\d+$/.test(code)) {
      try {
        // A plain barcode from the page's index puts the line on the screen within this key event.
        const hit = barcodeIndex.lookup(code) ?? (await api<BarcodeHit>('GET', `/barcode/${encodeURIComponent(code)}`));
        return add(hit.item, times && hit.quantity === '1.000' ? times : hit.quantity, hit.barcode, hit.embeddedPriceMinor);
      } catch (e) {
        if (!(e instanceof TillApiError && e.code === 'item.not_found')) return fail(e);
      }
    }
    const found = await api<{ items: Item[] }>('GET', `/items?q=${encodeURIComponent(code)}`).catch(() => ({ items: [] as Item[] }));
    if (found.items.length === 1) return add(found.items[0]!, times ?? '1.000');
    setResults(found.items);
    setResultIndex(0);
    if (found.items.length === 0) {
      setMessage({ kind: 'error', text: t('sale.notFound', { q: code }) });
      // An unknown barcode stays in view but selected: the next scan replaces it instead of running on after it.
      if (/^[\d*.,]+$/.test(entry)) input.current?.select();
    }
  };

  useScanner((code) => void enterCode(code), dialog === null);
  useBridgeScans((code) => dialog === null && void enterCode(code), true);

  // Instant search by name while typing (not for digit-only codes, which a scanner finishes with Enter).
  useEffect(() => {
    const q = text.trim();
    if (q.length < 2 || /^[\d*.,]+$/.test(q)) {
      // Unchanged when already empty: each key of a scanner's burst would otherwise draw the screen once more.
      setResults((r) => (r.length ? [] : r));
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      api<{ items: Item[] }>('GET', `/items?q=${encodeURIComponent(q)}`)
        .then((r) => {
          if (live) {
            setResults(r.items);
            setResultIndex(0);
          }
        })
        .catch(() => undefined);
    }, 120);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [text]);

  /**
   * The card part goes to the terminal first (through the bridge, under the cart's card key); the receipt is recorded
   * only with an approval. A decline moves to the next key; a till without an integrated terminal records the card
   * payment as taken on a stand-alone one.
   */
  const returning = cart.mode === 'return';

  const chargeCard = async (amountMinor: number): Promise<string | undefined> => {
    let c = cart;
    if (c.card && c.card.amountMinor !== amountMinor) {
      // The total changed after an approval: void the old one before charging the new amount.
      await api('POST', '/payment/cancel', { key: c.card.key });
      c = { ...c, card: undefined, cardAttempt: (c.cardAttempt ?? 0) + 1 };
      setCart(c);
    }
    const key = cardKey(c);
    setMessage({ kind: 'info', text: t('pay.terminal', { amount: money(amountMinor) }) });
    try {
      await api('POST', '/payment', { kind: c.mode === 'return' ? 'refund' : 'purchase', key, amountMinor, reference: c.uuid.slice(0, 8), uuid: c.uuid });
      setCart({ ...c, card: { key, amountMinor } });
      return key;
    } catch (e) {
      if (e instanceof TillApiError && e.code === 'payment.no_terminal') return undefined;
      // Declined or failed: the next try is a new payment. Still waiting or no answer: the same key asks again.
      if (e instanceof TillApiError && e.code !== 'payment.pending' && e.code !== 'network') setCart({ ...c, cardAttempt: (c.cardAttempt ?? 0) + 1 });
      throw e;
    }
  };

  const pay = async (payments: PaymentChoice[]) => {
    setBusy(true);
    try {
      const card = payments.find((p) => p.method === 'card');
      const paymentKey = card ? await chargeCard(card.amountMinor) : undefined;
      const res = await api<{ receipt: JournalReceipt }>('POST', '/receipts', {
        uuid: cart.uuid,
        type: returning ? 'return' : 'sale',
        lines: cart.lines.map((l) => ({
          itemId: l.itemId,
          quantity: l.quantity,
          ...(l.discountPercent ? { discountPercent: l.discountPercent } : {}),
          ...(l.discountMinor ? { discountMinor: l.discountMinor } : {}),
          ...(l.barcode ? { barcode: l.barcode } : {}),
          ...(l.markingCode ? { markingCode: l.markingCode } : {}),
          ...(l.manualPrice ? { priceMinor: l.unitPriceMinor } : {}),
        })),
        receiptDiscountMinor: cart.receiptDiscountMinor,
        payments: payments.map((p) => (p.method === 'card' && paymentKey ? { ...p, paymentKey } : p)),
      });
      setCart(emptyCart());
      setSelected(null);
      closeDialog();
      setMessage({
        kind: 'info',
        text: returning ? t('sale.refundDone', { number: res.receipt.number, amount: money(res.receipt.grossMinor) }) : t('sale.done', { number: res.receipt.number, change: money(res.receipt.changeMinor) }),
      });
      void api('POST', '/display', { top: t('pay.change'), bottom: money(res.receipt.changeMinor) }).catch(() => undefined);
      await onChanged();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const postpone = async () => {
    if (cart.lines.length === 0) return;
    try {
      await api('POST', '/postponed', { uuid: cart.uuid, label: `${t('total.lines', { n: cart.lines.length })} · ${money(totals.grossMinor)}`, cart });
      setCart(emptyCart());
      setMessage({ kind: 'info', text: t('postponed.saved') });
    } catch (e) {
      fail(e);
    }
  };

  const recall = async (uuid: string) => {
    try {
      if (cart.lines.length > 0) await postpone();
      const r = await api<{ cart: Cart }>('POST', `/postponed/${encodeURIComponent(uuid)}/recall`);
      setCart(r.cart);
      closeDialog();
    } catch (e) {
      fail(e);
    }
  };

  const lock = async () => {
    await api('POST', '/lock').catch(() => undefined);
    await onChanged();
  };

  const needLine = (d: DialogKind) => () => line && setDialog(d);
  const needLines = (d: DialogKind) => () => cart.lines.length > 0 && setDialog(d);
  const actions: Action[] = [
    { key: 'F1', label: 'key.search', run: () => input.current?.focus() },
    { key: 'F2', label: 'key.qty', run: needLine('qty') },
    { key: 'F3', label: 'key.lineDiscount', run: needLine('lineDiscount') },
    { key: 'F4', label: 'key.receiptDiscount', run: needLines('receiptDiscount') },
    { key: 'F5', label: 'key.pay', run: needLines('pay') },
    { key: 'F6', label: 'key.postpone', run: () => void postpone() },
    { key: 'F7', label: 'key.recall', run: () => setDialog('postponed') },
    { key: 'F8', label: 'key.cancelLine', run: needLine('cancelLine') },
    { key: 'F9', label: 'key.cancelReceipt', run: needLines('cancelReceipt') },
    { key: 'F10', label: 'key.return', run: () => setDialog('return') },
    { key: 'F11', label: 'key.cash', run: () => setDialog('cash') },
    { key: 'F12', label: 'key.reports', run: () => setDialog('reports') },
    { key: 'Ctrl+P', label: 'key.price', run: needLine('price') },
  ];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog) return;
      const action = actions.find((a) => a.key === (e.ctrlKey && e.key.length === 1 ? `Ctrl+${e.key.toUpperCase()}` : e.key));
      if (action) {
        e.preventDefault();
        action.run();
      } else if (e.ctrlKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void lock();
      } else if (!e.ctrlKey && !e.altKey && !e.metaKey && strayKey(e.key, document.activeElement)) {
        // A scan that starts while nothing has focus (a panel just closed) or a button has it still goes into the code
        // field: focus moved during keydown takes the key with it.
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onInputKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      // A scan answered from the page's index opens the weighing or marking panel within this key event: the Enter
      // must not travel on to the panel's own key handler and be taken as "OK" there.
      e.stopPropagation();
      const pick = results[resultIndex];
      if (pick && !/^[\d*.,]+$/.test(text.trim())) add(pick, '1.000');
      else void enterCode(text);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const dir = e.key === 'ArrowDown' ? 1 : -1;
      if (results.length) setResultIndex((i) => Math.max(0, Math.min(results.length - 1, i + dir)));
      else if (cart.lines.length) {
        const idx = cart.lines.findIndex((l) => l.key === line?.key);
        setSelected(cart.lines[Math.max(0, Math.min(cart.lines.length - 1, idx + dir))]!.key);
      }
    } else if (e.key === 'Escape') {
      setText('');
      setResults([]);
    }
  };

  return (
    <main className="screen sale">
      <StatusBar status={status} languagePicker={languagePicker} onLock={() => void lock()} onChanged={onChanged} />
      <section className="sale-body">
        <div className="sale-left">
          <input
            ref={input}
            className="code-input"
            autoFocus
            value={text}
            placeholder={t('sale.input')}
            aria-label={t('sale.input')}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onInputKey}
          />
          {results.length > 0 && (
            <ul className="results" role="listbox">
              {results.map((r, i) => (
                <li key={r.id} role="option" aria-selected={i === resultIndex} className={i === resultIndex ? 'selected' : ''} onMouseDown={() => add(r, '1.000')}>
                  <span className="code">{r.code}</span>
                  <span>{r.name}</span>
                  <span className="num">{money(r.priceMinor)}</span>
                </li>
              ))}
            </ul>
          )}
          {returning && (
            <p className="message" data-testid="return-mode">
              {t('sale.returnNoReceipt')}
            </p>
          )}
          <div className="lines-wrap">
            <ReceiptLines lines={cart.lines} totals={totals.lines} selectedKey={line?.key} onSelect={setSelected} />
          </div>
        </div>
        <aside className="sale-right">
          <div className="total">
            <span>{t('total.total')}</span>
            <strong data-testid="total">{money(totals.grossMinor)}</strong>
          </div>
          {totals.discountMinor > 0 && (
            <div className="row">
              <span>{t('total.discount')}</span>
              <span className="num">{money(totals.discountMinor)}</span>
            </div>
          )}
          {totals.vat.map((v) => (
            <div className="row" key={v.rate}>
              <span>{t('total.vat', { rate: v.rate })}</span>
              <span className="num">{money(v.vatMinor)}</span>
            </div>
          ))}
          <div className="row">
            <span>{t('total.vatTotal')}</span>
            <span className="num">{money(totals.vatMinor)}</span>
          </div>
          <div className="row muted">{t('total.lines', { n: cart.lines.length })}</div>
          {message && (
            <p className={message.kind === 'error' ? 'message' : 'info'} role="status" data-testid="message">
              {message.text}
            </p>
          )}
        </aside>
      </section>
      <nav className="fkeys">
        {actions.map((a) => (
          <button type="button" key={a.key} onClick={a.run}>
            <kbd>{a.key}</kbd>
            <span>{t(a.label)}</span>
          </button>
        ))}
      </nav>

      {dialog === 'marking' && marking && (
        <MarkingDialog
          name={marking.item.name}
          onClose={closeDialog}
          onCheck={async (code) => {
            // The same pack twice on one receipt is refused here; sold elsewhere or unreadable, by the store server.
            if (markingOnReceipt(cart, code)) return error('marking.duplicate', { code: shownMarkingCode(code) });
            let verdict: MarkingVerdict;
            try {
              verdict = await checkMarking(code, marking.item.id, returning ? 'return' : 'sale');
            } catch (e) {
              return e instanceof TillApiError ? error(e.code, e.params) : error('unknown');
            }
            if (!verdict.allowed) return error(verdict.code ?? 'marking.invalid', verdict.params);
            closeDialog();
            add(marking.item, '1.000', marking.barcode, undefined, code, false, !verdict.checked);
            if (!verdict.checked) setMessage({ kind: 'info', text: t('marking.unchecked') });
            return null;
          }}
        />
      )}
      {dialog === 'weigh' && weighingItem && (
        <WeighDialog
          name={weighingItem.item.name}
          priceMinor={weighingItem.item.priceMinor}
          onClose={closeDialog}
          onDone={(net) => {
            closeDialog();
            add(weighingItem.item, net, weighingItem.barcode, undefined, weighingItem.markingCode, true, weighingItem.markingUnchecked);
          }}
        />
      )}
      {dialog === 'qty' && line && (
        <QuantityDialog
          name={line.name}
          weighted={line.weighted}
          initial={line.weighted ? '' : String(Number(line.quantity))}
          onClose={closeDialog}
          onDone={(q) => {
            setCart(setQuantity(cart, line.key, q));
            closeDialog();
          }}
        />
      )}
      {dialog === 'price' && line && (
        <PriceDialog
          name={line.name}
          currentMinor={line.unitPriceMinor}
          receiptUuid={cart.uuid}
          needsApproval={!status.cashier?.mayChangePrice}
          onClose={closeDialog}
          onDone={(priceMinor) => {
            setCart(setLinePrice(cart, line.key, priceMinor));
            closeDialog();
          }}
        />
      )}
      {dialog === 'lineDiscount' && line && (
        <DiscountDialog
          title={t('discount.lineTitle', { name: line.name })}
          limitPercent={limit}
          baseMinor={Math.round((line.unitPriceMinor * Number(line.quantity.replace('.', ''))) / 1000)}
          allowPercent
          onClose={closeDialog}
          onDone={(d) => {
            setCart(setLineDiscount(cart, line.key, d));
            closeDialog();
          }}
        />
      )}
      {dialog === 'receiptDiscount' && (
        <DiscountDialog
          title={t('discount.receiptTitle')}
          limitPercent={limit}
          baseMinor={totals.grossMinor + cart.receiptDiscountMinor}
          allowPercent={false}
          onClose={closeDialog}
          onDone={(d) => {
            setCart({ ...cart, receiptDiscountMinor: d.minor ?? 0 });
            closeDialog();
          }}
        />
      )}
      {dialog === 'pay' && <PayDialog totalMinor={totals.grossMinor} rounding={status.cashRounding} busy={busy} onPay={(p) => void pay(p)} onClose={closeDialog} />}
      {dialog === 'postponed' && <PostponedDialog onRecall={(u) => void recall(u)} onClose={closeDialog} />}
      {dialog === 'cancelLine' && line && (
        <ReasonDialog
          title={t('reason.cancelLine', { name: line.name })}
          onClose={closeDialog}
          onDone={(reason) => {
            void api('POST', '/audit', { action: 'line.cancel', reason, detail: { itemId: line.itemId, quantity: line.quantity } }).catch(() => undefined);
            setCart(removeLine(cart, line.key));
            setSelected(null);
            closeDialog();
          }}
        />
      )}
      {dialog === 'cancelReceipt' && (
        <ReasonDialog
          title={t('reason.cancelReceipt')}
          onClose={closeDialog}
          onDone={(reason) => {
            void api('POST', '/audit', { action: 'receipt.cancel', reason, detail: { uuid: cart.uuid, lines: cart.lines.length, totalMinor: totals.grossMinor } }).catch(() => undefined);
            // A card payment approved for this receipt goes back to the customer.
            if (cart.card) void api('POST', '/payment/cancel', { key: cart.card.key }).catch(fail);
            setCart(emptyCart());
            setSelected(null);
            closeDialog();
          }}
        />
      )}
      {dialog === 'return' && (
        <ReturnDialog
          {...(returnNumber ? { initialNumber: returnNumber } : {})}
          needsApproval={!status.cashier?.mayRefund}
          needsCancelApproval={!status.cashier?.mayCancelPaid}
          onNoReceipt={async (approverPin) => {
            if (cart.lines.length > 0) await postpone();
            const next: Cart = { ...emptyCart(), mode: 'return' };
            if (!status.cashier?.mayRefund) await api('POST', '/approve', { uuid: next.uuid, right: 'till.refund', pin: approverPin });
            setCart(next);
            setReturnNumber(undefined);
            closeDialog();
          }}
          onClose={() => {
            setReturnNumber(undefined);
            closeDialog();
          }}
          onDone={(r) => {
            setReturnNumber(undefined);
            closeDialog();
            setMessage({ kind: 'info', text: t('sale.refundDone', { number: r.number, amount: money(r.grossMinor) }) });
            void onChanged();
          }}
        />
      )}
      {dialog === 'cash' && (
        <CashDialog
          onClose={closeDialog}
          onDone={() => {
            closeDialog();
            setMessage({ kind: 'info', text: t('cash.done') });
          }}
        />
      )}
      {dialog === 'reports' && (
        <ReportsDialog
          onClose={closeDialog}
          onClosedShift={() => {
            closeDialog();
            void onChanged();
          }}
        />
      )}
    </main>
  );
}

/**
 * Whether a key would be lost where the focus is: a character or Enter with nothing focused, or a character (not the
 * space, which presses it) on a button. Keys in a field of their own stay there.
 */
function strayKey(key: string, el: Element | null): boolean {
  if (!el || el === document.body || el === document.documentElement) return key.length === 1 || key === 'Enter';
  return el instanceof HTMLButtonElement && key.length === 1 && key !== ' ';
}
