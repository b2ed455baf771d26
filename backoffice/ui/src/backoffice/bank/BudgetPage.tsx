// Budget items (статьи ДДС) as a list with an add form, and the rules that assign them to bank payments.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Partner } from '../../api/types';
import { useApi } from '../../shared/useApi';
import { ErrorBox } from '../../shared/ErrorBox';
import { enterMovesNext } from '../../forms/keyboard';
import { useBankTexts } from './texts';
import type { BudgetItem, BudgetRule } from './types';

const emptyItem = { code: '', name: '', kind: 'outflow' as 'inflow' | 'outflow', parentId: '' };
const emptyRule = { budgetItemId: '', direction: '', partnerId: '', purposePattern: '', counterpartyTaxNumber: '', priority: '' };

export function BudgetPage() {
  const t = useBankTexts();
  const items = useApi<{ budgetItems: BudgetItem[] }>('/api/v1/bank/budget-items');
  const rules = useApi<{ rules: BudgetRule[] }>('/api/v1/bank/rules');
  const partners = useApi<{ partners: Partner[] }>('/api/v1/partners?limit=500');
  const [item, setItem] = useState(emptyItem);
  const [rule, setRule] = useState(emptyRule);
  const [error, setError] = useState<unknown>(null);
  const list = items.data?.budgetItems ?? [];
  const nameOf = (id: number | null) => list.find((i) => i.id === id)?.name ?? '';
  const partnerName = (id: number | null) => (partners.data?.partners ?? []).find((p) => Number(p.id) === id)?.name ?? '';

  async function run(work: () => Promise<unknown>) {
    setError(null);
    try {
      await work();
      items.reload();
      rules.reload();
    } catch (err) {
      setError(err);
    }
  }
  function addItem(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      await api('/api/v1/bank/budget-items', { body: { code: item.code.trim(), name: item.name.trim(), kind: item.kind, parentId: item.parentId ? Number(item.parentId) : null } });
      setItem(emptyItem);
    });
  }
  function addRule(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      await api('/api/v1/bank/rules', {
        body: {
          budgetItemId: Number(rule.budgetItemId),
          direction: rule.direction || null,
          partnerId: rule.partnerId ? Number(rule.partnerId) : null,
          purposePattern: rule.purposePattern || null,
          counterpartyTaxNumber: rule.counterpartyTaxNumber || null,
          ...(rule.priority ? { priority: Number(rule.priority) } : {}),
        },
      });
      setRule(emptyRule);
    });
  }

  return (
    <>
      <h2>{t('bank.items')}</h2>
      <ErrorBox error={error ?? items.error ?? rules.error} />
      <form className="form wide budget-item-form" onSubmit={addItem} onKeyDown={enterMovesNext}>
        <div className="row">
          <label>
            {t('bank.code')}
            <input name="code" value={item.code} onChange={(e) => setItem({ ...item, code: e.target.value })} />
          </label>
          <label>
            {t('bank.name')}
            <input name="name" value={item.name} onChange={(e) => setItem({ ...item, name: e.target.value })} />
          </label>
          <label>
            {t('bank.kind')}
            <select name="kind" value={item.kind} onChange={(e) => setItem({ ...item, kind: e.target.value as 'inflow' | 'outflow' })}>
              <option value="inflow">{t('bank.kind.inflow')}</option>
              <option value="outflow">{t('bank.kind.outflow')}</option>
            </select>
          </label>
          <label>
            {t('bank.parent')}
            <select name="parent" value={item.parentId} onChange={(e) => setItem({ ...item, parentId: e.target.value })}>
              <option value="">—</option>
              {list.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.code} {i.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={!item.code.trim() || !item.name.trim()}>
            {t('bank.add')}
          </button>
        </div>
      </form>
      <table className="grid budget-items">
        <thead>
          <tr>
            <th>{t('bank.code')}</th>
            <th>{t('bank.name')}</th>
            <th>{t('bank.kind')}</th>
            <th>{t('bank.parent')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((i) => (
            <tr key={i.id}>
              <td>{i.code}</td>
              <td>{i.name}</td>
              <td>{t(i.kind === 'inflow' ? 'bank.kind.inflow' : 'bank.kind.outflow')}</td>
              <td>{nameOf(i.parentId)}</td>
              <td>
                <button type="button" onClick={() => void run(() => api(`/api/v1/bank/budget-items/${i.id}`, { method: 'DELETE' }))}>
                  {t('bank.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('bank.rules')}</h2>
      <form className="form wide budget-rule-form" onSubmit={addRule} onKeyDown={enterMovesNext}>
        <div className="row">
          <label>
            {t('bank.budgetItem')}
            <select name="budgetItem" value={rule.budgetItemId} onChange={(e) => setRule({ ...rule, budgetItemId: e.target.value })}>
              <option value="">—</option>
              {list.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.code} {i.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('bank.direction')}
            <select name="direction" value={rule.direction} onChange={(e) => setRule({ ...rule, direction: e.target.value })}>
              <option value="">{t('bank.any')}</option>
              <option value="in">{t('bank.in')}</option>
              <option value="out">{t('bank.out')}</option>
            </select>
          </label>
          <label>
            {t('bank.partner')}
            <select name="partner" value={rule.partnerId} onChange={(e) => setRule({ ...rule, partnerId: e.target.value })}>
              <option value="">{t('bank.any')}</option>
              {(partners.data?.partners ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('bank.pattern')}
            <input name="purposePattern" value={rule.purposePattern} onChange={(e) => setRule({ ...rule, purposePattern: e.target.value })} />
          </label>
          <label>
            {t('bank.taxNumber')}
            <input name="counterpartyTaxNumber" value={rule.counterpartyTaxNumber} onChange={(e) => setRule({ ...rule, counterpartyTaxNumber: e.target.value })} />
          </label>
          <label>
            {t('bank.priority')}
            <input name="priority" inputMode="numeric" value={rule.priority} onChange={(e) => setRule({ ...rule, priority: e.target.value })} />
          </label>
          <button type="submit" className="primary" disabled={!rule.budgetItemId}>
            {t('bank.add')}
          </button>
        </div>
      </form>
      <table className="grid budget-rules">
        <thead>
          <tr>
            <th className="num">{t('bank.priority')}</th>
            <th>{t('bank.direction')}</th>
            <th>{t('bank.partner')}</th>
            <th>{t('bank.taxNumber')}</th>
            <th>{t('bank.pattern')}</th>
            <th>{t('bank.budgetItem')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(rules.data?.rules ?? []).map((r) => (
            <tr key={r.id}>
              <td className="num">{r.priority}</td>
              <td>{r.direction === 'in' ? t('bank.in') : r.direction === 'out' ? t('bank.out') : t('bank.any')}</td>
              <td>{partnerName(r.partnerId)}</td>
              <td>{r.counterpartyTaxNumber ?? ''}</td>
              <td>{r.purposePattern ?? ''}</td>
              <td>{nameOf(r.budgetItemId)}</td>
              <td>
                <button type="button" onClick={() => void run(() => api(`/api/v1/bank/rules/${r.id}`, { method: 'DELETE' }))}>
                  {t('bank.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
