import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ViewType } from '../../../api/types';
import { formatSort, parseSort, type SortEntry } from '../lib/sort';

/** The runs view's state, kept in the URL so every view is a deep link. */
export function useRunsUrl() {
  const [params, setParams] = useSearchParams();
  const expParam = params.get('exp') ?? '';
  const experimentIds = useMemo(() => expParam.split(',').filter(Boolean), [expParam]);
  const filter = params.get('filter') ?? '';
  const sortRaw = params.getAll('sort').join('\n');
  const sort = useMemo<SortEntry[]>(() => (sortRaw ? sortRaw.split('\n').map(parseSort) : []), [sortRaw]);
  const orderBy = useMemo(() => sort.map(formatSort), [sort]);
  const v = params.get('view');
  const viewType: ViewType = v === 'ALL' || v === 'DELETED_ONLY' ? v : 'ACTIVE_ONLY';
  const cursor = params.get('sel') ?? '';

  const patch = useCallback(
    (changes: Record<string, string | string[] | null>, replace = false) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, val] of Object.entries(changes)) {
            next.delete(k);
            if (Array.isArray(val)) val.forEach((x) => next.append(k, x));
            else if (val) next.set(k, val);
          }
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );

  return {
    experimentIds,
    filter,
    sort,
    orderBy,
    viewType,
    cursor,
    setFilter: (f: string) => patch({ filter: f.trim() || null }),
    setSort: (s: SortEntry[]) => patch({ sort: s.map(formatSort) }),
    setExperiments: (ids: string[]) => patch({ exp: ids.length ? ids.join(',') : null, sel: null }),
    setViewType: (t: ViewType) => patch({ view: t === 'ACTIVE_ONLY' ? null : t }),
    setCursor: (id: string) => patch({ sel: id || null }, true),
  };
}
