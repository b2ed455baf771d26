// The webhook delivery log: every event sent to the shops' URLs, its state, attempts and the last error.
import { useApi } from '../../shared/useApi';
import { ErrorBox } from '../../shared/ErrorBox';
import { Link } from '../../shared/Link';
import { useI18n } from '../../i18n/I18n';
import { statusKey, useShopTexts } from './texts';

interface Delivery {
  id: number;
  eventId: string;
  orderId: number;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  deliveredAt: string | null;
  url: string;
  log: Array<{ at: string; statusCode: number | null; error: string | null; durationMs: number }>;
}

export function DeliveriesPage() {
  const t = useShopTexts();
  const { date } = useI18n();
  const { data, error } = useApi<{ deliveries: Delivery[] }>('/api/v1/shop/deliveries?limit=200');
  const state = (s: string) => {
    const k = statusKey('shop.dl.', s);
    return k ? t(k) : s;
  };
  return (
    <>
      <ErrorBox error={error} />
      <table className="grid deliveries">
        <thead>
          <tr>
            <th>{t('shop.order')}</th>
            <th>{t('shop.event')}</th>
            <th>{t('shop.url')}</th>
            <th>{t('shop.status')}</th>
            <th className="num">{t('shop.attempts')}</th>
            <th>{t('shop.nextAttempt')}</th>
            <th>{t('shop.lastError')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.deliveries ?? []).map((d) => (
            <tr key={d.id}>
              <td>
                <Link to={`/shop/orders/${d.orderId}`}>#{d.orderId}</Link>
              </td>
              <td>
                <code>{d.eventId}</code>
              </td>
              <td>{d.url}</td>
              <td>{state(d.status)}</td>
              <td className="num">{d.attempts}</td>
              <td>{d.status === 'pending' ? date(d.nextAttemptAt) : d.deliveredAt ? date(d.deliveredAt) : ''}</td>
              <td>{d.lastError ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
