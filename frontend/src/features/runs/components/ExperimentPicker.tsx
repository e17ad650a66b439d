import { useMemo, useState } from 'react';
import type { ExperimentView } from '../../../api/types';
import { Icon } from '../../../components/Icon';
import { Popover } from '../../../components/Popover';

/** Which experiments the runs table searches; none chosen = all active. */
export function ExperimentPicker({ experiments, selected, onChange }: { experiments: ExperimentView[]; selected: string[]; onChange(ids: string[]): void }) {
  const [q, setQ] = useState('');
  const set = useMemo(() => new Set(selected), [selected]);
  const hits = experiments.filter((e) => !q || e.name.toLowerCase().includes(q.toLowerCase()));
  const label = selected.length === 0 ? 'All experiments' : selected.length === 1 ? (experiments.find((e) => e.experiment_id === selected[0])?.name ?? `#${selected[0]}`) : `${selected.length} experiments`;
  return (
    <Popover className="btn sm" testId="experiment-picker" trigger={<><Icon name="flask" size={12} /> <span className="ellipsis" style={{ maxWidth: 200 }}>{label}</span> <Icon name="chevronDown" size={11} /></>}>
      {(close) => (
        <div style={{ width: 300 }}>
          <div style={{ padding: 4 }}>
            <input className="input" style={{ width: '100%' }} placeholder="Find experiment…" value={q} onChange={(e) => setQ(e.target.value)} autoFocus />
          </div>
          <button type="button" className={`menu-item ${selected.length === 0 ? 'active' : ''}`} onClick={() => { onChange([]); close(); }}>All experiments</button>
          <div className="menu-sep" />
          <div style={{ maxHeight: 320, overflow: 'auto' }}>
            {hits.map((e) => (
              <label key={e.experiment_id} className="menu-item">
                <input
                  type="checkbox"
                  checked={set.has(e.experiment_id)}
                  onChange={() => onChange(set.has(e.experiment_id) ? selected.filter((x) => x !== e.experiment_id) : [...selected, e.experiment_id])}
                />
                <span className="grow ellipsis">{e.name}</span>
                <span className="xs muted">{e.runCount}</span>
              </label>
            ))}
          </div>
        </div>
      )}
    </Popover>
  );
}
