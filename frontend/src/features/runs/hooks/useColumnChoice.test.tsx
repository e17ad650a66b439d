import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { columnStorageKey, useColumnChoice } from './useColumnChoice';

describe('column choice persistence', () => {
  it('stores picks per (source, experiments) and reads them back after a remount', () => {
    const exps = ['2', '1'];
    const a = renderHook(() => useColumnChoice('src', exps));
    act(() => a.result.current.toggle({ kind: 'metric', key: 'val_loss' }));
    act(() => a.result.current.toggle({ kind: 'param', key: 'lr' }));
    act(() => a.result.current.setAgg('val_loss', 'min'));
    expect(JSON.parse(localStorage.getItem(columnStorageKey('src', ['1', '2']))!)).toEqual({
      columns: [{ kind: 'metric', key: 'val_loss', agg: 'min' }, { kind: 'param', key: 'lr' }],
    });
    a.unmount();
    const b = renderHook(() => useColumnChoice('src', ['1', '2']));
    expect(b.result.current.columns.map((c) => c.key)).toEqual(['val_loss', 'lr']);
    const other = renderHook(() => useColumnChoice('src', ['3']));
    expect(other.result.current.columns).toEqual([]);
    const otherSource = renderHook(() => useColumnChoice('other', ['1', '2']));
    expect(otherSource.result.current.columns).toEqual([]);
  });

  it('toggles a column off and survives garbage in storage', () => {
    localStorage.setItem(columnStorageKey('s', ['1']), '{not json');
    const h = renderHook(() => useColumnChoice('s', ['1']));
    expect(h.result.current.columns).toEqual([]);
    act(() => h.result.current.toggle({ kind: 'tag', key: 'team' }));
    act(() => h.result.current.toggle({ kind: 'tag', key: 'team' }));
    expect(h.result.current.columns).toEqual([]);
  });
});
