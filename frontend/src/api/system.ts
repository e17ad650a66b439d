import { useQuery } from '@tanstack/react-query';
import { call } from './transport';
import type { BuildInfo } from './types';

export const systemKeys = {
  version: () => ['version'] as const,
};

export const getVersion = () => call<BuildInfo>('Version');

export function useVersion() {
  return useQuery({ queryKey: systemKeys.version(), queryFn: getVersion, staleTime: Infinity, retry: 1 });
}
