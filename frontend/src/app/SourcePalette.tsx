import { useMemo, useState } from 'react';
import type { SourceView } from '../api/types';
import { SourceIcon } from '../features/sources/components/SourceIcon';
import { useSwitchSource } from './useSwitchSource';

/** Ctrl/Cmd+K: type to find a source, Enter to switch. */
export function SourcePalette({ sources, currentId, onClose }: { sources: SourceView[]; currentId: string; onClose: () => void }) {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const switchTo = useSwitchSource();
  const hits = useMemo(() => {
    const n = q.trim().toLowerCase();
    return sources.filter((s) => !n || s.name.toLowerCase().includes(n) || s.uri.toLowerCase().includes(n));
  }, [q, sources]);
  const idx = Math.min(active, Math.max(0, hits.length - 1));
  const choose = (s: SourceView | undefined) => {
    if (!s) return;
    onClose();
    if (s.id !== currentId) switchTo(s.id);
  };
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog palette" role="dialog" aria-label="Switch source">
        <input
          autoFocus
          className="palette-input"
          placeholder="Switch to source…"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, hits.length - 1));
            else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
            else if (e.key === 'Enter') choose(hits[idx]);
            else if (e.key === 'Escape') onClose();
            else return;
            e.preventDefault();
          }}
        />
        <div className="palette-list" role="listbox">
          {hits.map((s, i) => (
            <button
              type="button"
              key={s.id}
              role="option"
              aria-selected={i === idx}
              className={`menu-item ${i === idx ? 'active' : ''}`}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(s)}
            >
              <SourceIcon kind={s.kind} />
              <span className="grow ellipsis">{s.name}</span>
              <span className="xs muted mono ellipsis" style={{ maxWidth: 260 }}>{s.uri}</span>
              {s.id === currentId && <span className="pill accent plain">current</span>}
            </button>
          ))}
          {hits.length === 0 && <div className="empty small">No source matches.</div>}
        </div>
      </div>
    </div>
  );
}
