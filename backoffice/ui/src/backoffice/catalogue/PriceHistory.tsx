// An item's prices with their history: every price group, newest first, the one in force today marked; a new price
// takes effect from its date and never overwrites an old one. A price change can go straight to a label.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import { parseMoneyMinor } from '../../i18n/format';
import { ErrorBox } from '../../shared/ErrorBox';
import { Link } from '../../shared/Link';

interface PriceRow {
  id: number;
  priceGroupId: number;
  priceGroupCode: string;
  currency: string;
  priceMinor: number;
  validFrom: string;
  current: boolean;
}

export function PriceHistory({ itemId }: { itemId: string }) {
  const { t, money, date } = useI18n();
  const { data, reload } = useApi<{ prices: PriceRow[] }>(`/api/v1/items/${encodeURIComponent(itemId)}/prices`);
  const groups = useApi<{ priceGroups: { id: number; code: string; name: string }[] }>('/api/v1/price-groups');
  const [groupId, setGroupId] = useState('');
  const [price, setPrice] = useState('');
  const [validFrom, setValidFrom] = useState(() => new Date().toISOString().slice(0, 10));
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState(false);
  useEffect(() => {
    const g = groups.data?.priceGroups[0];
    if (!groupId && g) setGroupId(String(g.id));
  }, [groups.data, groupId]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setAdded(false);
    const minor = parseMoneyMinor(price);
    if (minor === null) return setError(new Error(t('field.price')));
    try {
      await api(`/api/v1/items/${encodeURIComponent(itemId)}/prices`, { body: { priceGroupId: Number(groupId), priceMinor: minor, validFrom } });
      setPrice('');
      setAdded(true);
      reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div className="price-history">
      <h2>{t('prices.history')}</h2>
      <form className="filters" onSubmit={submit}>
        <select name="priceGroupId" aria-label={t('prices.group')} value={groupId} onChange={(e) => setGroupId(e.target.value)}>
          {(groups.data?.priceGroups ?? []).map((g) => (
            <option key={g.id} value={String(g.id)}>
              {g.code} · {g.name}
            </option>
          ))}
        </select>
        <input name="newPrice" inputMode="decimal" aria-label={t('field.price')} placeholder={t('field.price')} value={price} onChange={(e) => setPrice(e.target.value)} />
        <input name="validFrom" type="date" aria-label={t('prices.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        <button type="submit">{t('prices.add')}</button>
        {added ? <Link to={`/labels?items=${encodeURIComponent(itemId)}`}>{t('prices.printLabel')}</Link> : null}
      </form>
      <ErrorBox error={error} />
      <table className="grid prices">
        <thead>
          <tr>
            <th>{t('prices.group')}</th>
            <th>{t('prices.validFrom')}</th>
            <th className="num">{t('field.price')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(data?.prices ?? []).map((p) => (
            <tr key={p.id} className={p.current ? 'current' : ''}>
              <td>{p.priceGroupCode}</td>
              <td>{date(p.validFrom)}</td>
              <td className="num">{money(p.priceMinor, p.currency)}</td>
              <td>{p.current ? <span className="badge badge-posted">{t('prices.current')}</span> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
