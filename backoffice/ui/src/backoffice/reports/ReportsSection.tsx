// The reports section: one tab per report, each with its own URL; stocktake differences live on each stocktake.
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/dictionary';
import { Link } from '../../shared/Link';
import { BalanceReport } from './BalanceReport';
import { TurnoverReport } from './TurnoverReport';
import { MovementsReport } from './MovementsReport';
import { PurchasePricesReport } from './PurchasePricesReport';

const tabs: Array<{ to: string; label: MessageKey }> = [
  { to: '/reports/balance', label: 'reports.balance' },
  { to: '/reports/turnover', label: 'reports.turnover' },
  { to: '/reports/movements', label: 'reports.movements' },
  { to: '/reports/purchase-prices', label: 'reports.purchasePrices' },
  { to: '/reports/stocktake', label: 'reports.stocktakeDifferences' },
];

export function ReportsSection({ path, search }: { path: string; search?: URLSearchParams }) {
  const { t } = useI18n();
  const current = path === '/reports' ? '/reports/balance' : path;
  let page: ReactNode;
  if (current === '/reports/turnover') page = <TurnoverReport />;
  else if (current === '/reports/movements') page = <MovementsReport initialItemId={search?.get('itemId') ?? undefined} />;
  else if (current === '/reports/purchase-prices') page = <PurchasePricesReport />;
  else if (current === '/reports/stocktake')
    page = (
      <section className="report">
        <h2>{t('reports.stocktakeDifferences')}</h2>
        <p>{t('reports.stocktakeHint')}</p>
        <Link to="/stocktakes">{t('menu.stocktakes')}</Link>
      </section>
    );
  else page = <BalanceReport />;
  return (
    <section>
      <h1>{t('menu.reports')}</h1>
      <nav className="tabs" style={{ display: 'flex', gap: '1.2rem', flexWrap: 'wrap', marginBottom: '1rem' }}>
        {tabs.map((tab) =>
          tab.to === current ? (
            <strong key={tab.to}>
              <Link to={tab.to} className="active">
                {t(tab.label)}
              </Link>
            </strong>
          ) : (
            <Link key={tab.to} to={tab.to}>
              {t(tab.label)}
            </Link>
          ),
        )}
      </nav>
      {page}
    </section>
  );
}
