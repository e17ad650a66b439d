import { useMemo, useState } from 'react';
import type { SearchKeys } from '../../../api/types';
import { Icon } from '../../../components/Icon';
import { Popover } from '../../../components/Popover';
import { pickedId, type PickedColumn } from '../lib/columns';

type Keys = { metrics: string[]; params: string[]; tags: string[] };

/** Choose which params, metrics and tags show as columns. */
export function ColumnPicker({ keys, picked, onToggle, onClear }: { keys: Keys | SearchKeys | undefined; picked: PickedColumn[]; onToggle: (c: PickedColumn) => void; onClear: () => void }) {
  const [q, setQ] = useState('');
  const [showSystem, setShowSystem] = useState(false);
  const chosen = useMemo(() => new Set(picked.map(pickedId)), [picked]);
  const groups = useMemo(() => {
    const n = q.trim().toLowerCase();
    const f = (list: string[] | null | undefined) => (list ?? []).filter((k) => !n || k.toLowerCase().includes(n));
    return [
      { kind: 'metric' as const, label: 'Metrics', keys: f(keys?.metrics) },
      { kind: 'param' as const, label: 'Params', keys: f(keys?.params) },
      { kind: 'tag' as const, label: 'Tags', keys: f(keys?.tags).filter((k) => showSystem || !k.startsWith('mlflow.')) },
    ];
  }, [keys, q, showSystem]);

  return (
    <Popover
      testId="column-picker"
      align="right"
      trigger={<><Icon name="columns" /> Columns{picked.length ? <span className="count-badge">{picked.length}</span> : null}</>}
    >
      {() => (
        <div className="col-picker">
          <div className="row" style={{ padding: 4 }}>
            <input className="input grow" placeholder="Find a key…" value={q} onChange={(e) => setQ(e.target.value)} autoFocus aria-label="Find a column" />
          </div>
          <div className="col-picker-list">
            {groups.map((g) => (
              <div key={g.kind}>
                <div className="menu-label">{g.label} <span className="muted">{g.keys.length}</span></div>
                {g.keys.length === 0 && <div className="xs muted" style={{ padding: '2px 8px' }}>none</div>}
                {g.keys.map((k) => {
                  const id = `${g.kind}:${k}`;
                  return (
                    <label key={id} className="menu-item" data-testid={`col-opt-${id}`}>
                      <input type="checkbox" checked={chosen.has(id)} onChange={() => onToggle({ kind: g.kind, key: k })} />
                      <span className="mono ellipsis">{k}</span>
                    </label>
                  );
                })}
              </div>
            ))}
          </div>
          <div className="menu-sep" />
          <div className="row" style={{ padding: '2px 4px', justifyContent: 'space-between' }}>
            <label className="check xs"><input type="checkbox" checked={showSystem} onChange={(e) => setShowSystem(e.target.checked)} /> system tags</label>
            <button type="button" className="btn ghost sm" onClick={onClear} disabled={!picked.length}>Reset</button>
          </div>
        </div>
      )}
    </Popover>
  );
}
