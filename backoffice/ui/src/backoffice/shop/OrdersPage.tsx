// Every shop's orders, filtered by status; one order with its lines, its status history and the next steps the
// lifecycle allows.
import { useState } from 'react';
import { api, query } from '../../api/client';
import { useApi } from '../../shared/useApi';
import { ErrorBox } from '../../shared/ErrorBox';
import { Link } from '../../shared/Link';
import { useI18n } from '../../i18n/I18n';
import { statusKey, useShopTexts } from './texts';

const STATUSES = ['new', 'reserved', 'picking', 'ready', 'paid', 'fiscalized', 'shipped', 'delivered', 'closed', 'cancelled'];

interface OrderRow {
  id: number;
  externalRef: string | null;
  status: string;
  totalMinor: number;
  currency: string;
  createdAt: string;
  updatedAt: string;
}

interface Order extends OrderRow {
  warehouse: string;
  payment: string;
  allowedNext: string[];
  lines: Array<{ lineNo: number; itemCode: string; itemName: string; quantity: number; pickedQuantity: number | null; amountMinor: number }>;
  history: Array<{ status: string; from: string | null; at: string }>;
}

function useStatusText() {
  const t = useShopTexts();
  return (s: string) => {
    const k = statusKey('shop.st.', s);
    return k ? t(k) : s;
  };
}

export function OrdersPage() {
  const t = useShopTexts();
  const st = useStatusText();
  const { money, date } = useI18n();
  const [status, setStatus] = useState('');
  const { data, error } = useApi<{ orders: OrderRow[] }>(`/api/v1/shop/orders${query({ status, limit: 200 })}`);
  return (
    <>
      <label>
        {t('shop.status')}{' '}
        <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('shop.all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {st(s)}
            </option>
          ))}
        </select>
      </label>
      <ErrorBox error={error} />
      <table className="grid shop-orders">
        <thead>
          <tr>
            <th>{t('shop.order')}</th>
            <th>{t('shop.ref')}</th>
            <th>{t('shop.status')}</th>
            <th className="num">{t('shop.total')}</th>
            <th>{t('shop.created')}</th>
            <th>{t('shop.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.orders ?? []).map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/shop/orders/${o.id}`}>#{o.id}</Link>
              </td>
              <td>{o.externalRef ?? ''}</td>
              <td>{st(o.status)}</td>
              <td className="num">{money(o.totalMinor, o.currency)}</td>
              <td>{date(o.createdAt)}</td>
              <td>{date(o.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function OrderPage({ id }: { id: string }) {
  const t = useShopTexts();
  const st = useStatusText();
  const { money, date } = useI18n();
  const { data, error, reload } = useApi<{ order: Order }>(`/api/v1/shop/orders/${encodeURIComponent(id)}`);
  const [actionError, setActionError] = useState<unknown>(null);
  const o = data?.order;
  async function move(status: string) {
    setActionError(null);
    try {
      await api(`/api/v1/shop/orders/${encodeURIComponent(id)}/status`, { body: { status } });
      reload();
    } catch (err) {
      setActionError(err);
    }
  }
  return (
    <>
      <Link to="/shop/orders">{t('shop.back')}</Link>
      <ErrorBox error={actionError ?? error} />
      {o ? (
        <>
          <h2>
            {t('shop.order')} #{o.id} {o.externalRef ? `(${o.externalRef})` : ''} — <span className="order-status">{st(o.status)}</span>
          </h2>
          <div className="actions">
            {o.allowedNext.map((s) => (
              <button key={s} type="button" onClick={() => void move(s)}>
                {t('shop.moveTo')}: {st(s)}
              </button>
            ))}
          </div>
          <h3>{t('shop.lines')}</h3>
          <table className="grid">
            <thead>
              <tr>
                <th>{t('shop.item')}</th>
                <th className="num">{t('shop.ordered')}</th>
                <th className="num">{t('shop.picked')}</th>
                <th className="num">{t('shop.total')}</th>
              </tr>
            </thead>
            <tbody>
              {o.lines.map((l) => (
                <tr key={l.lineNo}>
                  <td>
                    {l.itemCode} {l.itemName}
                  </td>
                  <td className="num">{l.quantity}</td>
                  <td className="num">{l.pickedQuantity ?? ''}</td>
                  <td className="num">{money(l.amountMinor, o.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('shop.history')}</h3>
          <table className="grid order-history">
            <tbody>
              {o.history.map((h, i) => (
                <tr key={i}>
                  <td>{date(h.at)}</td>
                  <td>{h.from ? `${st(h.from)} → ${st(h.status)}` : st(h.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
