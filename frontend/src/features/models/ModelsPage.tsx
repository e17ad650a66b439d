import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useRegisteredModels } from '../../api/models';
import { Icon } from '../../components/Icon';
import { Markdown } from '../../components/Markdown';
import { StagePill } from '../../components/StatusPill';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { timeAgo } from '../../lib/format';
import { paths } from '../../lib/paths';

export function ModelsPage() {
  const { sid = '' } = useParams();
  const q = useRegisteredModels(sid);
  const [search, setSearch] = useState('');
  const models = useMemo(() => (q.data ?? []).filter((m) => !search || m.name.toLowerCase().includes(search.toLowerCase())), [q.data, search]);
  return (
    <div className="page">
      <div className="page-h">
        <h1>Registered models</h1>
        <span className="sub">{q.data ? `${q.data.length} models` : ''}</span>
      </div>
      <div className="toolbar">
        <div className="search-box">
          <Icon name="search" className="muted" />
          <input className="input" placeholder="Search models" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Search models" />
        </div>
      </div>
      <div className="page-b">
        {q.isLoading ? <Loading /> : q.isError ? <ErrorBox error={q.error} title="Cannot list models" /> : models.length === 0 ? (
          <Empty title="No registered models">Register a model with mlflow.register_model to see it here.</Empty>
        ) : (
          <div className="model-grid" data-testid="models-list">
            {models.map((m) => (
              <Link key={m.name} to={paths.model(sid, m.name)} className="card model-card">
                <div className="row">
                  <Icon name="box" className="accent-ic" />
                  <h3 className="ellipsis grow">{m.name}</h3>
                  <span className="xs muted">{timeAgo(m.last_updated_timestamp)}</span>
                </div>
                <div className="row wrap">
                  {(m.latest_versions ?? []).map((v) => (
                    <span key={v.version} className="row" style={{ gap: 4 }}>
                      <span className="mono xs">v{v.version}</span>
                      <StagePill stage={v.current_stage} />
                    </span>
                  ))}
                  {(m.aliases ?? []).map((a) => <span key={a.alias} className="chip">@{a.alias} → v{a.version}</span>)}
                </div>
                {m.description ? <div className="model-desc"><Markdown text={m.description} /></div> : <div className="muted small">No description</div>}
              </Link>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
