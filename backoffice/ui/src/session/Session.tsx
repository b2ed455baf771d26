// Who is signed in. The session cookie is HttpOnly; beside it we keep a readable `kasa_user` marker cookie so a
// fresh page asks /auth/me only when a session may exist (an anonymous page load makes no failing request).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client';
import type { User } from '../api/types';
import { useI18n } from '../i18n/I18n';

const marker = 'kasa_user';

export function readMarker(cookie: string): string | null {
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === marker) return decodeURIComponent(v.join('=')) || null;
  }
  return null;
}

function setMarker(username: string | null): void {
  document.cookie = username
    ? `${marker}=${encodeURIComponent(username)}; path=/; SameSite=Lax`
    : `${marker}=; path=/; max-age=0; SameSite=Lax`;
}

interface SessionState {
  user: User | null;
  checking: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Called when any request answers 401: the session has expired. */
  expired: () => void;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { adoptUser } = useI18n();
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(() => readMarker(document.cookie) !== null);

  useEffect(() => {
    if (readMarker(document.cookie) === null) return;
    let live = true;
    api<{ user: User | null }>('/api/v1/auth/me')
      .then((r) => {
        if (!live) return;
        setUser(r.user);
        if (r.user) adoptUser(r.user.username, r.user.language);
        else setMarker(null);
      })
      .catch(() => live && setMarker(null))
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, []);

  const login = useCallback(
    async (username: string, password: string) => {
      const r = await api<{ user: User }>('/api/v1/auth/login', { body: { username, password } });
      setMarker(r.user.username);
      adoptUser(r.user.username, r.user.language);
      setUser(r.user);
    },
    [adoptUser],
  );
  const logout = useCallback(async () => {
    try {
      await api('/api/v1/auth/logout', { method: 'POST', body: {} });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    setMarker(null);
    setUser(null);
  }, []);
  const expired = useCallback(() => {
    setMarker(null);
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, checking, login, logout, expired }), [user, checking, login, logout, expired]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
