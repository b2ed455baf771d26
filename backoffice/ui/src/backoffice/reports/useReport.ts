// Loads a report page after page (keyset cursors) so the first rows show at once and a progress bar fills while
// the rest arrive; stops at a ceiling (a browser table of a million rows helps no one: that is what CSV is for).

import { useEffect, useState } from 'react';
import { api, ApiError, query } from '../../api/client';
import { useSession } from '../../session/Session';

export const PAGE = 500;
export const SHOWN_AT_MOST = 10_000;

interface PageAnswer<T> {
  currency: string;
  rows: T[];
  next: string | null;
  total?: number;
}

export interface ReportState<T> {
  rows: T[];
  currency: string;
  total: number | null;
  loading: boolean;
  truncated: boolean;
  error: unknown;
}

/** `params` null means "not asked yet". */
export function useReport<T>(endpoint: string, params: Record<string, string | number | undefined> | null): ReportState<T> {
  const { expired } = useSession();
  const [state, setState] = useState<ReportState<T>>({ rows: [], currency: 'EUR', total: null, loading: false, truncated: false, error: null });
  const key = params ? query(params) : null;
  useEffect(() => {
    if (key === null || !params) return;
    let live = true;
    setState({ rows: [], currency: 'EUR', total: null, loading: true, truncated: false, error: null });
    void (async () => {
      let after: string | undefined;
      let rows: T[] = [];
      try {
        do {
          const page: PageAnswer<T> = await api(`${endpoint}${query({ ...params, limit: PAGE, after })}`);
          if (!live) return;
          rows = rows.concat(page.rows);
          after = page.next ?? undefined;
          const truncated = rows.length >= SHOWN_AT_MOST && !!after;
          setState((s) => ({ rows, currency: page.currency, total: page.total ?? s.total, loading: !!after && !truncated, truncated, error: null }));
          if (truncated) return;
        } while (after);
      } catch (e) {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) expired();
        setState((s) => ({ ...s, loading: false, error: e }));
      }
    })();
    return () => {
      live = false;
    };
    // the query string stands for params
  }, [endpoint, key]);
  return state;
}

/** Links for the file downloads of the same report (the server streams CSV). */
export function exportHref(endpoint: string, params: Record<string, string | number | undefined>, format: 'csv' | 'xlsx', lang: string): string {
  return `${endpoint}${query({ ...params, format, lang })}`;
}
