import { Link } from 'react-router';
import type { SourceView } from '../api/types';
import { Icon } from '../components/Icon';
import { Popover } from '../components/Popover';
import { SourceIcon } from '../features/sources/components/SourceIcon';
import { paths } from '../lib/paths';
import { useSwitchSource } from './useSwitchSource';

/** The always-visible current source with a one-click dropdown to switch. */
export function SourceMenu({ source, sources }: { source: SourceView | undefined; sources: SourceView[] }) {
  const switchTo = useSwitchSource();
  return (
    <Popover
      className="source-btn"
      testId="source-switcher"
      title="Switch source (Ctrl+K)"
      trigger={
        <>
          {source ? <SourceIcon kind={source.kind} /> : <Icon name="sources" />}
          <span className="ellipsis" data-testid="current-source">{source?.name ?? 'No source'}</span>
          <Icon name="chevronDown" size={12} className="muted" />
        </>
      }
    >
      {(close) => (
        <div style={{ minWidth: 300 }}>
          <div className="menu-label">Sources</div>
          {sources.map((s) => (
            <button
              key={s.id}
              type="button"
              className={`menu-item ${s.id === source?.id ? 'active' : ''}`}
              data-testid={`source-option-${s.id}`}
              onClick={() => {
                close();
                if (s.id !== source?.id) switchTo(s.id);
              }}
            >
              <SourceIcon kind={s.kind} />
              <span className="col grow" style={{ gap: 0 }}>
                <span className="ellipsis">{s.name}</span>
                <span className="xs muted ellipsis mono">{s.uri}</span>
              </span>
              {s.stale && <span className="pill warn plain">stale</span>}
            </button>
          ))}
          <div className="menu-sep" />
          <Link className="menu-item" to={paths.sources()} onClick={close}>
            <Icon name="plus" /> Manage sources…
          </Link>
        </div>
      )}
    </Popover>
  );
}
