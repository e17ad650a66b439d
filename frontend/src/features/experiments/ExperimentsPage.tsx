import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useExperiments } from '../../api/experiments';
import { Icon } from '../../components/Icon';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { formatCount, formatTime, timeAgo } from '../../lib/format';
import { paths } from '../../lib/paths';

export function ExperimentsPage() {
  const { sid = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const showDeleted = params.get('deleted') === '1';
  const navigate = useNavigate();
  const exps = useExperiments(sid, showDeleted ? 'ALL' : 'ACTIVE_ONLY');
  const rows = useMemo(() => {
    const n = q.trim().toLowerCase();
    return (exps.data ?? [])
      .filter((e) => !n || e.name.toLowerCase().includes(n) || e.experiment_id === n)
      .sort((a, b) => (b.lastActivity || 0) - (a.lastActivity || 0));
  }, [exps.data, q]);

  const update = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <div className="page-h">
        <h1>Experiments</h1>
        <span className="sub">{exps.data ? `${rows.length} of ${exps.data.length}` : ''}</span>
      </div>
      <div className="toolbar">
        <div className="search-box">
          <Icon name="search" className="muted" />
          <input className="input" placeholder="Search experiments by name" value={q} onChange={(e) => update('q', e.target.value)} aria-label="Search experiments" />
        </div>
        <label className="check">
          <input type="checkbox" checked={showDeleted} onChange={(e) => update('deleted', e.target.checked ? '1' : '')} /> Show deleted
        </label>
        <div className="grow" />
        <Link className="btn" to={paths.runs(sid)}>All runs</Link>
      </div>
      <div className="page-b">
        {exps.isLoading ? (
          <Loading />
        ) : exps.isError ? (
          <ErrorBox error={exps.error} title="Cannot list experiments" />
        ) : rows.length === 0 ? (
          <Empty title={q ? 'No experiment matches' : 'No experiments yet'}>{q ? 'Try another name.' : 'Sync the source or log a run with MLflow.'}</Empty>
        ) : (
          <div className="card">
            <table className="table exp-table" data-testid="experiments-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th className="num">Runs</th>
                  <th>Last activity</th>
                  <th>Created</th>
                  <th>ID</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.experiment_id} className="clickable" onClick={() => navigate(paths.runs(sid, [e.experiment_id]))}>
                    <td>
                      <Link to={paths.runs(sid, [e.experiment_id])} className="exp-name" onClick={(ev) => ev.stopPropagation()}>
                        <Icon name="flask" className="muted" /> {e.name}
                      </Link>
                      {e.lifecycle_stage === 'deleted' && <span className="pill err plain" style={{ marginLeft: 8 }}>deleted</span>}
                    </td>
                    <td className="num">{formatCount(e.runCount)}</td>
                    <td title={formatTime(e.lastActivity)}>{timeAgo(e.lastActivity)}</td>
                    <td className="muted">{formatTime(e.creation_time).slice(0, 10)}</td>
                    <td className="mono muted">{e.experiment_id}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}
