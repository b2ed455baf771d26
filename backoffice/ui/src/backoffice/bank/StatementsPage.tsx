// Upload a statement file (sent base64 in JSON), see what was booked, and work the queue: pick a budget item (and
// partner), optionally remember the choice as a rule that also takes the rest of the queue.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Partner } from '../../api/types';
import { useApi } from '../../shared/useApi';
import { ErrorBox } from '../../shared/ErrorBox';
import { amountText, useBankTexts } from './texts';
import type { BankOperation, BudgetItem, ImportSummary } from './types';

interface StatementRow {
  id: number;
  fileName: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  documents: number;
  imported: number;
  duplicates: number;
  rejected: number;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

export function StatementsPage() {
  const t = useBankTexts();
  const queue = useApi<{ operations: BankOperation[]; total: number }>('/api/v1/bank/operations?status=queued&limit=500');
  const statements = useApi<{ statements: StatementRow[] }>('/api/v1/bank/statements');
  const items = useApi<{ budgetItems: BudgetItem[] }>('/api/v1/bank/budget-items');
  const partners = useApi<{ partners: Partner[] }>('/api/v1/partners?limit=500');
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  async function upload(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setError(null);
    setSummary(null);
    try {
      const r = await api<{ summary: ImportSummary }>('/api/v1/bank/statements', { body: { fileName: file.name, contentBase64: await readBase64(file) } });
      setSummary(r.summary);
      queue.reload();
      statements.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <form className="form" onSubmit={upload}>
        <label>
          {t('bank.upload')}
          <input type="file" name="statement" accept=".txt,text/plain" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={!file}>
            {t('bank.uploadButton')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      {summary ? (
        <div className="ok import-summary">
          <p>{summary.sameFile ? t('bank.sameFile') : t('bank.summary', { imported: summary.imported, documents: summary.documents, duplicates: summary.duplicates, assigned: summary.assigned, queued: summary.queued })}</p>
          {summary.rejected > 0 ? (
            <>
              <p className="warning">{t('bank.rejectedSummary', { rejected: summary.rejected })}</p>
              <table className="grid bank-rejections">
                <thead>
                  <tr>
                    <th className="num">{t('bank.line')}</th>
                    <th>{t('bank.number')}</th>
                    <th>{t('bank.key')}</th>
                    <th>{t('bank.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.rejections.map((r) => (
                    <tr key={`${r.sectionLine}-${r.line}`} data-line={r.line}>
                      <td className="num">{r.line}</td>
                      <td>{r.number ?? t('bank.none')}</td>
                      <td>{r.key}</td>
                      <td>{r.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {summary.balanceMismatches.map((m) => (
            <p key={m.account} className="warning">
              {t('bank.mismatch', { account: m.account, expected: amountText(m.expectedClosingMinor), closing: amountText(m.closingMinor) })}
            </p>
          ))}
        </div>
      ) : null}
      <h2>{t('bank.queue')}</h2>
      {notice ? <p className="ok">{notice}</p> : null}
      <ErrorBox error={queue.error} />
      {queue.data && queue.data.operations.length === 0 ? <p className="queue-empty">{t('bank.queueEmpty')}</p> : null}
      {queue.data && queue.data.operations.length > 0 ? (
        <table className="grid bank-queue">
          <thead>
            <tr>
              <th>{t('bank.date')}</th>
              <th>{t('bank.number')}</th>
              <th>{t('bank.counterparty')}</th>
              <th>{t('bank.taxNumber')}</th>
              <th>{t('bank.purpose')}</th>
              <th className="num">{t('bank.in')}</th>
              <th className="num">{t('bank.out')}</th>
              <th>{t('bank.budgetItem')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.data.operations.map((o) => (
              <QueueRow
                key={o.id}
                op={o}
                items={items.data?.budgetItems ?? []}
                partners={partners.data?.partners ?? []}
                onDone={(n) => {
                  setNotice(t('bank.assigned', { count: n }));
                  queue.reload();
                }}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      <h2>{t('bank.statements')}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th>{t('bank.file')}</th>
            <th>{t('bank.period')}</th>
            <th className="num">{t('bank.documents')}</th>
            <th className="num">{t('bank.imported')}</th>
            <th className="num">{t('bank.duplicates')}</th>
            <th className="num">{t('bank.rejected')}</th>
          </tr>
        </thead>
        <tbody>
          {(statements.data?.statements ?? []).map((s) => (
            <tr key={s.id}>
              <td>{s.fileName ?? t('bank.none')}</td>
              <td>
                {s.periodFrom ?? '?'} – {s.periodTo ?? '?'}
              </td>
              <td className="num">{s.documents}</td>
              <td className="num">{s.imported}</td>
              <td className="num">{s.duplicates}</td>
              <td className="num">{s.rejected}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function QueueRow({ op, items, partners, onDone }: { op: BankOperation; items: BudgetItem[]; partners: Partner[]; onDone: (alsoAssigned: number) => void }) {
  const t = useBankTexts();
  const fitting = items.filter((i) => i.active && (op.direction === 'in' ? i.kind === 'inflow' : op.direction === 'out' ? i.kind === 'outflow' : true));
  const [itemId, setItemId] = useState('');
  const [partnerId, setPartnerId] = useState(op.partnerId === null ? '' : String(op.partnerId));
  const [makeRule, setMakeRule] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function assign() {
    setError(null);
    try {
      const r = await api<{ alsoAssigned: number }>(`/api/v1/bank/operations/${op.id}/assign`, {
        body: { budgetItemId: Number(itemId), partnerId: partnerId ? Number(partnerId) : null, makeRule },
      });
      onDone(r.alsoAssigned);
    } catch (err) {
      setError(err);
    }
  }
  return (
    <tr data-operation={op.id}>
      <td>{op.date}</td>
      <td>{op.docNumber}</td>
      <td>{op.counterpartyName ?? t('bank.none')}</td>
      <td>{op.counterpartyTaxNumber ?? t('bank.none')}</td>
      <td className="purpose">{op.purpose}</td>
      <td className="num">{op.direction === 'in' ? amountText(op.amountMinor) : ''}</td>
      <td className="num">{op.direction === 'out' ? amountText(op.amountMinor) : ''}</td>
      <td>
        <select name="budgetItem" aria-label={t('bank.budgetItem')} value={itemId} onChange={(e) => setItemId(e.target.value)}>
          <option value="">—</option>
          {fitting.map((i) => (
            <option key={i.id} value={i.id}>
              {i.code} {i.name}
            </option>
          ))}
        </select>
        <select name="partner" aria-label={t('bank.partner')} value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
          <option value="">{t('bank.partner')}: —</option>
          {partners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <label className="inline">
          <input type="checkbox" name="makeRule" checked={makeRule} onChange={(e) => setMakeRule(e.target.checked)} /> {t('bank.makeRule')}
        </label>
        <button type="button" className="primary" disabled={!itemId} onClick={() => void assign()}>
          {t('bank.assign')}
        </button>
        <ErrorBox error={error} />
      </td>
    </tr>
  );
}
