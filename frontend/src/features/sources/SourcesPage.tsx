import { useState } from 'react';
import { useRemoveSource, useSources, useSyncSource } from '../../api/sources';
import type { SourceView } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { formatTime, timeAgo } from '../../lib/format';
import { useSwitchSource } from '../../app/useSwitchSource';
import { SourceForm } from './components/SourceForm';
import { kindLabel, SourceIcon } from './components/SourceIcon';

export function SourcesPage() {
  const q = useSources();
  const [editing, setEditing] = useState<SourceView | 'new' | null>(null);
  const [removing, setRemoving] = useState<SourceView | null>(null);
  const remove = useRemoveSource();
  const sync = useSyncSource();
  const switchTo = useSwitchSource();
  return (
    <div className="page">
      <div className="page-h">
        <h1>Sources</h1>
        <span className="sub">Where your MLflow data lives: mlruns folders, SQLite stores, tracking servers.</span>
        <div className="grow" />
        <button type="button" className="btn primary" onClick={() => setEditing('new')} data-testid="add-source"><Icon name="plus" /> Add source</button>
      </div>
      <div className="page-b">
        {q.isLoading ? <Loading /> : q.isError ? <ErrorBox error={q.error} title="Cannot list sources" /> : (q.data ?? []).length === 0 ? (
          <Empty title="No sources yet">Add an mlruns folder, an mlflow.db file or a tracking server URL.</Empty>
        ) : (
          <div className="card">
            <table className="table sources-table" data-testid="sources-table">
              <thead><tr><th>Name</th><th>Location</th><th>Last sync</th><th>State</th><th /></tr></thead>
              <tbody>
                {(q.data ?? []).map((s) => (
                  <tr key={s.id} data-testid={`source-row-${s.id}`}>
                    <td>
                      <div className="row">
                        <span className={`src-ic kind-${s.kind}`}><SourceIcon kind={s.kind} /></span>
                        <div className="col" style={{ gap: 0 }}>
                          <button type="button" className="linklike" onClick={() => switchTo(s.id)}><strong>{s.name}</strong></button>
                          <span className="xs muted">{kindLabel(s.kind)}{s.serverVersion ? ` · MLflow ${s.serverVersion}` : ''}{s.hasCredentials ? ' · credentials saved' : ''}</span>
                        </div>
                        {s.current && <span className="pill accent plain">current</span>}
                      </div>
                    </td>
                    <td className="mono small ellipsis" style={{ maxWidth: 360 }} title={s.uri}>{s.uri}</td>
                    <td title={s.lastSync ? formatTime(s.lastSync) : undefined}>{timeAgo(s.lastSync)}</td>
                    <td>
                      {s.state === 'syncing' ? <span className="pill info running">syncing</span> : s.state === 'error' || s.stale ? (
                        <span className="pill warn" title={s.error}>{s.stale ? 'stale' : 'error'}</span>
                      ) : <span className="pill ok">ready</span>}
                      {s.error && <div className="xs err-text" style={{ marginTop: 3, maxWidth: 280 }}>{s.error}</div>}
                    </td>
                    <td className="right" style={{ whiteSpace: 'nowrap' }}>
                      <button type="button" className="btn ghost icon sm" title="Sync now" aria-label={`Sync ${s.name}`} onClick={() => sync.mutate([s.id])}><Icon name="refresh" /></button>
                      <button type="button" className="btn ghost icon sm" title="Edit" aria-label={`Edit ${s.name}`} onClick={() => setEditing(s)}><Icon name="edit" /></button>
                      <button type="button" className="btn ghost icon sm danger" title="Remove" aria-label={`Remove ${s.name}`} onClick={() => setRemoving(s)}><Icon name="trash" /></button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {editing && <SourceForm source={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {removing && (
        <Dialog
          title="Remove source?"
          onClose={() => setRemoving(null)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setRemoving(null)}>Cancel</button>
              <button type="button" className="btn danger solid" data-testid="confirm-remove" onClick={() => remove.mutate([removing.id], { onSuccess: () => setRemoving(null) })}>Remove</button>
            </>
          }
        >
          <p style={{ margin: 0 }}>
            Flowdeck forgets <strong>{removing.name}</strong> and its cached data. The MLflow data at <code>{removing.uri}</code> is not touched.
          </p>
          {remove.isError && <ErrorBox error={remove.error} />}
        </Dialog>
      )}
    </div>
  );
}
