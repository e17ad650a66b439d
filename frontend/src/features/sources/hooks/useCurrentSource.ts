import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useSources } from '../../../api/sources';
import type { SourceView } from '../../../api/types';

/** The source in view: the one in the URL, else the remembered current one, else the first. */
export function useCurrentSource(): { sourceId: string; source: SourceView | undefined; sources: SourceView[]; loading: boolean } {
  const { sid } = useParams();
  const q = useSources();
  return useMemo(() => {
    const sources = q.data ?? [];
    const id = sid ?? sources.find((s) => s.current)?.id ?? sources[0]?.id ?? '';
    return { sourceId: id, source: sources.find((s) => s.id === id), sources, loading: q.isLoading };
  }, [sid, q.data, q.isLoading]);
}
