// Users and their groups' rights: the user list with a form for a new user, and each group's rights as one right
// per line (document rights are `<type>.<operation>`, e.g. receiving.approve; `*` is everything).
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../shared/useApi';
import { useI18n } from '../../i18n/I18n';
import { languages, languageNames } from '../../i18n/dictionary';
import { ErrorBox } from '../../shared/ErrorBox';
import { enterMovesNext } from '../../forms/keyboard';

interface UserRow {
  id: number;
  username: string;
  name: string;
  language: string;
  active: boolean;
  group: string;
}
interface Group {
  id: number;
  code: string;
  name: string;
  rights: string[];
}

function GroupRights({ group, onSaved }: { group: Group; onSaved: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(group.rights.join('\n'));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  async function save() {
    setError(null);
    setSaved(false);
    try {
      const rights = text.split(/[\s,]+/).map((r) => r.trim()).filter(Boolean);
      await api(`/api/v1/user-groups/${group.id}/rights`, { method: 'PUT', body: { rights } });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <div className="group-rights" data-group={group.code}>
      <h3>
        {group.name} <small>({group.code})</small>
      </h3>
      <textarea name="rights" rows={6} cols={40} aria-label={`${t('field.rights')} ${group.code}`} value={text} onChange={(e) => setText(e.target.value)} />
      <ErrorBox error={error} />
      <div className="actions">
        <button type="button" onClick={() => void save()}>
          {t('common.save')}
        </button>
        {saved ? <span className="ok">{t('common.saved')}</span> : null}
      </div>
    </div>
  );
}

export function UsersPage() {
  const { t } = useI18n();
  const users = useApi<{ users: UserRow[] }>('/api/v1/users');
  const groups = useApi<{ groups: Group[] }>('/api/v1/user-groups');
  const [form, setForm] = useState({ username: '', name: '', group: '', password: '', pin: '', language: 'en' });
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const group = form.group || groups.data?.groups[0]?.code || '';
    const body: Record<string, string> = { username: form.username.trim(), name: form.name.trim(), group, language: form.language };
    if (form.password) body.password = form.password;
    if (form.pin) body.pin = form.pin;
    try {
      await api('/api/v1/users', { body });
      setForm({ username: '', name: '', group, password: '', pin: '', language: form.language });
      users.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section>
      <h1>{t('menu.users')}</h1>
      <ErrorBox error={users.error} />
      <table className="grid">
        <thead>
          <tr>
            <th>{t('field.username')}</th>
            <th>{t('field.name')}</th>
            <th>{t('users.group')}</th>
            <th>{t('field.language')}</th>
          </tr>
        </thead>
        <tbody>
          {(users.data?.users ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td>
              <td>{u.name}</td>
              <td>{u.group}</td>
              <td>{u.language}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('users.new')}</h2>
      <form className="form wide" onSubmit={submit} onKeyDown={enterMovesNext}>
        <div className="row">
          <label>
            {t('field.username')}
            <input name="username" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
          </label>
          <label>
            {t('field.name')}
            <input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </label>
          <label>
            {t('users.group')}
            <select name="group" value={form.group} onChange={(e) => setForm({ ...form, group: e.target.value })}>
              {(groups.data?.groups ?? []).map((g) => (
                <option key={g.id} value={g.code}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('users.password')}
            <input name="password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
          </label>
          <label>
            {t('users.pin')}
            <input name="pin" inputMode="numeric" value={form.pin} onChange={(e) => setForm({ ...form, pin: e.target.value })} />
          </label>
          <label>
            {t('field.language')}
            <select name="language" value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value })}>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {languageNames[l]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ErrorBox error={error} />
        <button type="submit" className="primary">
          {t('users.new')}
        </button>
      </form>
      <h2>{t('users.groups')}</h2>
      <p className="hint">{t('users.rightsHint')}</p>
      <ErrorBox error={groups.error} />
      <div className="groups">
        {(groups.data?.groups ?? []).map((g) => (
          <GroupRights key={`${g.id}:${g.rights.join(',')}`} group={g} onSaved={groups.reload} />
        ))}
      </div>
    </section>
  );
}
