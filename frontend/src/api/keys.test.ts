import { describe, expect, it } from 'vitest';
import { artifactKeys } from './artifacts';
import { experimentKeys } from './experiments';
import { modelKeys } from './models';
import { runDetailKeys } from './run';
import { runKeys } from './runs';
import { sourceKeys, sourceScope } from './sources';

describe('query keys', () => {
  it('scope every per-source key under [src, id] so a sync can invalidate them at once', () => {
    const scope = sourceScope('s1');
    const keys = [
      experimentKeys.list('s1', 'ALL'),
      runKeys.search({ sourceId: 's1', experimentIds: ['1'], filter: '', orderBy: [], viewType: 'ACTIVE_ONLY' }),
      runKeys.keys('s1', ['1']),
      runDetailKeys.detail('s1', 'r'),
      runDetailKeys.history('s1', 'r', 'loss'),
      artifactKeys.preview('s1', 'r', 'a.txt'),
      modelKeys.versions('s1', 'm'),
    ];
    for (const k of keys) expect(k.slice(0, 2)).toEqual([...scope]);
    expect(sourceKeys.list()[0]).toBe('sources');
  });

  it('make runs searches independent of experiment order and filter padding', () => {
    const a = runKeys.search({ sourceId: 's', experimentIds: ['2', '1'], filter: ' metrics.a > 1 ', orderBy: ['x ASC'], viewType: 'ALL' });
    const b = runKeys.search({ sourceId: 's', experimentIds: ['1', '2'], filter: 'metrics.a > 1', orderBy: ['x ASC'], viewType: 'ALL' });
    expect(a).toEqual(b);
  });

  it('distinguish different sorts, views and sources', () => {
    const base = { sourceId: 's', experimentIds: ['1'], filter: '', orderBy: [] as string[], viewType: 'ALL' as const };
    expect(runKeys.search(base)).not.toEqual(runKeys.search({ ...base, orderBy: ['attributes.start_time DESC'] }));
    expect(runKeys.search(base)).not.toEqual(runKeys.search({ ...base, sourceId: 't' }));
    expect(experimentKeys.list('s', 'ALL')).not.toEqual(experimentKeys.list('s', 'ACTIVE_ONLY'));
    expect(artifactKeys.list('s', 'r', '')).not.toEqual(artifactKeys.preview('s', 'r', ''));
  });
});
