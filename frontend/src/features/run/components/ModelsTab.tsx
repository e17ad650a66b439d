import { useState } from 'react';
import { Link } from 'react-router';
import type { RunDetail } from '../../../api/types';
import { StagePill } from '../../../components/StatusPill';
import { Empty } from '../../../components/States';
import { formatTime } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { ArtifactBrowser } from '../../artifacts/ArtifactBrowser';

/** Logged models (MLflow 3), model dirs among the artifacts (2.x) and registry versions. */
export function ModelsTab({ sourceId, detail }: { sourceId: string; detail: RunDetail }) {
  const logged = detail.loggedModels ?? [];
  const dirs = detail.modelArtifacts ?? [];
  const versions = detail.modelVersions ?? [];
  const [open, setOpen] = useState('');
  const runId = detail.run.info.run_id;
  if (!logged.length && !dirs.length && !versions.length) return <Empty title="No models">This run logged no model.</Empty>;
  return (
    <div className="col" style={{ gap: 14 }}>
      {logged.length > 0 && (
        <section className="card">
          <div className="card-h"><h3>Logged models</h3><span className="muted small">{logged.length}</span></div>
          <table className="table" data-testid="logged-models">
            <thead><tr><th>Name</th><th>Model ID</th><th>Type</th><th>Status</th><th>Created</th><th /></tr></thead>
            <tbody>
              {logged.map((m) => (
                <tr key={m.info.model_id}>
                  <td>{m.info.name}</td>
                  <td className="mono">{m.info.model_id}</td>
                  <td>{m.info.model_type}</td>
                  <td className="xs muted">{(m.info.status ?? '').replace('LOGGED_MODEL_', '')}</td>
                  <td className="muted">{formatTime(m.info.creation_timestamp_ms)}</td>
                  <td><button type="button" className="btn sm" onClick={() => setOpen(open === m.info.model_id ? '' : m.info.model_id)}>{open === m.info.model_id ? 'Hide files' : 'Files'}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
          {open && (
            <div className="card-b" style={{ borderTop: '1px solid var(--border)' }}>
              <ArtifactBrowser sourceId={sourceId} owner={open} compact />
            </div>
          )}
        </section>
      )}
      {dirs.length > 0 && (
        <section className="card">
          <div className="card-h"><h3>Model artifacts</h3></div>
          <ul className="plain-list card-b">
            {dirs.map((d) => (
              <li key={d}><Link className="mono" to={paths.run(sourceId, runId, 'artifacts', `${d.replace(/\/$/, '')}/MLmodel`)}>{d}</Link></li>
            ))}
          </ul>
        </section>
      )}
      {versions.length > 0 && (
        <section className="card">
          <div className="card-h"><h3>Registered versions</h3></div>
          <table className="table">
            <thead><tr><th>Model</th><th>Version</th><th>Stage</th><th>Aliases</th></tr></thead>
            <tbody>
              {versions.map((v) => (
                <tr key={`${v.name}/${v.version}`}>
                  <td><Link to={paths.model(sourceId, v.name)}>{v.name}</Link></td>
                  <td className="mono">v{v.version}</td>
                  <td><StagePill stage={v.current_stage} /></td>
                  <td>{(v.aliases ?? []).map((a) => <span key={a} className="chip">@{a}</span>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
