import type { MLmodelCard, SignatureColumn } from '../../../api/types';
import { formatTime } from '../../../lib/format';

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function colType(c: SignatureColumn): string {
  if (c.type === 'tensor' && c['tensor-spec'] && typeof c['tensor-spec'] === 'object') {
    const ts = c['tensor-spec'] as { dtype?: string; shape?: unknown };
    return `tensor ${ts.dtype ?? ''} ${show(ts.shape)}`.trim();
  }
  if (c.type === 'array' && c.items) return `array<${show((c.items as { type?: string }).type ?? c.items)}>`;
  return c.type ?? show(c);
}

function SigTable({ title, cols, params }: { title: string; cols: SignatureColumn[]; params?: boolean }) {
  return (
    <div className="sig">
      <div className="label" style={{ marginBottom: 4 }}>{title}</div>
      {cols.length === 0 ? (
        <div className="muted small">none</div>
      ) : (
        <table className="table">
          <thead><tr><th>Name</th><th>Type</th><th>{params ? 'Default' : 'Required'}</th></tr></thead>
          <tbody>
            {cols.map((c, i) => (
              <tr key={`${c.name ?? i}`}>
                <td className="key">{c.name ?? <span className="muted">(unnamed)</span>}</td>
                <td className="mono">{colType(c)}</td>
                <td>{params ? <span className="mono">{show(c.default)}</span> : c.required === false ? <span className="muted">optional</span> : 'required'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A readable card for an MLmodel file: flavors, signature, input example. */
export function MLmodelCardView({ card }: { card: MLmodelCard }) {
  const flavors = Object.entries(card.flavors ?? {});
  const sig = card.signature;
  const created = card.utc_time_created ? Date.parse(card.utc_time_created.replace(' ', 'T') + (card.utc_time_created.endsWith('Z') ? '' : 'Z')) : 0;
  return (
    <div className="mlmodel" data-testid="mlmodel-card">
      <div className="mlmodel-meta">
        {card.mlflow_version && <span className="chip">mlflow {card.mlflow_version}</span>}
        {card.model_id && <span className="chip">{card.model_id}</span>}
        {card.run_id && <span className="chip">run {card.run_id.slice(0, 8)}</span>}
        {created ? <span className="xs muted">created {formatTime(created)} UTC</span> : null}
      </div>
      <div className="label">Flavors</div>
      <div className="flavors">
        {flavors.map(([name, conf]) => (
          <div key={name} className="flavor">
            <div className="flavor-name">{name}</div>
            <dl className="kv tight">
              {Object.entries(conf ?? {}).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt>{k}</dt>
                  <dd className="mono">{show(v)}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
      {sig ? (
        <div className="sigs">
          <SigTable title="Inputs" cols={sig.inputs ?? []} />
          <SigTable title="Outputs" cols={sig.outputs ?? []} />
          {sig.params && sig.params.length > 0 && <SigTable title="Params" cols={sig.params} params />}
        </div>
      ) : (
        <div className="muted small">No signature logged.</div>
      )}
      {card.input_example && (
        <>
          <div className="label">Input example</div>
          <pre className="code">{card.input_example}</pre>
        </>
      )}
    </div>
  );
}
