import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { RunDetail } from '../../../api/types';
import { CopyButton } from '../../../components/CopyButton';
import { Icon } from '../../../components/Icon';
import { Markdown } from '../../../components/Markdown';
import { StatusPill } from '../../../components/StatusPill';
import { formatDuration, formatTime, shortSha } from '../../../lib/format';
import { paths } from '../../../lib/paths';
import { commitUrl, safeHttpUrl } from '../../../lib/url';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children || <span className="muted">—</span>}</dd>
    </>
  );
}

export function Overview({ sourceId, detail }: { sourceId: string; detail: RunDetail }) {
  const { run } = detail;
  const info = run.info;
  const tags = new Map((run.data.tags ?? []).map((t) => [t.key, t.value]));
  const note = tags.get('mlflow.note.content') ?? '';
  const commit = tags.get('mlflow.source.git.commit');
  const repo = tags.get('mlflow.source.git.repoURL');
  const repoHref = safeHttpUrl(repo);
  const commitHref = commitUrl(repo, commit);
  const datasets = run.inputs?.dataset_inputs ?? [];
  const children = detail.children ?? [];

  return (
    <div className="overview">
      <div className="col" style={{ gap: 14, minWidth: 0 }}>
        <section className="card">
          <div className="card-h"><h3>Description</h3></div>
          <div className="card-b" data-testid="run-note">
            {note ? <Markdown text={note} /> : <span className="muted">No description. Set the tag <code>mlflow.note.content</code> to add one.</span>}
          </div>
        </section>
        <section className="card">
          <div className="card-h"><h3>Inputs</h3><span className="muted small">{datasets.length} datasets</span></div>
          {datasets.length === 0 && !(run.inputs?.model_inputs?.length) ? (
            <div className="card-b muted small">No datasets logged with mlflow.log_input.</div>
          ) : (
            <table className="table">
              <thead><tr><th>Dataset</th><th>Context</th><th>Digest</th><th>Source</th></tr></thead>
              <tbody>
                {datasets.map((di, i) => (
                  <tr key={`${di.dataset.name}-${di.dataset.digest}-${i}`}>
                    <td>{di.dataset.name}</td>
                    <td>{di.tags?.find((t) => t.key === 'mlflow.data.context')?.value ?? ''}</td>
                    <td className="mono">{di.dataset.digest}</td>
                    <td className="mono ellipsis" style={{ maxWidth: 320 }} title={di.dataset.source}>{di.dataset.source_type}</td>
                  </tr>
                ))}
                {(run.inputs?.model_inputs ?? []).map((m) => (
                  <tr key={m.model_id}><td>model input</td><td /><td className="mono">{m.model_id}</td><td /></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        {children.length > 0 && (
          <section className="card">
            <div className="card-h"><h3>Child runs</h3><span className="muted small">{children.length}</span></div>
            <table className="table">
              <tbody>
                {children.map((c) => (
                  <tr key={c.run_id}>
                    <td><Link to={paths.run(sourceId, c.run_id)}>{c.run_name || c.run_id}</Link></td>
                    <td><StatusPill status={c.status} /></td>
                    <td className="muted">{formatDuration(c.start_time, c.end_time)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
      <aside className="card">
        <div className="card-h"><h3>Details</h3></div>
        <dl className="kv card-b">
          <Item label="Status"><StatusPill status={info.status} /></Item>
          <Item label="Run ID">
            <span className="row" style={{ gap: 2 }}>
              <span className="mono ellipsis" data-testid="run-id">{info.run_id}</span>
              <CopyButton text={info.run_id} label="Copy run ID" />
            </span>
          </Item>
          <Item label="Experiment"><Link to={paths.runs(sourceId, [info.experiment_id])}>{detail.experiment.name || info.experiment_id}</Link></Item>
          <Item label="Started">{formatTime(info.start_time)}</Item>
          <Item label="Ended">{info.end_time ? formatTime(info.end_time) : info.status === 'RUNNING' ? <span className="muted">running…</span> : ''}</Item>
          <Item label="Duration">{formatDuration(info.start_time, info.end_time)}</Item>
          <Item label="User">{info.user_id}</Item>
          <Item label="Source">
            {tags.get('mlflow.source.name') && (
              <span className="mono ellipsis" title={tags.get('mlflow.source.name')}>{tags.get('mlflow.source.name')}</span>
            )}
            {tags.get('mlflow.source.type') && <span className="chip" style={{ marginLeft: 6 }}>{tags.get('mlflow.source.type')}</span>}
          </Item>
          <Item label="Commit">
            {commit &&
              (commitHref ? (
                <a className="mono" href={commitHref} target="_blank" rel="noopener noreferrer" title={commit}>
                  <Icon name="git" size={12} /> {shortSha(commit)}
                </a>
              ) : (
                <span className="mono" title={commit}>{shortSha(commit)}</span>
              ))}
          </Item>
          <Item label="Branch">{tags.get('mlflow.source.git.branch') && <span className="chip"><Icon name="branch" size={11} /> {tags.get('mlflow.source.git.branch')}</span>}</Item>
          <Item label="Repository">
            {repo &&
              (repoHref ? (
                <a href={repoHref} target="_blank" rel="noopener noreferrer" className="ellipsis">
                  {repo} <Icon name="external" size={11} />
                </a>
              ) : (
                <span className="mono ellipsis">{repo}</span>
              ))}
          </Item>
          <Item label="Parent">{detail.parent && <Link to={paths.run(sourceId, detail.parent.run_id)}>{detail.parent.run_name || detail.parent.run_id}</Link>}</Item>
          <Item label="Artifacts"><span className="mono xs ellipsis" title={info.artifact_uri}>{info.artifact_uri}</span></Item>
        </dl>
      </aside>
    </div>
  );
}
