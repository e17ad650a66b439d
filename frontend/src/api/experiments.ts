import { useQuery } from '@tanstack/react-query';
import { sourceScope } from './sources';
import { call } from './transport';
import type { ExperimentView, ViewType } from './types';

export const experimentKeys = {
  all: (sourceId: string) => [...sourceScope(sourceId), 'experiments'] as const,
  list: (sourceId: string, viewType: ViewType) => [...experimentKeys.all(sourceId), viewType] as const,
};

export const listExperiments = (sourceId: string, viewType: ViewType) =>
  call<ExperimentView[] | null>('ListExperiments', sourceId, viewType).then((e) => e ?? []);

export function useExperiments(sourceId: string | undefined, viewType: ViewType = 'ACTIVE_ONLY') {
  return useQuery({
    queryKey: experimentKeys.list(sourceId ?? '', viewType),
    queryFn: () => listExperiments(sourceId ?? '', viewType),
    enabled: !!sourceId,
  });
}
