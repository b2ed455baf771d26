// Panels of a document page: what it was made from and what was made from it, ordered against received, the price
// control's flagged lines, and a transfer's sent against received.
import type { OrderDifference, RelatedDocument, StockDocument } from '../../api/types';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/dictionary';
import { Link } from '../../shared/Link';
import { StatusBadge } from '../../shared/StatusBadge';

function DocLink({ d }: { d: RelatedDocument }) {
  const { t } = useI18n();
  return (
    <Link to={`/documents/${d.id}`}>
      {t(`docType.${d.type}` as MessageKey)} {d.number}
    </Link>
  );
}

export function DocumentRelations({ id, version }: { id: string; version: string }) {
  const { t, qty, money } = useI18n();
  const { data } = useApi<{ base: RelatedDocument | null; derived: RelatedDocument[]; differences: OrderDifference[] | null }>(
    `/api/v1/documents/${encodeURIComponent(id)}/relations?v=${encodeURIComponent(version)}`,
  );
  if (!data || (!data.base && data.derived.length === 0 && !data.differences)) return null;
  return (
    <div className="relations">
      {data.base ? (
        <p>
          {t('docs.baseDocument')}: <DocLink d={data.base} /> <StatusBadge status={data.base.status} />
        </p>
      ) : null}
      {data.derived.length ? (
        <p className="derived">
          {t('docs.derived')}:{' '}
          {data.derived.map((d) => (
            <span key={d.id}>
              <DocLink d={d} /> <StatusBadge status={d.status} />{' '}
            </span>
          ))}
        </p>
      ) : null}
      {data.differences ? (
        <>
          <h2>{t('docs.orderDifferences')}</h2>
          <table className="grid order-differences">
            <thead>
              <tr>
                <th>{t('field.item')}</th>
                <th className="num">{t('docs.ordered')}</th>
                <th className="num">{t('docs.received')}</th>
                <th className="num">{t('docs.difference')}</th>
                <th className="num">{t('docs.orderedPrice')}</th>
                <th className="num">{t('docs.receivedPrice')}</th>
              </tr>
            </thead>
            <tbody>
              {data.differences.map((d) => (
                <tr key={d.itemId} className={d.differenceQuantity !== '0.000' || (d.receivedPriceMinor !== null && d.receivedPriceMinor !== d.orderedPriceMinor) ? 'differs' : ''}>
                  <td>{d.itemName}</td>
                  <td className="num">{qty(d.orderedQuantity)}</td>
                  <td className="num">{qty(d.receivedQuantity)}</td>
                  <td className="num">{qty(d.differenceQuantity)}</td>
                  <td className="num">{d.orderedPriceMinor === null ? '' : money(d.orderedPriceMinor, 'EUR')}</td>
                  <td className="num">{d.receivedPriceMinor === null ? '' : money(d.receivedPriceMinor, 'EUR')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

export function PriceControlPanel({ doc }: { doc: StockDocument }) {
  const { t, money, date } = useI18n();
  const pc = doc.payload?.priceControl;
  if (!pc || pc.flagged.length === 0) return null;
  const name = (itemId: number) => doc.lines?.find((l) => Number(l.itemId) === itemId)?.itemName ?? String(itemId);
  return (
    <div className="price-control" role="note">
      <h2>{t('docs.priceControl', { tolerance: pc.tolerancePercent })}</h2>
      <table className="grid flagged">
        <thead>
          <tr>
            <th>{t('field.item')}</th>
            <th className="num">{t('field.price')}</th>
            <th className="num">{t('docs.referencePrice')}</th>
            <th className="num">{t('docs.increase')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {pc.flagged.map((f) => (
            <tr key={f.lineNo}>
              <td>{name(f.itemId)}</td>
              <td className="num">{money(f.priceMinor, doc.currency)}</td>
              <td className="num">{money(f.referencePriceMinor ?? f.lastPriceMinor ?? 0, doc.currency)}</td>
              <td className="num">+{f.increasePercent} %</td>
              <td className={`price-reference ${f.reference ?? 'last'}`}>
                {f.reference === 'contract' && f.contract
                  ? t('docs.referenceContract', { from: date(f.contract.validFrom) })
                  : t('docs.referenceLast', { number: f.lastDocumentNumber ?? '', date: f.lastDate ? date(f.lastDate) : '' })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReceivedDifferences({ doc }: { doc: StockDocument }) {
  const { t, qty } = useI18n();
  const rows = doc.payload?.received;
  if (!rows?.length) return null;
  const name = (itemId: number) => doc.lines?.find((l) => Number(l.itemId) === itemId)?.itemName ?? String(itemId);
  return (
    <>
      <h2>
        {t('docs.sent')} / {t('docs.received')}
      </h2>
      <table className="grid received">
        <thead>
          <tr>
            <th>{t('field.item')}</th>
            <th className="num">{t('docs.sent')}</th>
            <th className="num">{t('docs.received')}</th>
            <th className="num">{t('docs.difference')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.itemId} className={r.difference !== '0.000' ? 'differs' : ''}>
              <td>{name(r.itemId)}</td>
              <td className="num">{qty(r.sent)}</td>
              <td className="num">{qty(r.received)}</td>
              <td className="num">{qty(r.difference)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
