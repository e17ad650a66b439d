import { useQuery } from '@tanstack/react-query';
import { sourceScope } from './sources';
import { call } from './transport';
import type { ModelVersion, RegisteredModel } from './types';

export const modelKeys = {
  all: (sourceId: string) => [...sourceScope(sourceId), 'models'] as const,
  list: (sourceId: string) => [...modelKeys.all(sourceId), 'list'] as const,
  versions: (sourceId: string, name: string) => [...modelKeys.all(sourceId), 'versions', name] as const,
};

export const registeredModels = (sourceId: string) =>
  call<RegisteredModel[] | null>('RegisteredModels', sourceId).then((m) => m ?? []);
export const modelVersions = (sourceId: string, name: string) =>
  call<ModelVersion[] | null>('ModelVersions', sourceId, name).then((m) => m ?? []);

export function useRegisteredModels(sourceId: string) {
  return useQuery({ queryKey: modelKeys.list(sourceId), queryFn: () => registeredModels(sourceId), enabled: !!sourceId });
}

export function useModelVersions(sourceId: string, name: string) {
  return useQuery({
    queryKey: modelKeys.versions(sourceId, name),
    queryFn: () => modelVersions(sourceId, name),
    enabled: !!sourceId && !!name,
  });
}
