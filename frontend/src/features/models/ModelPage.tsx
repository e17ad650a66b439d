import { Link, useParams } from 'react-router';
import { useModelVersions, useRegisteredModels } from '../../api/models';
import { Markdown } from '../../components/Markdown';
import { StagePill, StatusPill } from '../../components/StatusPill';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { formatTime } from '../../lib/format';
import { paths } from '../../lib/paths';

export function ModelPage() {
  const { sid = '', name = '' } = useParams();
  const models = useRegisteredModels(sid);
  const versions = useModelVersions(sid, name);
  const model = models.data?.find((m) => m.name === name);
  const sorted = [...(versions.data ?? [])].sort((a, b) => Number(b.version) - Number(a.version));
  return (
    <div className="page">
      <div className="page-h">
        <div className="col" style={{ gap: 4 }}>
          <div className="crumbs"><Link to={paths.models(sid)}>Models</Link><span>/</span></div>
          <h1 data-testid="model-title">{name}</h1>
        </div>
        <div className="grow" />
        {/* Promote / alias actions land here in a later release. */}
      </div>
      <div className="page-b col" style={{ gap: 14 }}>
        <section className="card">
          <div className="card-h"><h3>Description</h3>
            {(model?.aliases ?? []).map((a) => <span key={a.alias} className="chip">@{a.alias} → v{a.version}</span>)}
          </div>
          <div className="card-b">{model?.description ? <Markdown text={model.description} /> : <span className="muted">No description</span>}</div>
          {(model?.tags ?? []).length > 0 && (
            <div className="card-b row wrap" style={{ borderTop: '1px solid var(--border)' }}>
              {(model?.tags ?? []).map((t) => <span key={t.key} className="chip">{t.key}={t.value}</span>)}
            </div>
          )}
        </section>
        <section className="card">
          <div className="card-h"><h3>Versions</h3><span className="muted small">{sorted.length}</span></div>
          {versions.isLoading ? <Loading /> : versions.isError ? <div className="card-b"><ErrorBox error={versions.error} /></div> : sorted.length === 0 ? <Empty title="No versions" /> : (
            <table className="table" data-testid="versions-table">
              <thead><tr><th>Version</th><th>Stage</th><th>Aliases</th><th>Status</th><th>Source run</th><th>Tags</th><th>Created</th><th>Description</th></tr></thead>
              <tbody>
                {sorted.map((v) => (
                  <tr key={v.version}>
                    <td className="mono">v{v.version}</td>
                    <td><StagePill stage={v.current_stage} /></td>
                    <td>{(v.aliases ?? []).map((a) => <span key={a} className="chip">@{a}</span>)}</td>
                    <td>{v.status && <StatusPill status={v.status} />}</td>
                    <td>{v.run_id ? <Link className="mono" to={paths.run(sid, v.run_id)}>{v.run_id.slice(0, 8)}</Link> : <span className="muted xs mono">{v.source}</span>}</td>
                    <td>{(v.tags ?? []).map((t) => <span key={t.key} className="chip">{t.key}={t.value}</span>)}</td>
                    <td className="muted">{formatTime(v.creation_timestamp)}</td>
                    <td className="small">{v.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}
