import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from './transport';
import type { SourceInput, SourceView, TestResult } from './types';

export const sourceKeys = {
  all: () => ['sources'] as const,
  list: () => [...sourceKeys.all(), 'list'] as const,
};

/** Every query that reads one source's data starts with this key. */
export const sourceScope = (sourceId: string) => ['src', sourceId] as const;

export const listSources = () => call<SourceView[] | null>('ListSources').then((s) => s ?? []);
export const addSource = (input: SourceInput) => call<SourceView>('AddSource', input);
export const updateSource = (id: string, input: SourceInput) => call<SourceView>('UpdateSource', id, input);
export const removeSource = (id: string) => call<null>('RemoveSource', id);
export const testSource = (input: SourceInput) => call<TestResult>('TestSource', input);
export const selectSource = (id: string) => call<null>('SelectSource', id);
export const syncSource = (id: string) => call<null>('SyncSource', id);
export const cancelSync = (id: string) => call<null>('CancelSync', id);
export const pickPath = (kind: 'folder' | 'file') => call<string>('PickPath', kind);

export function useSources() {
  return useQuery({ queryKey: sourceKeys.list(), queryFn: listSources });
}

function useSourcesMutation<A extends unknown[], R>(fn: (...a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (args: A) => fn(...args),
    onSuccess: () => qc.invalidateQueries({ queryKey: sourceKeys.all() }),
  });
}

export const useAddSource = () => useSourcesMutation((input: SourceInput) => addSource(input));
export const useUpdateSource = () => useSourcesMutation((id: string, input: SourceInput) => updateSource(id, input));
export const useRemoveSource = () => useSourcesMutation((id: string) => removeSource(id));
export const useSelectSource = () => useSourcesMutation((id: string) => selectSource(id));
export const useSyncSource = () => useSourcesMutation((id: string) => syncSource(id));
export const useCancelSync = () => useSourcesMutation((id: string) => cancelSync(id));
export const useTestSource = () => useMutation({ mutationFn: (input: SourceInput) => testSource(input) });
