// A supplier's contract prices on the partners page: the agreed net price per item and period, a form for a new one
// (item by code or barcode, price, from, optionally to) and "End" for an open one. Receivings from the supplier are
// held against the price valid on their date before the last price.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import { parseMoneyMinor } from '../../i18n/format';
import { ErrorBox } from '../../shared/ErrorBox';
import { findItemByCode } from '../documents/lookups';

interface ContractPriceRow {
  id: number;
  itemId: number;
  itemCode: string;
  itemName: string;
  priceMinor: number;
  currency: string;
  validFrom: string;
  validTo: string | null;
}

const today = () => new Date().toISOString().slice(0, 10);

export function ContractPrices({ partnerId }: { partnerId: string }) {
  const { t, money, date } = useI18n();
  const path = `/api/v1/partners/${encodeURIComponent(partnerId)}/contract-prices`;
  const { data, error, reload } = useApi<{ contractPrices: ContractPriceRow[] }>(path);
  const [code, setCode] = useState('');
  const [price, setPrice] = useState('');
  const [validFrom, setValidFrom] = useState(today);
  const [validTo, setValidTo] = useState('');
  const [saveError, setSaveError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaveError(null);
    const minor = parseMoneyMinor(price);
    if (minor === null) return setSaveError(new Error(t('field.price')));
    try {
      const item = await findItemByCode(code);
      if (!item) return setSaveError(new Error(t('contractPrices.noItem', { code })));
      await api(path, { body: { itemId: Number(item.id), priceMinor: minor, validFrom, validTo: validTo || null } });
      setCode('');
      setPrice('');
      setValidTo('');
      reload();
    } catch (err) {
      setSaveError(err);
    }
  }

  async function end(id: number) {
    setSaveError(null);
    try {
      await api(`${path}/${id}/end`, { body: { validTo: today() } });
      reload();
    } catch (err) {
      setSaveError(err);
    }
  }

  return (
    <div className="contract-prices">
      <h2>{t('contractPrices.title')}</h2>
      <p className="hint">{t('contractPrices.hint')}</p>
      <form className="filters" onSubmit={submit}>
        <input name="contractItem" aria-label={t('field.item')} placeholder={t('field.item')} value={code} onChange={(e) => setCode(e.target.value)} />
        <input name="contractPrice" inputMode="decimal" aria-label={t('contractPrices.netPrice')} placeholder={t('contractPrices.netPrice')} value={price} onChange={(e) => setPrice(e.target.value)} />
        <input name="contractFrom" type="date" aria-label={t('prices.validFrom')} value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        <input name="contractTo" type="date" aria-label={t('contractPrices.validTo')} value={validTo} onChange={(e) => setValidTo(e.target.value)} />
        <button type="submit">{t('contractPrices.add')}</button>
      </form>
      <ErrorBox error={saveError ?? error} />
      <table className="grid contract-prices">
        <thead>
          <tr>
            <th>{t('field.code')}</th>
            <th>{t('field.item')}</th>
            <th className="num">{t('contractPrices.netPrice')}</th>
            <th>{t('prices.validFrom')}</th>
            <th>{t('contractPrices.validTo')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(data?.contractPrices ?? []).map((c) => (
            <tr key={c.id}>
              <td>{c.itemCode}</td>
              <td>{c.itemName}</td>
              <td className="num">{money(c.priceMinor, c.currency)}</td>
              <td>{date(c.validFrom)}</td>
              <td>{c.validTo ? date(c.validTo) : t('contractPrices.open')}</td>
              <td>
                {c.validTo === null || c.validTo > today() ? (
                  <button type="button" onClick={() => void end(c.id)} disabled={c.validFrom > today()}>
                    {t('contractPrices.end')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.contractPrices.length === 0 ? <p>{t('common.noData')}</p> : null}
    </div>
  );
}
