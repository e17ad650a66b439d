import { useSyncExternalStore } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { onEvent } from '../../../api/events';
import { sourceKeys, sourceScope } from '../../../api/sources';
import type { SyncProgress } from '../../../api/types';

const latest = new Map<string, SyncProgress>();
const listeners = new Set<() => void>();

export const TERMINAL = new Set(['done', 'error', 'cancelled']);

export function pushProgress(p: SyncProgress): void {
  latest.set(p.sourceId, p);
  listeners.forEach((l) => l());
}

/** Listens to the backend's sync and source events for the app's lifetime. */
export function startSyncEvents(qc: QueryClient): () => void {
  const offProgress = onEvent<SyncProgress>('sync:progress', (p) => {
    if (!p || typeof p.sourceId !== 'string') return;
    const before = latest.get(p.sourceId);
    pushProgress(p);
    if (TERMINAL.has(p.phase)) {
      void qc.invalidateQueries({ queryKey: sourceKeys.all() });
      if (p.phase === 'done') void qc.invalidateQueries({ queryKey: sourceScope(p.sourceId) });
    } else if (!before || TERMINAL.has(before.phase)) {
      void qc.invalidateQueries({ queryKey: sourceKeys.all() });
    }
  });
  const offChanged = onEvent('sources:changed', () => void qc.invalidateQueries({ queryKey: sourceKeys.all() }));
  return () => {
    offProgress();
    offChanged();
  };
}

const subscribe = (cb: () => void) => {
  listeners.add(cb);
  return () => listeners.delete(cb);
};

/** The last progress event of a source's sync, if any arrived. */
export function useSyncProgress(sourceId: string | undefined): SyncProgress | undefined {
  return useSyncExternalStore(subscribe, () => (sourceId ? latest.get(sourceId) : undefined));
}
