// The cash-flow report (ДДС): budget items down, months across, inflow and outflow in each cell, net per month.
import { useState, type FormEvent } from 'react';
import { query } from '../../api/client';
import { useApi } from '../../shared/useApi';
import { ErrorBox } from '../../shared/ErrorBox';
import { amountText, useBankTexts } from './texts';
import type { CashFlowReport, Cell } from './types';

function yearRange(): { from: string; to: string } {
  const y = new Date().getFullYear();
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

function Amounts({ cell }: { cell: Cell | undefined }) {
  if (!cell || (cell.inMinor === 0 && cell.outMinor === 0)) return <td className="num" />;
  return (
    <td className="num">
      {cell.inMinor ? <div className="in">+{amountText(cell.inMinor)}</div> : null}
      {cell.outMinor ? <div className="out">−{amountText(cell.outMinor)}</div> : null}
    </td>
  );
}

export function CashFlowPage() {
  const t = useBankTexts();
  const [form, setForm] = useState(yearRange);
  const [range, setRange] = useState(form);
  const { data, error } = useApi<{ report: CashFlowReport }>(`/api/v1/reports/cash-flow${query(range)}`);
  const r = data?.report;
  function show(e: FormEvent) {
    e.preventDefault();
    setRange(form);
  }
  const rowName = (row: CashFlowReport['rows'][number]) => (row.source === 'till' ? t('bank.row.till') : row.source === 'unassigned' ? t('bank.row.unassigned') : `${row.code} ${row.name}`);
  return (
    <>
      <form className="form inline-form" onSubmit={show}>
        <label>
          {t('bank.from')}
          <input type="date" name="from" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </label>
        <label>
          {t('bank.to')}
          <input type="date" name="to" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </label>
        <button type="submit" className="primary">
          {t('bank.show')}
        </button>
      </form>
      <ErrorBox error={error} />
      {r ? (
        <table className="grid cash-flow">
          <thead>
            <tr>
              <th>{t('bank.budgetItem')}</th>
              {r.periods.map((p) => (
                <th key={p} className="num">
                  {p}
                </th>
              ))}
              <th className="num">{t('bank.total')}</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row) => (
              <tr key={`${row.source}:${row.code ?? ''}`} data-row={row.code ?? row.source}>
                <td>{rowName(row)}</td>
                {r.periods.map((p) => (
                  <Amounts key={p} cell={row.byPeriod[p]} />
                ))}
                <Amounts cell={row.total} />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="net">
              <th>{t('bank.net')}</th>
              {r.periods.map((p) => (
                <td key={p} className="num">
                  {amountText(r.totals[p]?.netMinor ?? 0)}
                </td>
              ))}
              <td className="num">{amountText(r.grandTotal.netMinor)}</td>
            </tr>
          </tfoot>
        </table>
      ) : null}
    </>
  );
}
