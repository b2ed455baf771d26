// The accountant's bank section: statements and the queue, budget items and rules, the cash-flow report and
// receivables/payables, one URL each under /bank.
import { Link } from '../../shared/Link';
import { useBankTexts, type BankKey } from './texts';
import { StatementsPage } from './StatementsPage';
import { BudgetPage } from './BudgetPage';
import { CashFlowPage } from './CashFlowPage';
import { ReceivablesPage } from './ReceivablesPage';

const tabs: Array<{ to: string; label: BankKey }> = [
  { to: '/bank', label: 'bank.tab.statements' },
  { to: '/bank/budget', label: 'bank.tab.budget' },
  { to: '/bank/cash-flow', label: 'bank.tab.cashFlow' },
  { to: '/bank/receivables', label: 'bank.tab.receivables' },
];

export function BankSection({ path }: { path: string }) {
  const t = useBankTexts();
  return (
    <section className="bank">
      <h1>{t('bank.title')}</h1>
      <nav className="tabs">
        {tabs.map((x) => (
          <Link key={x.to} to={x.to} className={path === x.to ? 'active' : ''}>
            {t(x.label)}
          </Link>
        ))}
      </nav>
      {path === '/bank/budget' ? <BudgetPage /> : path === '/bank/cash-flow' ? <CashFlowPage /> : path === '/bank/receivables' ? <ReceivablesPage /> : <StatementsPage />}
    </section>
  );
}
