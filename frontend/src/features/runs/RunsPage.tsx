import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/errors';
import { useExperiments } from '../../api/experiments';
import { useRunsSearch, useSearchKeys } from '../../api/runs';
import type { ViewType } from '../../api/types';
import { Icon } from '../../components/Icon';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { downloadText } from '../../lib/csv';
import { formatCount } from '../../lib/format';
import { paths } from '../../lib/paths';
import { ColumnPicker } from './components/ColumnPicker';
import { ExperimentPicker } from './components/ExperimentPicker';
import { FilterBox } from './components/FilterBox';
import { RunsTable } from './components/RunsTable';
import { useColumnChoice } from './hooks/useColumnChoice';
import { useRunsUrl } from './hooks/useRunsUrl';
import { BASE_COLUMNS, pickedDef } from './lib/columns';
import { runsCsv } from './lib/export';
import { nextSort } from './lib/sort';
import { flattenTree } from './lib/tree';

const EMPTY_KEYS = { metrics: [], params: [], tags: [] };

export function RunsPage() {
  const { sid = '' } = useParams();
  const navigate = useNavigate();
  const url = useRunsUrl();
  const exps = useExperiments(sid, 'ACTIVE_ONLY');
  // No experiment in the URL: every active experiment of the source.
  const experimentIds = useMemo(
    () => (url.experimentIds.length ? url.experimentIds : (exps.data ?? []).map((e) => e.experiment_id)),
    [url.experimentIds, exps.data],
  );
  const runs = useRunsSearch({ sourceId: sid, experimentIds, filter: url.filter, orderBy: url.orderBy, viewType: url.viewType });
  const keys = useSearchKeys(sid, experimentIds);
  const cols = useColumnChoice(sid, experimentIds);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());

  const defs = useMemo(() => [...BASE_COLUMNS, ...cols.columns.map(pickedDef)], [cols.columns]);
  const allRows = useMemo(() => runs.data?.pages.flatMap((pg) => pg.runs ?? []) ?? [], [runs.data]);
  const rows = useMemo(() => flattenTree(allRows, expanded), [allRows, expanded]);
  const total = runs.data?.pages[0]?.total ?? 0;
  const filterError = isApiError(runs.error, 'INVALID_PARAMETER_VALUE') ? runs.error.message : undefined;

  const toggleIn = (set: Set<string>, id: string) => {
    const n = new Set(set);
    if (n.has(id)) n.delete(id);
    else n.add(id);
    return n;
  };
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = runs;
  const onNearEnd = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const expName = useMemo(() => {
    if (url.experimentIds.length !== 1) return '';
    return exps.data?.find((e) => e.experiment_id === url.experimentIds[0])?.name ?? '';
  }, [url.experimentIds, exps.data]);

  const exportCsv = () => {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const base = (expName || 'runs').replace(/[^\w.-]+/g, '_');
    downloadText(`${base}-${stamp}.csv`, runsCsv(defs, rows));
  };
  const selectedIds = useMemo(() => allRows.map((r) => r.info.run_id).filter((id) => selected.has(id)), [allRows, selected]);

  return (
    <div className="page">
      <div className="page-h">
        <h1>{expName || 'Runs'}</h1>
        <ExperimentPicker experiments={exps.data ?? []} selected={url.experimentIds} onChange={url.setExperiments} />
        <span className="sub" data-testid="runs-count">
          {runs.data ? `${formatCount(allRows.length)}${total > allRows.length ? ` of ${formatCount(total)}` : ''} runs` : ''}
        </span>
        {runs.isFetching && <span className="spinner" aria-label="Loading" />}
      </div>
      <div className="toolbar runs-toolbar">
        <FilterBox key={url.filter} initial={url.filter} onApply={url.setFilter} keys={keys.data ?? EMPTY_KEYS} error={filterError} />
        <select className="select" aria-label="Lifecycle" value={url.viewType} onChange={(e) => url.setViewType(e.target.value as ViewType)}>
          <option value="ACTIVE_ONLY">Active</option>
          <option value="DELETED_ONLY">Deleted</option>
          <option value="ALL">All</option>
        </select>
        <ColumnPicker keys={keys.data} picked={cols.columns} onToggle={cols.toggle} onClear={cols.clear} />
        <button type="button" className="btn" onClick={exportCsv} disabled={!rows.length} data-testid="export-csv" title="Export the visible table as CSV">
          <Icon name="download" /> CSV
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={selectedIds.length === 0}
          data-testid="compare-btn"
          onClick={() => navigate(paths.compare(sid, selectedIds))}
        >
          <Icon name="compare" /> Compare{selectedIds.length ? ` (${selectedIds.length})` : ''}
        </button>
      </div>
      <div className="runs-body">
        {runs.isError && !filterError ? (
          <div style={{ padding: 20 }}><ErrorBox error={runs.error} title="Cannot search runs" /></div>
        ) : runs.isLoading || (exps.isLoading && !url.experimentIds.length) ? (
          <Loading rows={10} />
        ) : experimentIds.length === 0 ? (
          <Empty title="No experiments">This source has no experiments to search.</Empty>
        ) : rows.length === 0 && !filterError ? (
          <Empty title="No runs match">{url.filter ? 'Loosen the filter or clear it.' : 'No runs logged in these experiments yet.'}</Empty>
        ) : (
          <RunsTable
            sourceId={sid}
            rows={filterError ? [] : rows}
            defs={defs}
            sort={url.sort}
            selected={selected}
            cursor={url.cursor}
            onSort={(expr, add) => url.setSort(nextSort(url.sort, expr, add))}
            onToggleSelect={(id) => setSelected((s) => toggleIn(s, id))}
            onToggleAll={() => setSelected((s) => (rows.every((r) => s.has(r.row.info.run_id)) ? new Set() : new Set(rows.map((r) => r.row.info.run_id))))}
            onCursor={url.setCursor}
            onOpen={(id) => navigate(paths.run(sid, id))}
            onToggleExpand={(id) => setExpanded((s) => toggleIn(s, id))}
            onAgg={cols.setAgg}
            onNearEnd={onNearEnd}
          />
        )}
      </div>
      {hasNextPage && (
        <div className="runs-foot">
          <button type="button" className="btn sm" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage} data-testid="load-more">
            {isFetchingNextPage ? 'Loading…' : `Load more (${formatCount(total - allRows.length)} left)`}
          </button>
        </div>
      )}
    </div>
  );
}
