import type { MetricSummary, RunRow } from '../../../api/types';
import { formatDuration, formatTime, formatValue, rawValue, shortSha } from '../../../lib/format';
import { field } from './keys';

export type Agg = 'last' | 'min' | 'max';

/** A column the user picked: a param, a metric (with its aggregate) or a tag. */
export interface PickedColumn {
  kind: 'param' | 'metric' | 'tag';
  key: string;
  agg?: Agg;
}

export interface ColumnDef {
  id: string;
  label: string;
  group: 'attribute' | 'param' | 'metric' | 'tag';
  width: number;
  /** order_by expression without direction; absent = not sortable */
  orderBy?: string;
  align?: 'right';
  picked?: PickedColumn;
  /** text shown in the cell */
  text(row: RunRow): string;
  /** value written to CSV */
  csv(row: RunRow): string;
}

const tag = (row: RunRow, k: string) => row.tags?.[k] ?? '';

export function runName(row: RunRow): string {
  return row.info.run_name || tag(row, 'mlflow.runName') || row.info.run_id.slice(0, 8);
}

export function sourceLabel(row: RunRow): string {
  const name = tag(row, 'mlflow.source.name');
  if (!name) return '';
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] || name;
}

export const BASE_COLUMNS: ColumnDef[] = [
  { id: 'name', label: 'Run', group: 'attribute', width: 240, orderBy: 'attributes.run_name', text: runName, csv: runName },
  { id: 'status', label: 'Status', group: 'attribute', width: 104, orderBy: 'attributes.status', text: (r) => r.info.status, csv: (r) => r.info.status },
  {
    id: 'start', label: 'Started', group: 'attribute', width: 150, orderBy: 'attributes.start_time',
    text: (r) => formatTime(r.info.start_time),
    csv: (r) => (r.info.start_time ? new Date(r.info.start_time).toISOString() : ''),
  },
  {
    id: 'duration', label: 'Duration', group: 'attribute', width: 84, align: 'right',
    text: (r) => formatDuration(r.info.start_time, r.info.end_time),
    csv: (r) => (r.info.start_time && r.info.end_time ? String((r.info.end_time - r.info.start_time) / 1000) : ''),
  },
  { id: 'user', label: 'User', group: 'attribute', width: 90, orderBy: 'attributes.user_id', text: (r) => r.info.user_id ?? '', csv: (r) => r.info.user_id ?? '' },
  { id: 'source', label: 'Source', group: 'attribute', width: 140, orderBy: field('tags', 'mlflow.source.name'), text: sourceLabel, csv: (r) => tag(r, 'mlflow.source.name') },
  {
    id: 'commit', label: 'Commit', group: 'attribute', width: 78, orderBy: field('tags', 'mlflow.source.git.commit'),
    text: (r) => shortSha(tag(r, 'mlflow.source.git.commit')), csv: (r) => tag(r, 'mlflow.source.git.commit'),
  },
];

function metricOf(row: RunRow, key: string): MetricSummary | undefined {
  return row.metrics?.find((m) => m.key === key);
}

export function pickedId(c: PickedColumn): string {
  return `${c.kind}:${c.key}`;
}

export function pickedDef(c: PickedColumn): ColumnDef {
  if (c.kind === 'metric') {
    const agg = c.agg ?? 'last';
    const f = field('metrics', c.key);
    const pick = (r: RunRow) => {
      const m = metricOf(r, c.key);
      if (!m) return undefined;
      return agg === 'min' ? m.min : agg === 'max' ? m.max : m.value;
    };
    return {
      id: pickedId(c), label: c.key, group: 'metric', width: 118, align: 'right', picked: c,
      orderBy: agg === 'last' ? f : `${agg}(${f})`,
      text: (r) => formatValue(pick(r)),
      csv: (r) => rawValue(pick(r)),
    };
  }
  const entity = c.kind === 'param' ? 'params' : 'tags';
  const get = (r: RunRow) => (c.kind === 'param' ? r.params?.[c.key] : r.tags?.[c.key]) ?? '';
  return {
    id: pickedId(c), label: c.key, group: c.kind, width: 130, picked: c,
    orderBy: field(entity, c.key), text: get, csv: get,
  };
}

export function csvHeader(d: ColumnDef): string {
  if (d.picked?.kind === 'metric') return `metrics.${d.picked.key}${d.picked.agg && d.picked.agg !== 'last' ? ` (${d.picked.agg})` : ''}`;
  if (d.picked) return `${d.picked.kind === 'param' ? 'params' : 'tags'}.${d.picked.key}`;
  return d.label;
}
