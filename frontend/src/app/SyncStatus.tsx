import { useCancelSync, useSyncSource } from '../api/sources';
import type { SourceView } from '../api/types';
import { Icon } from '../components/Icon';
import { TERMINAL, useSyncProgress } from '../features/sources/hooks/syncStore';
import { timeAgo } from '../lib/format';

/** Sync button, progress bar from sync:progress events and the stale marker. */
export function SyncStatus({ source }: { source: SourceView }) {
  const p = useSyncProgress(source.id);
  const sync = useSyncSource();
  const cancel = useCancelSync();
  const running = (p && !TERMINAL.has(p.phase)) || (!p && source.state === 'syncing');
  const pct = p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : null;
  return (
    <div className="row sync" data-testid="sync-status">
      {running ? (
        <>
          <div className="progress" title={p?.message} role="progressbar" aria-valuenow={pct ?? undefined} aria-valuemin={0} aria-valuemax={100}>
            <div className={`progress-bar ${pct === null ? 'indeterminate' : ''}`} style={pct === null ? undefined : { width: `${pct}%` }} />
          </div>
          <span className="xs muted ellipsis" style={{ maxWidth: 200 }}>
            {p ? `${p.phase}${p.total ? ` ${p.done}/${p.total}` : ''}` : 'syncing'}
          </span>
          <button type="button" className="btn ghost sm" onClick={() => cancel.mutate([source.id])}>Cancel</button>
        </>
      ) : (
        <>
          {source.stale && (
            <span className="pill warn" data-testid="stale-marker" title={source.error || 'The last sync failed'}>
              Stale{source.error ? `: ${source.error.length > 60 ? source.error.slice(0, 60) + '…' : source.error}` : ''}
            </span>
          )}
          <span className="xs muted" title={source.lastSync ? new Date(source.lastSync).toLocaleString() : undefined}>
            synced {timeAgo(source.lastSync)}
          </span>
          <button type="button" className="btn ghost icon sm" title="Sync now" aria-label="Sync now" onClick={() => sync.mutate([source.id])}>
            <Icon name="refresh" />
          </button>
        </>
      )}
    </div>
  );
}
