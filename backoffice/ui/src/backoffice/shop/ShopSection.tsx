// Online shop administration under /shop: API keys, orders (one order at /shop/orders/:id), webhook delivery log.
import { Link } from '../../shared/Link';
import { match } from '../../routing/router';
import { useShopTexts, type ShopKey } from './texts';
import { ApiKeysPage } from './ApiKeysPage';
import { OrdersPage, OrderPage } from './OrdersPage';
import { DeliveriesPage } from './DeliveriesPage';

const tabs: Array<{ to: string; label: ShopKey }> = [
  { to: '/shop', label: 'shop.tab.keys' },
  { to: '/shop/orders', label: 'shop.tab.orders' },
  { to: '/shop/deliveries', label: 'shop.tab.deliveries' },
];

export function ShopSection({ path }: { path: string }) {
  const t = useShopTexts();
  const order = match('/shop/orders/:id', path);
  const active = order ? '/shop/orders' : path;
  return (
    <section className="shop-admin">
      <h1>{t('shop.title')}</h1>
      <nav className="tabs">
        {tabs.map((x) => (
          <Link key={x.to} to={x.to} className={active === x.to ? 'active' : ''}>
            {t(x.label)}
          </Link>
        ))}
      </nav>
      {order ? <OrderPage key={order.id} id={order.id!} /> : path === '/shop/orders' ? <OrdersPage /> : path === '/shop/deliveries' ? <DeliveriesPage /> : <ApiKeysPage />}
    </section>
  );
}
