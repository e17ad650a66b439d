import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Empty } from '../../components/States';
import { paths } from '../../lib/paths';

/** Placeholder until the compare view lands: lists the chosen runs. */
export function ComparePage() {
  const { sid = '' } = useParams();
  const [params] = useSearchParams();
  const ids = useMemo(() => (params.get('runs') ?? '').split(',').filter(Boolean), [params]);
  return (
    <div className="page">
      <div className="page-h">
        <h1>Compare</h1>
        <span className="sub">{ids.length} runs selected</span>
      </div>
      <div className="page-b">
        {ids.length === 0 ? (
          <Empty title="No runs selected">Tick runs in the runs table and press “Compare”.</Empty>
        ) : (
          <div className="card">
            <div className="card-h"><h3>Selected runs</h3><span className="muted small">Side-by-side charts are coming in a later release.</span></div>
            <ul className="compare-list" data-testid="compare-list">
              {ids.map((id) => (
                <li key={id}><Link className="mono" to={paths.run(sid, id)}>{id}</Link></li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}
