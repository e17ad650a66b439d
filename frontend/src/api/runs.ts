import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { sourceScope } from './sources';
import { call } from './transport';
import type { SearchKeys, SearchRunsRequest, SearchRunsResult, ViewType } from './types';

export const PAGE_SIZE = 1000;

/** What identifies one runs listing; the page token is not part of it. */
export interface RunsQuery {
  sourceId: string;
  experimentIds: string[];
  filter: string;
  orderBy: string[];
  viewType: ViewType;
}

export const runKeys = {
  all: (sourceId: string) => [...sourceScope(sourceId), 'runs'] as const,
  search: (q: RunsQuery) =>
    [...runKeys.all(q.sourceId), 'search', { exp: [...q.experimentIds].sort(), filter: q.filter.trim(), orderBy: q.orderBy, view: q.viewType }] as const,
  keys: (sourceId: string, experimentIds: string[]) => [...runKeys.all(sourceId), 'keys', [...experimentIds].sort()] as const,
};

export const searchRuns = (req: SearchRunsRequest) =>
  call<SearchRunsResult>('SearchRuns', req).then((r) => ({ ...r, runs: r.runs ?? [] }));

export const searchKeys = (sourceId: string, experimentIds: string[]) =>
  call<SearchKeys>('SearchKeys', sourceId, experimentIds).then((k) => ({
    metrics: k.metrics ?? [],
    params: k.params ?? [],
    tags: k.tags ?? [],
  }));

export function useRunsSearch(q: RunsQuery, enabled = true) {
  return useInfiniteQuery({
    queryKey: runKeys.search(q),
    queryFn: ({ pageParam }) =>
      searchRuns({ ...q, filter: q.filter.trim(), maxResults: PAGE_SIZE, pageToken: pageParam }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextPageToken || undefined,
    enabled: enabled && !!q.sourceId && q.experimentIds.length > 0,
    placeholderData: keepPreviousData,
    retry: (n, e) => !(e && 'code' in e && e.code === 'INVALID_PARAMETER_VALUE') && n < 2,
  });
}

export function useSearchKeys(sourceId: string, experimentIds: string[]) {
  return useQuery({
    queryKey: runKeys.keys(sourceId, experimentIds),
    queryFn: () => searchKeys(sourceId, experimentIds),
    enabled: !!sourceId && experimentIds.length > 0,
    staleTime: 60_000,
  });
}
