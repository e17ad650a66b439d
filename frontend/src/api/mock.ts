/* Dev-only backend with realistic sample data (enabled by ?mock=1 in dev). */
import { ApiError } from './errors';
import { memoryEvents, setEventSource } from './events';
import { setTransport, type Transport } from './transport';
import type {
  ArtifactPreview, ExperimentView, FileInfo, Metric, MetricSummary, ModelVersion, PlotRequest, RegisteredModel,
  RunDetail, RunRow, SearchRunsRequest, SourceInput, SourceView,
} from './types';

const NOW = Date.now();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}
const hex = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');

const sources: SourceView[] = [
  { id: 'local', name: 'churn · local mlruns', uri: '/home/ana/projects/churn/mlruns', kind: 'file', hasCredentials: false, insecureTLS: false, lastSync: NOW - 4 * MIN, state: 'idle', error: '', stale: false, serverVersion: '', current: true },
  { id: 'sqlite', name: 'mlflow.db (laptop)', uri: 'sqlite:////home/ana/mlflow.db', kind: 'sqlite', hasCredentials: false, insecureTLS: false, lastSync: NOW - 2 * HOUR, state: 'idle', error: '', stale: false, serverVersion: '', current: false },
  { id: 'team', name: 'Team tracking server', uri: 'https://mlflow.acme.internal', kind: 'rest', hasCredentials: true, insecureTLS: false, lastSync: NOW - 3 * DAY, state: 'error', error: 'GET /api/2.0/mlflow/runs/search: 503 Service Unavailable', stale: true, serverVersion: '2.22.1', current: false },
];

interface ExpSpec { id: string; name: string; runs: number; deleted?: boolean }
const EXP_SPECS: Record<string, ExpSpec[]> = {
  local: [
    { id: '0', name: 'Default', runs: 0 },
    { id: '1', name: 'churn-classifier', runs: 64 },
    { id: '2', name: 'house-price-regression', runs: 38 },
    { id: '3', name: 'hparam-sweep-10k', runs: 10000 },
    { id: '4', name: 'scratch-to-delete', runs: 1, deleted: true },
  ],
  sqlite: [
    { id: '1', name: 'llm-finetune', runs: 22 },
    { id: '2', name: '<b>hostile</b> "experiment" =cmd', runs: 6 },
  ],
  team: [{ id: '7', name: 'prod-recsys', runs: 120 }],
};

const USERS = ['alice', 'bob', 'carol'];
const MODELS = ['logreg', 'rf', 'xgboost', 'mlp'];
const NOTE = `### Baseline with class weights

Trained on **2024-Q3** snapshot. Uses \`class_weight="balanced"\`.

- early stopping after 5 epochs
- see [dashboard](https://example.com/dash)

| split | rows |
|---|---|
| train | 120,431 |
| val | 30,108 |
`;
const HOSTILE_NOTE = `Hostile note <script>alert(1)</script> and <img src=x onerror=alert(1)> and [click](javascript:alert(1))`;

const runsCache = new Map<string, RunRow[]>();

function genRuns(sid: string, spec: ExpSpec): RunRow[] {
  const key = `${sid}/${spec.id}`;
  const hit = runsCache.get(key);
  if (hit) return hit;
  const r = rng(Number(spec.id) * 7919 + sid.length * 131);
  const out: RunRow[] = [];
  const hostile = spec.name.includes('hostile');
  for (let i = 0; i < spec.runs; i++) {
    const id = hex(r, 32);
    const start = NOW - Math.floor(r() * 40 * DAY) - i * MIN;
    const dur = Math.floor(20_000 + r() * 3 * HOUR);
    const st = r();
    const status = i === 2 ? 'RUNNING' : st < 0.07 ? 'FAILED' : st < 0.1 ? 'KILLED' : 'FINISHED';
    const model = MODELS[Math.floor(r() * MODELS.length)];
    const lr = [0.1, 0.03, 0.01, 0.003, 0.001][Math.floor(r() * 5)];
    const base = 0.25 + r() * 0.5;
    const val = base * (0.6 + r() * 0.3);
    const acc = Math.min(0.995, 1 - val / 2 + r() * 0.05);
    const metric = (k: string, v: number, min: number, max: number, step: number, count: number): MetricSummary => ({ key: k, value: v, timestamp: start + dur, step, min, max, count });
    const metrics: MetricSummary[] = [
      metric('train_loss', base * 0.5, base * 0.48, base * 2.2, 99, 100),
      metric('val_loss', val, val * 0.97, base * 2, 19, 20),
      metric('val_acc', acc, 0.5, acc, 19, 20),
      metric('learning_rate', lr / 10, lr / 10, lr, 99, 100),
      metric('f1/macro', acc - 0.04, acc - 0.2, acc - 0.04, 19, 20),
    ];
    if (i === 5) metrics.push({ key: 'grad_norm', value: 'NaN', timestamp: start, step: 3, min: 'NaN', max: 'Infinity', count: 4 });
    const name = hostile && i === 0 ? '<img src=x onerror=alert(1)>' : `${model}-${['C', 'lr', 'n'][i % 3]}${Math.round(lr * 1000)}-${i}`;
    const tags: Record<string, string> = {
      'mlflow.runName': name,
      'mlflow.user': USERS[i % 3],
      'mlflow.source.name': i % 4 === 0 ? 'notebooks/explore.ipynb' : 'src/train.py',
      'mlflow.source.type': i % 4 === 0 ? 'NOTEBOOK' : 'LOCAL',
      'mlflow.source.git.commit': hex(r, 40),
      'mlflow.source.git.branch': i % 5 === 0 ? 'feature/tuning' : 'main',
      'mlflow.source.git.repoURL': 'git@github.com:acme/churn.git',
      team: ['growth', 'risk'][i % 2],
      dataset: i % 3 === 0 ? 'snapshot-2024-09' : 'snapshot-2024-10',
    };
    if (i % 7 === 0) tags['mlflow.note.content'] = NOTE;
    if (hostile) {
      tags['mlflow.note.content'] = HOSTILE_NOTE;
      tags.formula = '=HYPERLINK("http://evil.example","click")';
      tags.comment = '"quoted", with comma\nand newline';
    }
    out.push({
      info: { run_uuid: id, run_id: id, experiment_id: spec.id, run_name: name, user_id: USERS[i % 3], status, start_time: start, end_time: status === 'RUNNING' ? undefined : start + dur, artifact_uri: `file:///home/ana/projects/churn/mlruns/${spec.id}/${id}/artifacts`, lifecycle_stage: spec.deleted ? 'deleted' : 'active' },
      params: { model, lr: String(lr), C: String([0.1, 1, 10][i % 3]), n_estimators: String([10, 50, 100][i % 3]), 'optimizer/lr': String(lr), 'nested/key/path': 'a/b', empty: '', long_value: 'x'.repeat(40) },
      tags,
      metrics,
      parentRunId: '',
    });
  }
  // A sweep parent with children, and the children nested under it.
  if (out.length > 12) {
    const parent = out[3];
    parent.info.run_name = 'rf-sweep';
    for (const c of [4, 5, 6]) {
      out[c].parentRunId = parent.info.run_id;
      out[c].tags!['mlflow.parentRunId'] = parent.info.run_id;
      out[c].info.run_name = `rf-n${[10, 50, 100][c - 4]}`;
    }
  }
  runsCache.set(key, out);
  return out;
}

function experiments(sid: string): ExperimentView[] {
  return (EXP_SPECS[sid] ?? []).map((e) => {
    const runs = genRuns(sid, e);
    const last = runs.reduce((m, r) => Math.max(m, r.info.end_time ?? r.info.start_time ?? 0), 0);
    return { experiment_id: e.id, name: e.name, lifecycle_stage: e.deleted ? 'deleted' : 'active', creation_time: NOW - 60 * DAY, last_update_time: NOW - DAY, runCount: runs.length, lastActivity: last || NOW - 30 * DAY };
  });
}

function allRuns(sid: string): RunRow[] {
  return (EXP_SPECS[sid] ?? []).flatMap((e) => genRuns(sid, e));
}

function findRun(sid: string, runId: string): RunRow {
  const r = allRuns(sid).find((x) => x.info.run_id === runId);
  if (!r) throw new ApiError('RESOURCE_DOES_NOT_EXIST', `Run '${runId}' not found`);
  return r;
}

const num = (v: MetricSummary['value']) => (typeof v === 'number' ? v : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : NaN);
const unq = (k: string) => k.replace(/^`|`$/g, '');

function valueOf(r: RunRow, expr: string): string | number | undefined {
  const agg = /^(min|max)\((.*)\)$/.exec(expr);
  const e = agg ? agg[2] : expr;
  const dot = e.indexOf('.');
  const kind = e.slice(0, dot);
  const key = unq(e.slice(dot + 1));
  if (kind === 'metrics' || kind === 'metric') {
    const m = r.metrics?.find((x) => x.key === key);
    if (!m) return undefined;
    return num(agg ? (agg[1] === 'min' ? m.min : m.max) : m.value);
  }
  if (kind === 'params' || kind === 'param') return r.params?.[key];
  if (kind === 'tags' || kind === 'tag') return r.tags?.[key];
  const info = r.info as unknown as Record<string, string | number | undefined>;
  return info[key];
}

function applyFilter(rows: RunRow[], filter: string): RunRow[] {
  if (!filter.trim()) return rows;
  const clauses = filter.split(/\s+and\s+/i).map((c) => {
    const m = /^\s*((?:metrics|params|tags|attributes)\.(?:`[^`]+`|[\w./-]+))\s*(<=|>=|!=|=|<|>|LIKE|ILIKE)\s*(.+?)\s*$/i.exec(c);
    if (!m) throw new ApiError('INVALID_PARAMETER_VALUE', `Invalid clause(s) in filter string: '${c.trim()}'. Expected a comparison like metrics.acc > 0.9`);
    const lit = m[3];
    const isStr = /^'.*'$|^".*"$/.test(lit);
    if (!isStr && Number.isNaN(Number(lit))) throw new ApiError('INVALID_PARAMETER_VALUE', `Invalid value '${lit}' in clause '${c.trim()}': expected a number or a quoted string`);
    return { expr: m[1], op: m[2].toUpperCase(), value: isStr ? lit.slice(1, -1) : Number(lit) };
  });
  return rows.filter((r) =>
    clauses.every(({ expr, op, value }) => {
      const v = valueOf(r, expr);
      if (v === undefined) return false;
      if (op === 'LIKE' || op === 'ILIKE') {
        const re = new RegExp('^' + String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.') + '$', op === 'ILIKE' ? 'i' : '');
        return re.test(String(v));
      }
      const a = typeof value === 'number' ? Number(v) : String(v);
      switch (op) {
        case '=': return a === value;
        case '!=': return a !== value;
        case '<': return a < value;
        case '>': return a > value;
        case '<=': return a <= value;
        default: return a >= value;
      }
    }),
  );
}

function applyOrder(rows: RunRow[], orderBy: string[]): RunRow[] {
  const keys = (orderBy.length ? orderBy : ['attributes.start_time DESC']).map((o) => {
    const m = /^(.*?)\s+(ASC|DESC)$/i.exec(o.trim());
    return { expr: m ? m[1] : o.trim(), desc: m ? m[2].toUpperCase() === 'DESC' : false };
  });
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = valueOf(a, k.expr);
      const y = valueOf(b, k.expr);
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      if (c) return k.desc ? -c : c;
    }
    return 0;
  });
}

function history(runId: string, key: string): Metric[] {
  const r = rng(runId.charCodeAt(0) * 31 + key.length * 17);
  const n = key.startsWith('val') || key.startsWith('f1') ? 20 : 100;
  return Array.from({ length: n }, (_, i) => {
    const t = i / n;
    const v = key.includes('acc') || key.startsWith('f1') ? 0.5 + 0.45 * (1 - Math.exp(-4 * t)) + r() * 0.02 : key === 'learning_rate' ? 0.01 * Math.cos(t * 1.4) : 1.2 * Math.exp(-3 * t) + 0.15 + r() * 0.05;
    return { key, value: v, step: i, timestamp: NOW - DAY + i * 30_000 };
  });
}

function plotSvg(req: PlotRequest): string {
  const W = req.width || 460;
  const H = req.height || 240;
  const pad = { l: 44, r: 12, t: 12, b: 26 };
  const fg = req.dark ? '#aab1bf' : '#4a5261';
  const grid = req.dark ? '#262b35' : '#e8eaef';
  const colors = ['#5160f0', '#e8590c', '#1a8a55', '#c2255c'];
  const series = req.runIds.flatMap((id) => req.keys.map((k) => history(id, k)));
  const pts = series.flat();
  const xs = pts.map((p) => p.step);
  const ys = pts.map((p) => (req.logY ? Math.log10(Math.max(1e-9, p.value as number)) : (p.value as number)));
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => pad.l + ((x - x0) / (x1 - x0 || 1)) * (W - pad.l - pad.r);
  const sy = (y: number) => H - pad.b - ((y - y0) / (y1 - y0 || 1)) * (H - pad.t - pad.b);
  let s = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="10">`;
  for (let i = 0; i <= 4; i++) {
    const y = y0 + ((y1 - y0) * i) / 4;
    s += `<line x1="${pad.l}" x2="${W - pad.r}" y1="${sy(y)}" y2="${sy(y)}" stroke="${grid}"/><text x="${pad.l - 6}" y="${sy(y) + 3}" fill="${fg}" text-anchor="end">${y.toPrecision(3)}</text>`;
  }
  for (let i = 0; i <= 4; i++) {
    const x = x0 + ((x1 - x0) * i) / 4;
    s += `<text x="${sx(x)}" y="${H - 8}" fill="${fg}" text-anchor="middle">${Math.round(x)}</text>`;
  }
  series.forEach((ser, i) => {
    const d = ser.map((p, j) => `${j ? 'L' : 'M'}${sx(p.step).toFixed(1)},${sy(req.logY ? Math.log10(Math.max(1e-9, p.value as number)) : (p.value as number)).toFixed(1)}`).join('');
    s += `<path d="${d}" fill="none" stroke="${colors[i % colors.length]}" stroke-width="1.6"/>`;
  });
  return s + '</svg>';
}

const IMG_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="300" viewBox="0 0 360 300" font-family="sans-serif"><rect width="360" height="300" fill="#fff"/>${[[0.82, 0.18], [0.09, 0.91]].map((row, i) => row.map((v, j) => `<rect x="${60 + j * 140}" y="${20 + i * 130}" width="136" height="126" fill="rgb(${Math.round(255 - v * 200)},${Math.round(255 - v * 150)},255)"/><text x="${128 + j * 140}" y="${88 + i * 130}" text-anchor="middle" font-size="22">${v.toFixed(2)}</text>`).join('')).join('')}<text x="180" y="292" text-anchor="middle" font-size="12">predicted</text></svg>`;
const IMG_URL = `data:image/svg+xml;base64,${btoa(IMG_SVG)}`;

const ARTIFACTS: Record<string, FileInfo[]> = {
  '': [
    { path: 'model', is_dir: true },
    { path: 'plots', is_dir: true },
    { path: 'train.log', is_dir: false, file_size: 18_230 },
    { path: 'config.json', is_dir: false, file_size: 412 },
    { path: 'predictions.csv', is_dir: false, file_size: 88_120 },
    { path: 'notes.txt', is_dir: false, file_size: 120 },
  ],
  model: [
    { path: 'model/MLmodel', is_dir: false, file_size: 702 },
    { path: 'model/model.pkl', is_dir: false, file_size: 1_302_114 },
    { path: 'model/conda.yaml', is_dir: false, file_size: 210 },
    { path: 'model/requirements.txt', is_dir: false, file_size: 64 },
    { path: 'model/input_example.json', is_dir: false, file_size: 131 },
  ],
  plots: [{ path: 'plots/confusion_matrix.png', is_dir: false, file_size: 24_117 }],
};

function preview(path: string): ArtifactPreview {
  const base = { path, size: 0, text: '', truncated: false, url: '' };
  if (path.endsWith('.log')) return { ...base, kind: 'text', size: 18_230, truncated: true, text: Array.from({ length: 60 }, (_, i) => `2024-10-02 12:${String(i).padStart(2, '0')}:01 INFO epoch ${i} train_loss=${(1 / (i + 1)).toFixed(4)} val_loss=${(1.1 / (i + 1)).toFixed(4)}`).join('\n') };
  if (path.endsWith('notes.txt')) return { ...base, kind: 'text', size: 120, text: '<script>alert("xss")</script>\n<img src=x onerror=alert(1)>\nplain text stays text' };
  if (path.endsWith('.json')) return { ...base, kind: 'json', size: 412, text: JSON.stringify({ model: 'rf', params: { n_estimators: 100, max_depth: 12 }, features: ['tenure', 'monthly_charges', 'contract'] }, null, 2) };
  if (path.endsWith('.yaml')) return { ...base, kind: 'yaml', text: 'name: mlflow-env\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pip:\n    - mlflow==3.5.0\n    - scikit-learn==1.5.2\n' };
  if (path.endsWith('.txt')) return { ...base, kind: 'text', text: 'mlflow==3.5.0\nscikit-learn==1.5.2\npandas==2.2.3\n' };
  if (path.endsWith('.csv')) return { ...base, kind: 'csv', size: 88_120, truncated: true, table: [['customer_id', 'tenure', 'contract', 'p_churn', 'label'], ...Array.from({ length: 40 }, (_, i) => [`C${1000 + i}`, String((i * 7) % 72), ['month', 'year', 'two-year'][i % 3], (Math.sin(i) * 0.5 + 0.5).toFixed(3), String(i % 4 === 0 ? 1 : 0)])] };
  if (path.endsWith('.png')) return { ...base, kind: 'image', size: 24_117, url: IMG_URL };
  if (path.endsWith('MLmodel')) return {
    ...base, kind: 'mlmodel', size: 702, text: '',
    mlmodel: {
      flavors: { python_function: { loader_module: 'mlflow.sklearn', python_version: '3.11.9', env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' }, model_path: 'model.pkl' }, sklearn: { sklearn_version: '1.5.2', serialization_format: 'cloudpickle', pickled_model: 'model.pkl' } },
      signature: {
        inputs: [{ name: 'tenure', type: 'long', required: true }, { name: 'monthly_charges', type: 'double', required: true }, { name: 'contract', type: 'string', required: false }],
        outputs: [{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1] } }],
        params: [{ name: 'threshold', type: 'double', default: 0.5, shape: null }],
      },
      saved_input_example_info: { artifact_path: 'input_example.json', type: 'dataframe', pandas_orient: 'split' },
      run_id: 'c0ffee0123456789abcdef0123456789', model_id: 'm-7f3a9e1c2b4d4e5f8a6b7c8d9e0f1a2b', utc_time_created: '2024-10-02 12:31:07.123456', mlflow_version: '3.5.0',
      input_example: JSON.stringify({ columns: ['tenure', 'monthly_charges', 'contract'], data: [[12, 70.35, 'month']] }, null, 2),
    },
  };
  return { ...base, kind: 'binary', size: 1_302_114 };
}

const registered: RegisteredModel[] = [
  { name: 'churn-model', creation_timestamp: NOW - 30 * DAY, last_updated_timestamp: NOW - 2 * DAY, user_id: 'alice', description: 'Gradient-boosted churn classifier.\n\n**Owner:** growth team · retrain weekly.', aliases: [{ alias: 'champion', version: '3' }, { alias: 'challenger', version: '4' }], latest_versions: [{ name: 'churn-model', version: '3', current_stage: 'Production' }, { name: 'churn-model', version: '4', current_stage: 'Staging' }], tags: [{ key: 'team', value: 'growth' }] },
  { name: 'house-price-xgb', creation_timestamp: NOW - 20 * DAY, last_updated_timestamp: NOW - 9 * DAY, user_id: 'bob', description: '', latest_versions: [{ name: 'house-price-xgb', version: '1', current_stage: 'None' }] },
  { name: 'hostile <img src=x onerror=alert(1)>', last_updated_timestamp: NOW - DAY, description: '<script>alert(1)</script> **bold** [x](javascript:alert(1))', latest_versions: [] },
];

function versions(sid: string, name: string): ModelVersion[] {
  const runs = allRuns(sid);
  const n = name === 'churn-model' ? 4 : 1;
  return Array.from({ length: n }, (_, i) => ({
    name, version: String(i + 1), creation_timestamp: NOW - (n - i) * 5 * DAY, user_id: USERS[i % 3], current_stage: ['Archived', 'Archived', 'Production', 'Staging'][i + 4 - n] ?? 'None',
    run_id: runs[i]?.info.run_id, source: `models:/m-${i}`, status: 'READY', aliases: i === 2 ? ['champion'] : i === 3 ? ['challenger'] : [], tags: i === 3 ? [{ key: 'validated', value: 'pending' }] : [],
  }));
}

export function mockTransport(): Transport {
  const events = memoryEvents();
  setEventSource(events);
  const handlers: Record<string, (...a: never[]) => unknown> = {
    Version: () => ({ version: '0.1.0-dev', commit: 'mock', buildTime: new Date(NOW).toISOString(), goVersion: 'go1.26', face: 'web' }),
    ListSources: () => sources.map((s) => ({ ...s })),
    SelectSource: (id: string) => { sources.forEach((s) => (s.current = s.id === id)); return null; },
    AddSource: (inp: SourceInput) => {
      const s: SourceView = { id: `s${sources.length + 1}`, name: inp.name || inp.uri, uri: inp.uri, kind: /^https?:/.test(inp.uri) ? 'rest' : inp.uri.startsWith('sqlite:') ? 'sqlite' : 'file', hasCredentials: !!(inp.password || inp.token), insecureTLS: inp.insecureTLS, lastSync: 0, state: 'idle', error: '', stale: false, serverVersion: '', current: false };
      sources.push(s);
      return s;
    },
    UpdateSource: (id: string, inp: SourceInput) => { const s = sources.find((x) => x.id === id)!; Object.assign(s, { name: inp.name, uri: inp.uri, insecureTLS: inp.insecureTLS }); return s; },
    RemoveSource: (id: string) => { sources.splice(sources.findIndex((s) => s.id === id), 1); return null; },
    TestSource: (inp: SourceInput) => (inp.uri.includes('bad') ? { ok: false, kind: '', serverVersion: '', experiments: 0, error: `open ${inp.uri}: no such file or directory` } : { ok: true, kind: /^https?:/.test(inp.uri) ? 'rest' : 'file', serverVersion: /^https?:/.test(inp.uri) ? '3.5.0' : '', experiments: 4, error: '' }),
    PickPath: () => { throw new ApiError('NOT_IMPLEMENTED', 'PickPath needs the desktop app'); },
    SyncSource: (id: string) => {
      let done = 0;
      const t = setInterval(() => {
        done += 9;
        const fin = done >= 100;
        events.emit('sync:progress', { sourceId: id, phase: fin ? 'done' : done < 20 ? 'experiments' : 'runs', done: Math.min(done, 100), total: 100, message: fin ? 'synced' : `reading runs` });
        if (fin) clearInterval(t);
      }, 250);
      return null;
    },
    CancelSync: (id: string) => { events.emit('sync:progress', { sourceId: id, phase: 'cancelled', done: 0, total: 0, message: '' }); return null; },
    ListExperiments: (sid: string, view: string) => experiments(sid).filter((e) => (view === 'ALL' ? true : view === 'DELETED_ONLY' ? e.lifecycle_stage === 'deleted' : e.lifecycle_stage !== 'deleted')),
    SearchRuns: (req: SearchRunsRequest) => {
      const ids = new Set(req.experimentIds);
      let rows = allRuns(req.sourceId).filter((r) => ids.has(r.info.experiment_id));
      rows = rows.filter((r) => (req.viewType === 'ALL' ? true : req.viewType === 'DELETED_ONLY' ? r.info.lifecycle_stage === 'deleted' : r.info.lifecycle_stage !== 'deleted'));
      rows = applyOrder(applyFilter(rows, req.filter), req.orderBy);
      const off = Number(req.pageToken || 0);
      const page = rows.slice(off, off + req.maxResults);
      return { runs: page, nextPageToken: off + req.maxResults < rows.length ? String(off + req.maxResults) : '', total: rows.length };
    },
    SearchKeys: (sid: string, exps: string[]) => {
      const rows = allRuns(sid).filter((r) => exps.includes(r.info.experiment_id)).slice(0, 200);
      const m = new Set<string>(), p = new Set<string>(), t = new Set<string>();
      rows.forEach((r) => { r.metrics?.forEach((x) => m.add(x.key)); Object.keys(r.params ?? {}).forEach((k) => p.add(k)); Object.keys(r.tags ?? {}).forEach((k) => t.add(k)); });
      return { metrics: [...m].sort(), params: [...p].sort(), tags: [...t].sort() };
    },
    GetRun: (sid: string, runId: string): RunDetail => {
      const r = findRun(sid, runId);
      const all = allRuns(sid);
      const parent = r.parentRunId ? all.find((x) => x.info.run_id === r.parentRunId)?.info ?? null : null;
      const exp = experiments(sid).find((e) => e.experiment_id === r.info.experiment_id)!;
      return {
        run: { info: r.info, data: { params: Object.entries(r.params ?? {}).map(([key, value]) => ({ key, value })), tags: Object.entries(r.tags ?? {}).map(([key, value]) => ({ key, value })), metrics: (r.metrics ?? []).map((m) => ({ key: m.key, value: m.value, step: m.step, timestamp: m.timestamp })) }, inputs: { dataset_inputs: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset: { name: 'churn-train', digest: 'a1b2c3d4', source_type: 'local', source: '{"uri": "/data/churn/train.parquet"}' } }] } },
        metrics: r.metrics, experiment: exp, parent,
        children: all.filter((x) => x.parentRunId === runId).map((x) => x.info),
        loggedModels: [{ info: { model_id: 'm-7f3a9e1c2b4d4e5f8a6b7c8d9e0f1a2b', experiment_id: r.info.experiment_id, name: 'model', creation_timestamp_ms: r.info.start_time, status: 'LOGGED_MODEL_READY', model_type: 'sklearn', source_run_id: runId }, data: {} }],
        modelArtifacts: ['model'], modelVersions: versions(sid, 'churn-model').filter((v) => v.run_id === runId),
      };
    },
    MetricHistory: (_sid: string, runId: string, key: string) => history(runId, key),
    MetricPlot: (req: PlotRequest) => plotSvg(req),
    ListArtifacts: (_sid: string, _owner: string, path: string) => ({ root_uri: 'file:///home/ana/projects/churn/mlruns/1/abc/artifacts', files: ARTIFACTS[path] ?? [] }),
    PreviewArtifact: (_sid: string, _owner: string, path: string) => preview(path),
    RegisteredModels: () => registered,
    ModelVersions: (sid: string, name: string) => versions(sid, name),
  };
  return {
    face: 'mock',
    async call(method, args) {
      await new Promise((r) => setTimeout(r, 60 + Math.random() * 120));
      const h = handlers[method];
      if (!h) throw new ApiError('NOT_IMPLEMENTED', `mock has no ${method}`);
      if (sources.every((s) => s.id !== args[0]) && typeof args[0] === 'string' && method !== 'SelectSource' && /^(List|Search|Get|Metric|Preview|Registered|Model)/.test(method) && method !== 'ListSources') {
        throw new ApiError('RESOURCE_DOES_NOT_EXIST', `source '${String(args[0])}' is not configured`);
      }
      return h(...(args as never[])) ?? null;
    },
  };
}

export function installMock(): void {
  setTransport(mockTransport());
}
