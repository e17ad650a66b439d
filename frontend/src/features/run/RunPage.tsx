import { Link, NavLink, useParams } from 'react-router';
import { useRun } from '../../api/run';
import { StatusPill } from '../../components/StatusPill';
import { ErrorBox, Loading } from '../../components/States';
import { paths, RUN_TABS, type RunTab } from '../../lib/paths';
import { ArtifactBrowser } from '../artifacts/ArtifactBrowser';
import { MetricsTab } from './components/MetricsTab';
import { ModelsTab } from './components/ModelsTab';
import { Overview } from './components/Overview';
import { ParamsTab } from './components/ParamsTab';
import { TagsTab } from './components/TagsTab';

const LABELS: Record<RunTab, string> = { overview: 'Overview', metrics: 'Metrics', params: 'Params', tags: 'Tags', artifacts: 'Artifacts', models: 'Models' };

export function RunPage() {
  const { sid = '', runId = '', tab: rawTab } = useParams();
  const tab: RunTab = RUN_TABS.includes(rawTab as RunTab) ? (rawTab as RunTab) : 'overview';
  const q = useRun(sid, runId);
  const d = q.data;
  const name = d ? d.run.info.run_name || runId : runId;
  const counts: Partial<Record<RunTab, number>> = d
    ? {
        metrics: d.metrics?.length ?? 0,
        params: d.run.data.params?.length ?? 0,
        tags: (d.run.data.tags ?? []).filter((t) => !t.key.startsWith('mlflow.')).length,
        models: (d.loggedModels?.length ?? 0) + (d.modelArtifacts?.length ?? 0),
      }
    : {};

  return (
    <div className="page">
      <div className="page-h run-h">
        <div className="col" style={{ gap: 4, minWidth: 0 }}>
          <div className="crumbs">
            <Link to={paths.experiments(sid)}>Experiments</Link>
            <span>/</span>
            {d ? <Link to={paths.runs(sid, [d.run.info.experiment_id])}>{d.experiment.name || d.run.info.experiment_id}</Link> : <span>…</span>}
            {d?.parent && (
              <>
                <span>/</span>
                <Link to={paths.run(sid, d.parent.run_id)}>{d.parent.run_name || d.parent.run_id.slice(0, 8)}</Link>
              </>
            )}
          </div>
          <div className="row">
            <h1 className="ellipsis" data-testid="run-title">{name}</h1>
            {d && <StatusPill status={d.run.info.status} />}
            {d?.run.info.lifecycle_stage === 'deleted' && <span className="pill err plain">deleted</span>}
          </div>
        </div>
      </div>
      <nav className="tabs" aria-label="Run sections">
        {RUN_TABS.map((t) => (
          <NavLink key={t} to={paths.run(sid, runId, t)} end className={() => `tab ${t === tab ? 'active' : ''}`} data-testid={`tab-${t}`}>
            {LABELS[t]}
            {counts[t] ? <span className="count">{counts[t]}</span> : null}
          </NavLink>
        ))}
      </nav>
      <div className="page-b run-body">
        {q.isLoading ? (
          <Loading />
        ) : q.isError ? (
          <ErrorBox error={q.error} title="Cannot load this run" />
        ) : d ? (
          <>
            {tab === 'overview' && <Overview sourceId={sid} detail={d} />}
            {tab === 'metrics' && <MetricsTab sourceId={sid} detail={d} />}
            {tab === 'params' && <ParamsTab params={d.run.data.params ?? []} />}
            {tab === 'tags' && <TagsTab tags={d.run.data.tags ?? []} />}
            {tab === 'artifacts' && <ArtifactBrowser sourceId={sid} owner={runId} linkFor={(p) => paths.run(sid, runId, 'artifacts', p)} />}
            {tab === 'models' && <ModelsTab sourceId={sid} detail={d} />}
          </>
        ) : null}
      </div>
    </div>
  );
}
