import { useQuery } from '@tanstack/react-query';
import { sourceScope } from './sources';
import { call } from './transport';
import type { Metric, PlotRequest, RunDetail } from './types';

export const runDetailKeys = {
  all: (sourceId: string) => [...sourceScope(sourceId), 'run'] as const,
  detail: (sourceId: string, runId: string) => [...runDetailKeys.all(sourceId), runId] as const,
  history: (sourceId: string, runId: string, key: string) => [...runDetailKeys.detail(sourceId, runId), 'history', key] as const,
  plot: (req: PlotRequest) => [...sourceScope(req.sourceId), 'plot', req] as const,
};

export const getRun = (sourceId: string, runId: string) => call<RunDetail>('GetRun', sourceId, runId);
export const metricHistory = (sourceId: string, runId: string, key: string) =>
  call<Metric[] | null>('MetricHistory', sourceId, runId, key).then((m) => m ?? []);
export const metricPlot = (req: PlotRequest) => call<string>('MetricPlot', req);

export function useRun(sourceId: string, runId: string) {
  return useQuery({
    queryKey: runDetailKeys.detail(sourceId, runId),
    queryFn: () => getRun(sourceId, runId),
    enabled: !!sourceId && !!runId,
  });
}

export function useMetricHistory(sourceId: string, runId: string, key: string, enabled = true) {
  return useQuery({
    queryKey: runDetailKeys.history(sourceId, runId, key),
    queryFn: () => metricHistory(sourceId, runId, key),
    enabled: enabled && !!key,
  });
}

export function useMetricPlot(req: PlotRequest, enabled = true) {
  return useQuery({
    queryKey: runDetailKeys.plot(req),
    queryFn: () => metricPlot(req),
    enabled: enabled && req.keys.length > 0 && req.runIds.length > 0,
    staleTime: 30_000,
  });
}
