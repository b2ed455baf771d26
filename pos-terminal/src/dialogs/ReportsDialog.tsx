// X report for the open shift; closing the shift with the counted cash gives the Z report.
import { useEffect, useState } from 'react';
import { api, TillApiError, type ShiftReport } from '../api/till-api';
import { parseMoneyInput } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { Dialog } from './Dialog';

export function ReportsDialog({ onClosedShift, onClose }: { onClosedShift: () => void; onClose: () => void }) {
  const { t, error, money, date } = useI18n();
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [z, setZ] = useState(false);
  const [counted, setCounted] = useState('');
  const [msg, setMsg] = useState('');

  useEffect(() => {
    api<{ report: ShiftReport }>('GET', '/report/x')
      .then((r) => setReport(r.report))
      .catch((e: unknown) => setMsg(error(e instanceof TillApiError ? e.code : 'unknown')));
  }, [error]);

  const close = async () => {
    const countedMinor = parseMoneyInput(counted);
    if (countedMinor === null) return setMsg(error('cash.amount_invalid'));
    try {
      const r = await api<{ report: ShiftReport }>('POST', '/shift/close', { countedMinor });
      setReport(r.report);
      setZ(true);
    } catch (e) {
      setMsg(error(e instanceof TillApiError ? e.code : 'unknown'));
    }
  };

  const rows: [string, number][] = report
    ? [
        [t('report.float'), report.shift.floatMinor],
        [`${t('report.sales')} (${report.sales.count})`, report.sales.grossMinor],
        [`${t('report.returns')} (${report.returns.count})`, -report.returns.grossMinor],
        [`${t('report.sales')}: ${t('report.cash')}`, report.payments.cashMinor],
        [`${t('report.sales')}: ${t('report.card')}`, report.payments.cardMinor],
        [`${t('report.returns')}: ${t('report.cash')}`, -report.refunds.cashMinor],
        [`${t('report.returns')}: ${t('report.card')}`, -report.refunds.cardMinor],
        [t('report.cashIn'), report.cashInMinor],
        [t('report.cashOut'), -report.cashOutMinor],
        [t('report.rounding'), report.roundingMinor],
        ...report.vat.map((v): [string, number] => [t('total.vat', { rate: v.rate }), v.vatMinor]),
        [t('report.expected'), report.expectedCashMinor],
        ...(z && report.shift.countedMinor !== null
          ? ([
              [t('report.counted'), report.shift.countedMinor],
              [t('report.difference'), report.shift.countedMinor - report.expectedCashMinor],
            ] as [string, number][])
          : []),
      ]
    : [];

  return (
    <Dialog title={z ? t('report.z') : t('report.x')} onClose={z ? onClosedShift : onClose} onSubmit={z ? onClosedShift : () => void close()} wide>
      {report && (
        <>
          <p>
            {t('status.shift', { n: report.shift.number })} · {t('report.openedAt')} {date(report.shift.openedAt)}
          </p>
          <table className="report">
            <tbody>
              {rows.map(([label, v]) => (
                <tr key={label}>
                  <td>{label}</td>
                  <td className="num">{money(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {!z && (
        <button type="button" onClick={() => void api('POST', '/report/x/print').catch(() => undefined)}>
          {t('report.print')} {t('report.x')}
        </button>
      )}
      {!z && (
        <label>
          {t('shift.counted')} — {t('shift.close')}
          <input autoFocus inputMode="decimal" value={counted} onChange={(e) => setCounted(e.target.value)} />
        </label>
      )}
      <p className="message">{msg}</p>
    </Dialog>
  );
}
