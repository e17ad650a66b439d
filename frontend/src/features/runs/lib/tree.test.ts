import { describe, expect, it } from 'vitest';
import type { RunRow } from '../../../api/types';
import { BASE_COLUMNS, pickedDef } from './columns';
import { runsCsv } from './export';
import { flattenTree } from './tree';

const row = (id: string, parent = '', extra: Partial<RunRow> = {}): RunRow => ({
  info: { run_id: id, run_uuid: id, experiment_id: '1', status: 'FINISHED', lifecycle_stage: 'active', run_name: id },
  params: {}, tags: {}, metrics: [], parentRunId: parent, ...extra,
});

describe('nested runs', () => {
  const rows = [row('p'), row('a'), row('c1', 'p'), row('c2', 'p'), row('g', 'c1'), row('orphan', 'missing')];
  it('hides children of collapsed parents and counts them', () => {
    const t = flattenTree(rows, new Set());
    expect(t.map((x) => x.row.info.run_id)).toEqual(['p', 'a', 'orphan']);
    expect(t[0].childCount).toBe(2);
  });
  it('shows children under expanded parents with depth', () => {
    const t = flattenTree(rows, new Set(['p', 'c1']));
    expect(t.map((x) => `${x.row.info.run_id}:${x.depth}`)).toEqual(['p:0', 'c1:1', 'g:2', 'c2:1', 'a:0', 'orphan:0']);
  });
  it('survives parent cycles', () => {
    const t = flattenTree([row('x', 'y'), row('y', 'x')], new Set(['x', 'y']));
    expect(t.map((r) => r.row.info.run_id).sort()).toEqual(['x', 'y']);
  });
});

describe('runs CSV', () => {
  it('exports the visible columns in order, guarded and quoted', () => {
    const r = row('r1', '', {
      info: { run_id: 'r1', run_uuid: 'r1', experiment_id: '1', status: 'FAILED', lifecycle_stage: 'active', run_name: '=cmd()' },
      params: { lr: '0.1' },
      tags: { note: 'a, "b"' },
      metrics: [{ key: 'loss', value: -0.5, min: 'NaN', max: 2, step: 1, timestamp: 0, count: 2 }],
    });
    const defs = [BASE_COLUMNS[0], BASE_COLUMNS[1], pickedDef({ kind: 'param', key: 'lr' }), pickedDef({ kind: 'metric', key: 'loss', agg: 'last' }), pickedDef({ kind: 'metric', key: 'loss', agg: 'min' }), pickedDef({ kind: 'tag', key: 'note' })];
    const csv = runsCsv(defs, flattenTree([r], new Set()));
    const [head, line] = csv.split('\r\n');
    expect(head).toBe('run_id,Run,Status,params.lr,metrics.loss,metrics.loss (min),tags.note');
    expect(line).toBe('r1,\'=cmd(),FAILED,0.1,-0.5,NaN,"a, ""b"""');
  });
});
