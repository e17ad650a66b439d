import { useQuery } from '@tanstack/react-query';
import { sourceScope } from './sources';
import { call } from './transport';
import type { ArtifactPreview, ListArtifactsResult } from './types';

export const artifactKeys = {
  all: (sourceId: string, owner: string) => [...sourceScope(sourceId), 'artifacts', owner] as const,
  list: (sourceId: string, owner: string, path: string) => [...artifactKeys.all(sourceId, owner), 'list', path] as const,
  preview: (sourceId: string, owner: string, path: string) => [...artifactKeys.all(sourceId, owner), 'preview', path] as const,
};

export const listArtifacts = (sourceId: string, owner: string, path: string) =>
  call<ListArtifactsResult>('ListArtifacts', sourceId, owner, path).then((r) => ({ ...r, files: r?.files ?? [] }));
export const previewArtifact = (sourceId: string, owner: string, path: string) =>
  call<ArtifactPreview>('PreviewArtifact', sourceId, owner, path);

export function useArtifacts(sourceId: string, owner: string, path: string, enabled = true) {
  return useQuery({
    queryKey: artifactKeys.list(sourceId, owner, path),
    queryFn: () => listArtifacts(sourceId, owner, path),
    enabled: enabled && !!owner,
  });
}

export function useArtifactPreview(sourceId: string, owner: string, path: string) {
  return useQuery({
    queryKey: artifactKeys.preview(sourceId, owner, path),
    queryFn: () => previewArtifact(sourceId, owner, path),
    enabled: !!owner && !!path,
  });
}
