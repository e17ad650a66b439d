import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useArtifacts } from '../../api/artifacts';
import type { FileInfo } from '../../api/types';
import { Icon, type IconName } from '../../components/Icon';
import { Empty, ErrorBox } from '../../components/States';
import { formatBytes } from '../../lib/format';
import { ArtifactPreviewPane } from './components/ArtifactPreviewPane';

export function ancestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

const baseName = (p: string) => p.split('/').filter(Boolean).pop() ?? p;

function fileIcon(name: string): IconName {
  if (/\.(png|jpe?g|gif|svg|webp|bmp)$/i.test(name)) return 'image';
  if (/\.(txt|log|md|json|ya?ml|csv|tsv|py|cfg|ini|toml)$/i.test(name) || name === 'MLmodel') return 'fileText';
  return 'file';
}

/**
 * Artifact tree (directories load when expanded) beside a preview of the
 * chosen file. With linkFor the chosen path lives in the URL (?path=).
 */
export function ArtifactBrowser({ sourceId, owner, linkFor, compact }: { sourceId: string; owner: string; linkFor?: (path: string) => string; compact?: boolean }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [localPath, setLocalPath] = useState('');
  const selected = linkFor ? (params.get('path') ?? '') : localPath;
  const [toggled, setToggled] = useState<Map<string, boolean>>(() => new Map());
  const autoOpen = useMemo(() => new Set(ancestors(selected)), [selected]);
  const isOpen = (p: string) => toggled.get(p) ?? autoOpen.has(p);
  const select = (p: string) => (linkFor ? navigate(linkFor(p), { replace: !!selected }) : setLocalPath(p));
  const toggle = (p: string) => setToggled((m) => new Map(m).set(p, !isOpen(p)));

  const root = useArtifacts(sourceId, owner, '');
  return (
    <div className={`artifacts ${compact ? 'compact' : ''}`}>
      <div className="art-tree card" data-testid="artifact-tree">
        <div className="card-h">
          <h3>Files</h3>
          {root.data?.root_uri && <span className="xs muted mono ellipsis" title={root.data.root_uri}>{root.data.root_uri}</span>}
        </div>
        <div className="art-tree-b" role="tree">
          {root.isLoading ? (
            <div className="skeleton" style={{ margin: 12 }} />
          ) : root.isError ? (
            <div style={{ padding: 10 }}><ErrorBox error={root.error} /></div>
          ) : (root.data?.files ?? []).length === 0 ? (
            <Empty title="No artifacts" />
          ) : (
            <Entries files={root.data?.files ?? []} depth={0} sourceId={sourceId} owner={owner} selected={selected} isOpen={isOpen} onToggle={toggle} onSelect={select} />
          )}
        </div>
      </div>
      <div className="art-preview">
        {selected ? <ArtifactPreviewPane sourceId={sourceId} owner={owner} path={selected} /> : <Empty title="Select a file">Pick a file on the left to preview it.</Empty>}
      </div>
    </div>
  );
}

interface EntriesProps {
  files: FileInfo[];
  depth: number;
  sourceId: string;
  owner: string;
  selected: string;
  isOpen(p: string): boolean;
  onToggle(p: string): void;
  onSelect(p: string): void;
}

function Entries(props: EntriesProps) {
  const sorted = useMemo(() => [...props.files].sort((a, b) => Number(b.is_dir) - Number(a.is_dir) || a.path.localeCompare(b.path)), [props.files]);
  return (
    <>
      {sorted.map((f) => (f.is_dir ? <Dir key={f.path} f={f} {...props} /> : (
        <button
          type="button"
          key={f.path}
          role="treeitem"
          aria-selected={props.selected === f.path}
          className={`art-item ${props.selected === f.path ? 'active' : ''}`}
          style={{ paddingLeft: 10 + props.depth * 14 + 16 }}
          onClick={() => props.onSelect(f.path)}
          data-path={f.path}
          title={f.path}
        >
          <Icon name={fileIcon(baseName(f.path))} className="muted" />
          <span className="ellipsis grow">{baseName(f.path)}</span>
          <span className="xs muted">{formatBytes(f.file_size)}</span>
        </button>
      )))}
    </>
  );
}

function Dir({ f, ...props }: EntriesProps & { f: FileInfo }) {
  const open = props.isOpen(f.path);
  const q = useArtifacts(props.sourceId, props.owner, f.path, open);
  return (
    <>
      <button
        type="button"
        role="treeitem"
        aria-expanded={open}
        className="art-item dir"
        style={{ paddingLeft: 10 + props.depth * 14 }}
        onClick={() => props.onToggle(f.path)}
        data-path={f.path}
      >
        <Icon name={open ? 'chevronDown' : 'chevronRight'} size={12} className="muted" />
        <Icon name="folder" className="folder-ic" />
        <span className="ellipsis grow">{baseName(f.path)}</span>
        {q.isFetching && <span className="spinner" />}
      </button>
      {open && q.data && <Entries {...props} files={q.data.files ?? []} depth={props.depth + 1} />}
      {open && q.isError && <div style={{ paddingLeft: 24 + props.depth * 14 }} className="xs err-text">{String((q.error as Error).message)}</div>}
    </>
  );
}
