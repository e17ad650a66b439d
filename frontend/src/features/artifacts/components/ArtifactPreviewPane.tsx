import { useArtifactPreview } from '../../../api/artifacts';
import { artifactUrl, withToken } from '../../../api/transport';
import type { ArtifactPreview } from '../../../api/types';
import { Icon } from '../../../components/Icon';
import { ErrorBox, Loading } from '../../../components/States';
import { formatBytes } from '../../../lib/format';
import { MLmodelCardView } from './MLmodelCard';

const MAX_TABLE_ROWS = 500;

export function ArtifactPreviewPane({ sourceId, owner, path }: { sourceId: string; owner: string; path: string }) {
  const q = useArtifactPreview(sourceId, owner, path);
  const download = q.data?.url ? withToken(q.data.url) : artifactUrl(sourceId, owner, path);
  return (
    <div className="card preview" data-testid="artifact-preview">
      <div className="card-h">
        <span className="mono ellipsis grow" title={path}>{path}</span>
        {q.data && <span className="chip">{q.data.kind}</span>}
        {q.data && <span className="xs muted">{formatBytes(q.data.size)}</span>}
        <a className="btn sm" href={download} download={path.split('/').pop()} data-testid="artifact-download">
          <Icon name="download" size={12} /> Download
        </a>
      </div>
      {q.data?.truncated && (
        <div className="alert warn" style={{ margin: '10px 14px 0' }} data-testid="preview-truncated">
          <Icon name="alert" /> Preview truncated —&nbsp;<a href={download} download={path.split('/').pop()}>download the full file</a>
        </div>
      )}
      <div className="preview-b">
        {q.isLoading ? <Loading rows={5} /> : q.isError ? <ErrorBox error={q.error} title="Cannot preview" /> : q.data ? <Body p={q.data} download={download} /> : null}
      </div>
    </div>
  );
}

function Body({ p, download }: { p: ArtifactPreview; download: string }) {
  switch (p.kind) {
    case 'text':
    case 'json':
    case 'yaml':
      return <pre className={`code ${p.kind}`} data-testid="preview-text">{p.text}</pre>;
    case 'csv':
    case 'tsv': {
      const rows = p.table ?? [];
      if (!rows.length) return <pre className="code">{p.text}</pre>;
      const [head, ...body] = rows;
      return (
        <div className="preview-table" data-testid="preview-table">
          <table className="table">
            <thead><tr>{head.map((h, i) => <th key={i}>{h}</th>)}</tr></thead>
            <tbody>
              {body.slice(0, MAX_TABLE_ROWS).map((r, i) => (
                <tr key={i}>{r.map((c, j) => <td key={j} className="mono">{c}</td>)}</tr>
              ))}
            </tbody>
          </table>
          {body.length > MAX_TABLE_ROWS && <div className="xs muted" style={{ padding: 8 }}>Showing {MAX_TABLE_ROWS} of {body.length} rows.</div>}
        </div>
      );
    }
    case 'image':
      return (
        <div className="preview-img">
          <img src={download} alt={p.path} data-testid="preview-image" />
        </div>
      );
    case 'mlmodel':
      return p.mlmodel ? <MLmodelCardView card={p.mlmodel} /> : <pre className="code">{p.text}</pre>;
    case 'empty':
      return <div className="empty">This file is empty.</div>;
    default:
      return (
        <div className="empty">
          <h3>No preview for this file type</h3>
          <a className="btn" href={download} download={p.path.split('/').pop()}><Icon name="download" /> Download ({formatBytes(p.size)})</a>
        </div>
      );
  }
}
