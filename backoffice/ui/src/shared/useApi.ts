// Loads one API resource for a component; reloads when the path changes; a 401 ends the session.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { useSession } from '../session/Session';

export function useApi<T>(path: string | null): { data: T | null; error: unknown; loading: boolean; reload: () => void } {
  const { expired } = useSession();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    api<T>(path)
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) expired();
        setError(e);
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [path, tick, expired]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
