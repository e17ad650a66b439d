import { useEffect, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useVersion } from '../api/system';
import { Icon, type IconName } from '../components/Icon';
import { useCurrentSource } from '../features/sources/hooks/useCurrentSource';
import { paths, type Section } from '../lib/paths';
import { useTheme } from '../lib/theme';
import { SourceMenu } from './SourceMenu';
import { SourcePalette } from './SourcePalette';
import { SyncStatus } from './SyncStatus';
import { useStartRoute } from './useStartRoute';

const NAV: { section: Section; label: string; icon: IconName }[] = [
  { section: 'experiments', label: 'Experiments', icon: 'flask' },
  { section: 'runs', label: 'Runs', icon: 'list' },
  { section: 'compare', label: 'Compare', icon: 'compare' },
  { section: 'models', label: 'Models', icon: 'box' },
];

export function Shell() {
  const { sourceId, source, sources } = useCurrentSource();
  const version = useVersion();
  const theme = useTheme();
  const [palette, setPalette] = useState(false);
  useStartRoute();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPalette((p) => !p);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="shell">
      <nav className="nav" aria-label="Main">
        <div className="brand">
          <span className="logo"><Icon name="logo" size={14} strokeWidth={2} /></span>
          Flowdeck
        </div>
        <NavLink to={paths.sources()} className="nav-item">
          <Icon name="sources" /> Sources
        </NavLink>
        <div className="nav-label">{source?.name ?? 'No source'}</div>
        {NAV.map((n) =>
          sourceId ? (
            <NavLink key={n.section} to={paths.section(sourceId, n.section)} className="nav-item">
              <Icon name={n.icon} /> {n.label}
            </NavLink>
          ) : (
            <span key={n.section} className="nav-item disabled">
              <Icon name={n.icon} /> {n.label}
            </span>
          ),
        )}
        <div className="grow" />
        <div className="nav-foot">
          <div className="row xs muted" style={{ gap: 6 }}>
            <span className="kbd">Ctrl K</span> switch source
          </div>
          <div className="row xs muted" style={{ gap: 6 }}>
            <span className="kbd">/</span> filter runs
          </div>
          <div className="xs muted version" title={version.data ? `${version.data.commit} · ${version.data.goVersion} · built ${version.data.buildTime}` : undefined}>
            {version.data ? (
              <span data-testid="app-ready">Flowdeck {version.data.version} · {version.data.face}</span>
            ) : version.isError ? (
              <span className="err-text">backend unreachable</span>
            ) : (
              'connecting…'
            )}
          </div>
        </div>
      </nav>
      <header className="top">
        <SourceMenu source={source} sources={sources} />
        {source && <span className="xs muted mono ellipsis top-uri" title={source.uri}>{source.uri}</span>}
        <div className="grow" />
        {source && <SyncStatus source={source} />}
        <button
          type="button"
          className="btn ghost icon"
          data-testid="theme-toggle"
          title={`Theme: ${theme.choice}`}
          aria-label="Toggle theme"
          onClick={theme.cycle}
        >
          <Icon name={theme.choice === 'system' ? 'monitor' : theme.dark ? 'moon' : 'sun'} />
        </button>
      </header>
      <main className="main">
        <Outlet />
      </main>
      {palette && <SourcePalette sources={sources} currentId={sourceId} onClose={() => setPalette(false)} />}
    </div>
  );
}
