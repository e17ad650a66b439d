import { describe, expect, it } from 'vitest';
import { pickedDef } from './columns';
import { formatSort, nextSort, parseSort } from './sort';

describe('sorting', () => {
  it('maps metric columns and aggregates to order_by expressions', () => {
    expect(pickedDef({ kind: 'metric', key: 'val_loss', agg: 'last' }).orderBy).toBe('metrics.val_loss');
    expect(pickedDef({ kind: 'metric', key: 'val_loss', agg: 'min' }).orderBy).toBe('min(metrics.val_loss)');
    expect(pickedDef({ kind: 'metric', key: 'f1/macro', agg: 'max' }).orderBy).toBe('max(metrics.`f1/macro`)');
    expect(pickedDef({ kind: 'param', key: 'lr' }).orderBy).toBe('params.lr');
    expect(pickedDef({ kind: 'tag', key: 'mlflow.user' }).orderBy).toBe('tags.`mlflow.user`');
  });

  it('round-trips order_by strings', () => {
    expect(parseSort('metrics.`val_loss` DESC')).toEqual({ expr: 'metrics.`val_loss`', desc: true });
    expect(formatSort({ expr: 'params.lr', desc: false })).toBe('params.lr ASC');
  });

  it('plain click replaces and toggles; shift-click adds, toggles, removes', () => {
    let s = nextSort([], 'params.lr', false);
    expect(s).toEqual([{ expr: 'params.lr', desc: false }]);
    s = nextSort(s, 'params.lr', false);
    expect(s).toEqual([{ expr: 'params.lr', desc: true }]);
    s = nextSort(s, 'metrics.acc', true);
    expect(s.map(formatSort)).toEqual(['params.lr DESC', 'metrics.acc DESC']);
    s = nextSort(s, 'metrics.acc', true);
    expect(s.map(formatSort)).toEqual(['params.lr DESC', 'metrics.acc ASC']);
    s = nextSort(s, 'metrics.acc', true);
    expect(s.map(formatSort)).toEqual(['params.lr DESC']);
    expect(nextSort(s, 'attributes.start_time', false)).toEqual([{ expr: 'attributes.start_time', desc: true }]);
  });
});
