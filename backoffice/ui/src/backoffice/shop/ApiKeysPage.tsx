// Shop API keys: create one (the plain key is shown once, here), see prefixes and scopes, revoke.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../shared/useApi';
import { ErrorBox } from '../../shared/ErrorBox';
import { useI18n } from '../../i18n/I18n';
import { useShopTexts, type ShopKey } from './texts';

const SCOPES = ['catalogue:read', 'stock:read', 'orders:write'] as const;

interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

export function ApiKeysPage() {
  const t = useShopTexts();
  const { date } = useI18n();
  const { data, error, reload } = useApi<{ apiKeys: ApiKey[] }>('/api/v1/shop/api-keys');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([...SCOPES]);
  const [plain, setPlain] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setActionError(null);
    try {
      const r = await api<{ key: string }>('/api/v1/shop/api-keys', { body: { name: name.trim(), scopes } });
      setPlain(r.key);
      setName('');
      reload();
    } catch (err) {
      setActionError(err);
    }
  }
  async function revoke(id: number) {
    setActionError(null);
    try {
      await api(`/api/v1/shop/api-keys/${id}/revoke`, { method: 'POST' });
      reload();
    } catch (err) {
      setActionError(err);
    }
  }
  const toggle = (s: string) => setScopes((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));

  return (
    <>
      <form className="form wide api-key-form" onSubmit={create}>
        <div className="row">
          <label>
            {t('shop.name')}
            <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <fieldset>
            <legend>{t('shop.scopes')}</legend>
            {SCOPES.map((s) => (
              <label key={s} className="inline">
                <input type="checkbox" name={s} checked={scopes.includes(s)} onChange={() => toggle(s)} /> {t(`shop.scope.${s}` as ShopKey)}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary" disabled={!name.trim() || scopes.length === 0}>
            {t('shop.create')}
          </button>
        </div>
      </form>
      {plain ? (
        <div className="ok new-key">
          <p>{t('shop.keyOnce')}</p>
          <code className="plain-key">{plain}</code>
        </div>
      ) : null}
      <ErrorBox error={actionError ?? error} />
      <table className="grid api-keys">
        <thead>
          <tr>
            <th>{t('shop.name')}</th>
            <th>{t('shop.prefix')}</th>
            <th>{t('shop.scopes')}</th>
            <th>{t('shop.created')}</th>
            <th>{t('shop.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(data?.apiKeys ?? []).map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}</code>
              </td>
              <td>{k.scopes.map((s) => t(`shop.scope.${s}` as ShopKey) ?? s).join(', ')}</td>
              <td>{date(k.createdAt)}</td>
              <td>{k.revokedAt ? `${t('shop.revoked')} ${date(k.revokedAt)}` : t('shop.active')}</td>
              <td>
                {k.revokedAt ? null : (
                  <button type="button" onClick={() => void revoke(k.id)}>
                    {t('shop.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
