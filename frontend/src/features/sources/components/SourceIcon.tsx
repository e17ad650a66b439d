import { Icon } from '../../../components/Icon';

export function SourceIcon({ kind, size = 14 }: { kind: string; size?: number }) {
  const name = kind === 'rest' ? 'cloud' : kind === 'sqlite' ? 'database' : 'folder';
  return <Icon name={name} size={size} aria-label={kind} />;
}

export const kindLabel = (kind: string) => (kind === 'rest' ? 'Tracking server' : kind === 'sqlite' ? 'SQLite store' : 'File store');
