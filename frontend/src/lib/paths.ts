/** Every view's URL, in one place. */
const e = encodeURIComponent;

export type Section = 'experiments' | 'runs' | 'compare' | 'models';
export type RunTab = 'overview' | 'metrics' | 'params' | 'tags' | 'artifacts' | 'models';
export const RUN_TABS: RunTab[] = ['overview', 'metrics', 'params', 'tags', 'artifacts', 'models'];

export const paths = {
  sources: () => '/sources',
  section: (sid: string, s: Section) => `/s/${e(sid)}/${s}`,
  experiments: (sid: string) => `/s/${e(sid)}/experiments`,
  runs: (sid: string, experimentIds: string[] = [], extra?: Record<string, string>) => {
    const q = new URLSearchParams();
    if (experimentIds.length) q.set('exp', experimentIds.join(','));
    for (const [k, v] of Object.entries(extra ?? {})) if (v) q.set(k, v);
    const s = q.toString();
    return `/s/${e(sid)}/runs${s ? `?${s}` : ''}`;
  },
  run: (sid: string, runId: string, tab: RunTab = 'overview', artifactPath?: string) =>
    `/s/${e(sid)}/runs/${e(runId)}${tab === 'overview' ? '' : `/${tab}`}${artifactPath ? `?path=${e(artifactPath)}` : ''}`,
  compare: (sid: string, runIds: string[]) => `/s/${e(sid)}/compare?runs=${runIds.map(e).join(',')}`,
  models: (sid: string) => `/s/${e(sid)}/models`,
  model: (sid: string, name: string) => `/s/${e(sid)}/models/${e(name)}`,
};

/** The section part of a path, to keep it when switching sources. */
export function sectionOf(pathname: string): Section {
  const m = /^\/s\/[^/]+\/(experiments|runs|compare|models)/.exec(pathname) ?? /^\/(experiments|runs|compare|models)/.exec(pathname);
  return (m?.[1] as Section | undefined) ?? 'experiments';
}
