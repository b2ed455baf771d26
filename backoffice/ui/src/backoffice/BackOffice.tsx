// The back office: sign-in, then a left menu and one page per register; every page has its own URL.
import type { ReactNode } from 'react';
import { useSession } from '../session/Session';
import { LanguageSwitcher, useI18n } from '../i18n/I18n';
import { LoginForm } from '../shared/LoginForm';
import { Link } from '../shared/Link';
import { match, usePath } from '../routing/router';
import type { MessageKey } from '../i18n/dictionary';
import { ItemsPage } from './catalogue/ItemsPage';
import { ItemForm } from './catalogue/ItemForm';
import { RegisterPage } from './registers/RegisterPage';
import { DocumentsPage } from './documents/DocumentsPage';
import { DocumentPage } from './documents/DocumentPage';
import { NewDocumentPage } from './documents/NewDocumentPage';
import { StockPage } from './stock/StockPage';
import { StocktakeStartPage } from './stocktake/StocktakeStartPage';
import { LabelsPage } from './labels/LabelsPage';
import { SettingsPage } from './settings/SettingsPage';
import { PartnersPage } from './registers/PartnersPage';
import { UsersPage } from './registers/UsersPage';
import { productionPage } from './production/ProductionPages';
import { BankSection } from './bank/BankSection';
import { ExchangePage } from './exchange/ExchangePage';
import { ShopSection } from './shop/ShopSection';
import { ReportsSection } from './reports/ReportsSection';

const menu: { to: string; label: MessageKey }[] = [
  { to: '/catalogue', label: 'menu.catalogue' },
  { to: '/warehouses', label: 'menu.warehouses' },
  { to: '/partners', label: 'menu.partners' },
  { to: '/price-groups', label: 'menu.priceGroups' },
  { to: '/users', label: 'menu.users' },
  { to: '/series', label: 'menu.series' },
  { to: '/documents', label: 'menu.documents' },
  { to: '/stock', label: 'menu.stock' },
  { to: '/stocktakes', label: 'menu.stocktakes' },
  { to: '/reports', label: 'menu.reports' },
  { to: '/production', label: 'menu.production' },
  { to: '/bank', label: 'menu.bank' },
  { to: '/exchange', label: 'menu.exchange' },
  { to: '/shop', label: 'menu.shop' },
  { to: '/labels', label: 'menu.labels' },
  { to: '/settings', label: 'menu.settings' },
];

function Page({ path, search }: { path: string; search: URLSearchParams }): ReactNode {
  let m: Record<string, string> | null;
  if (path === '/' || path === '/catalogue') return <ItemsPage />;
  if (path === '/catalogue/new') return <ItemForm id={null} />;
  if ((m = match('/catalogue/:id', path))) return <ItemForm key={m.id} id={m.id!} />;
  if (path === '/warehouses')
    return <RegisterPage title="menu.warehouses" endpoint="/api/v1/warehouses" columns={['code', 'name', 'negativeStock']} />;
  if (path === '/partners') return <PartnersPage />;
  if (path === '/price-groups')
    return <RegisterPage title="menu.priceGroups" endpoint="/api/v1/price-groups" columns={['code', 'name', 'currency', 'discountPercent']} />;
  if (path === '/users') return <UsersPage />;
  if (path === '/series')
    return <RegisterPage title="menu.series" endpoint="/api/v1/series" columns={['code', 'documentType', 'prefix', 'nextNumber']} />;
  if (path === '/documents') return <DocumentsPage search={search} />;
  if (path === '/documents/new' && search.get('type') === 'stocktake') return <StocktakeStartPage />;
  if (path === '/stocktakes') return <DocumentsPage search={new URLSearchParams({ type: 'stocktake', ...Object.fromEntries(search) })} />;
  if (path === '/labels') return <LabelsPage key={search.toString()} search={search} />;
  if (path === '/settings') return <SettingsPage />;
  if (path === '/documents/new') return <NewDocumentPage key={search.toString()} search={search} />;
  if ((m = match('/documents/:id', path))) return <DocumentPage key={m.id} id={m.id!} />;
  if (path === '/stock') return <StockPage />;
  if (path.startsWith('/production')) return productionPage(path);
  if (path === '/bank' || path.startsWith('/bank/')) return <BankSection path={path} />;
  if (path === '/exchange') return <ExchangePage />;
  if (path === '/shop' || path.startsWith('/shop/')) return <ShopSection path={path} />;
  if (path === '/reports' || path.startsWith('/reports/')) return <ReportsSection path={path} search={search} />;
  return <ItemsPage />;
}

export function BackOffice() {
  const { user, checking, logout } = useSession();
  const { t } = useI18n();
  const { path, search } = usePath();
  if (checking) return <p className="loading">{t('common.loading')}</p>;
  if (!user) return <LoginForm title={t('app.name')} />;
  const section = '/' + (path.split('/')[1] ?? '');
  return (
    <div className="shell">
      <nav className="menu">
        <div className="brand">{t('app.name')}</div>
        <ul>
          {menu.map((m) => (
            <li key={m.to}>
              <Link to={m.to} className={section === m.to || (section === '/' && m.to === '/catalogue') ? 'active' : ''}>
                {t(m.label)}
              </Link>
            </li>
          ))}
        </ul>
        <div className="who">
          <span className="user-name">{user.name || user.username}</span>
          <LanguageSwitcher username={user.username} />
          <button type="button" onClick={() => void logout()}>
            {t('common.logout')}
          </button>
        </div>
      </nav>
      <main className="content">
        <Page path={path} search={search} />
      </main>
    </div>
  );
}
