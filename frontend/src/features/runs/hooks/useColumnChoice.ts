import { useCallback, useMemo } from 'react';
import { useStoredState } from '../../../lib/storage';
import type { Agg, PickedColumn } from '../lib/columns';
import { pickedId } from '../lib/columns';

/** The columns picked for one (source, experiments) view, as stored. */
export interface ColumnChoice {
  columns: PickedColumn[];
}

const EMPTY: ColumnChoice = { columns: [] };

export function columnStorageKey(sourceId: string, experimentIds: string[]): string {
  return `flowdeck.columns.v1:${sourceId}:${[...experimentIds].sort().join(',')}`;
}

/** Picked columns remembered per (source, experiment set) in localStorage. */
export function useColumnChoice(sourceId: string, experimentIds: string[]) {
  const storageKey = useMemo(() => columnStorageKey(sourceId, experimentIds), [sourceId, experimentIds]);
  const [choice, setChoice] = useStoredState<ColumnChoice>(storageKey, EMPTY);
  const columns = useMemo(() => (Array.isArray(choice?.columns) ? choice.columns : []), [choice]);

  const toggle = useCallback(
    (c: PickedColumn) => {
      const id = pickedId(c);
      const has = columns.some((x) => pickedId(x) === id);
      setChoice({ columns: has ? columns.filter((x) => pickedId(x) !== id) : [...columns, c.kind === 'metric' ? { ...c, agg: c.agg ?? 'last' } : c] });
    },
    [columns, setChoice],
  );

  const setAgg = useCallback(
    (key: string, agg: Agg) => setChoice({ columns: columns.map((x) => (x.kind === 'metric' && x.key === key ? { ...x, agg } : x)) }),
    [columns, setChoice],
  );

  const clear = useCallback(() => setChoice({ columns: [] }), [setChoice]);

  return { columns, toggle, setAgg, clear, storageKey };
}
