import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMetricPlot } from '../../../api/run';
import type { MetricSummary, RunDetail } from '../../../api/types';
import { Icon } from '../../../components/Icon';
import { Empty, ErrorBox } from '../../../components/States';
import { SvgImage } from '../../../components/SvgImage';
import { formatValue, rawValue } from '../../../lib/format';
import { useTheme } from '../../../lib/theme';

type XAxis = 'step' | 'time' | 'relative';

/** Metrics table; ticked metrics get a chart rendered by the backend. */
export function MetricsTab({ sourceId, detail }: { sourceId: string; detail: RunDetail }) {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [xAxis, setXAxis] = useState<XAxis>('step');
  const [logY, setLogY] = useState(false);
  const metrics = useMemo(() => [...(detail.metrics ?? [])].sort((a, b) => a.key.localeCompare(b.key)), [detail.metrics]);
  const chosenRaw = params.get('m');
  // Default: chart the first few metrics that have a history.
  const chosen = useMemo(() => {
    if (chosenRaw !== null) return chosenRaw.split(',').filter(Boolean);
    return metrics.filter((m) => m.count > 1).slice(0, 4).map((m) => m.key);
  }, [chosenRaw, metrics]);
  const setChosen = (keys: string[]) => {
    const next = new URLSearchParams(params);
    next.set('m', keys.join(','));
    setParams(next, { replace: true });
  };
  const shown = metrics.filter((m) => !q || m.key.toLowerCase().includes(q.toLowerCase()));

  if (metrics.length === 0) return <Empty title="No metrics logged" />;
  return (
    <div className="col" style={{ gap: 14 }}>
      {chosen.length > 0 && (
        <>
          <div className="row">
            <h3>Charts</h3>
            <div className="grow" />
            <div className="seg" role="group" aria-label="X axis">
              {(['step', 'time', 'relative'] as XAxis[]).map((x) => (
                <button type="button" key={x} className={xAxis === x ? 'on' : ''} onClick={() => setXAxis(x)}>{x}</button>
              ))}
            </div>
            <label className="check"><input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} /> log y</label>
          </div>
          <div className="charts">
            {chosen.map((k) => (
              <MetricChart key={k} sourceId={sourceId} runId={detail.run.info.run_id} metric={k} xAxis={xAxis} logY={logY} onRemove={() => setChosen(chosen.filter((c) => c !== k))} />
            ))}
          </div>
        </>
      )}
      <div className="row">
        <div className="search-box">
          <Icon name="search" className="muted" />
          <input className="input" placeholder="Search metrics" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search metrics" />
        </div>
        <span className="muted small">Tick a metric to chart it.</span>
      </div>
      <div className="card">
        <table className="table" data-testid="metrics-table">
          <thead>
            <tr>
              <th style={{ width: 32 }} />
              <th>Metric</th>
              <th className="num">Last</th>
              <th className="num">Min</th>
              <th className="num">Max</th>
              <th className="num">Step</th>
              <th className="num">Points</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((m: MetricSummary) => (
              <tr key={m.key}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Chart ${m.key}`}
                    checked={chosen.includes(m.key)}
                    onChange={() => setChosen(chosen.includes(m.key) ? chosen.filter((c) => c !== m.key) : [...chosen, m.key])}
                  />
                </td>
                <td className="key">{m.key}</td>
                <td className="num mono" title={rawValue(m.value)}>{formatValue(m.value)}</td>
                <td className="num mono" title={rawValue(m.min)}>{formatValue(m.min)}</td>
                <td className="num mono" title={rawValue(m.max)}>{formatValue(m.max)}</td>
                <td className="num mono">{m.step}</td>
                <td className="num mono muted">{m.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function MetricChart({ sourceId, runId, metric, xAxis, logY, onRemove }: { sourceId: string; runId: string; metric: string; xAxis: XAxis; logY: boolean; onRemove(): void }) {
  const { dark } = useTheme();
  const plot = useMetricPlot({ sourceId, runIds: [runId], keys: [metric], xAxis, logY, smooth: 0, width: 460, height: 240, dark });
  return (
    <figure className="card chart" data-testid={`chart-${metric}`}>
      <figcaption className="card-h">
        <span className="mono ellipsis grow">{metric}</span>
        <button type="button" className="btn ghost icon sm" aria-label={`Hide chart ${metric}`} onClick={onRemove}><Icon name="x" size={12} /></button>
      </figcaption>
      <div className="chart-body">
        {plot.isLoading ? <div className="skeleton" style={{ height: 200 }} /> : plot.isError ? <ErrorBox error={plot.error} /> : plot.data ? <SvgImage svg={plot.data} alt={`${metric} over ${xAxis}`} /> : null}
      </div>
    </figure>
  );
}
