import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Empty, Loading } from '../components/States';
import { ComparePage } from '../features/compare/ComparePage';
import { ExperimentsPage } from '../features/experiments/ExperimentsPage';
import { ModelPage } from '../features/models/ModelPage';
import { ModelsPage } from '../features/models/ModelsPage';
import { RunPage } from '../features/run/RunPage';
import { RunsPage } from '../features/runs/RunsPage';
import { SourcesPage } from '../features/sources/SourcesPage';
import { useCurrentSource } from '../features/sources/hooks/useCurrentSource';
import { sectionOf } from '../lib/paths';
import { Shell } from './Shell';

/** /, /runs, /models… without a source: go to the current source's view. */
function ToCurrent() {
  const { sourceId, loading } = useCurrentSource();
  const { pathname, search } = useLocation();
  if (loading) return <Loading />;
  if (!sourceId) return <Navigate to="/sources" replace />;
  const section = pathname === '/' ? 'experiments' : sectionOf(pathname);
  return <Navigate to={`/s/${encodeURIComponent(sourceId)}/${section}${search}`} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Shell />}>
        <Route index element={<ToCurrent />} />
        <Route path="sources" element={<SourcesPage />} />
        <Route path="experiments" element={<ToCurrent />} />
        <Route path="runs" element={<ToCurrent />} />
        <Route path="compare" element={<ToCurrent />} />
        <Route path="models" element={<ToCurrent />} />
        <Route path="s/:sid">
          <Route index element={<Navigate to="experiments" replace />} />
          <Route path="experiments" element={<ExperimentsPage />} />
          <Route path="runs" element={<RunsPage />} />
          <Route path="runs/:runId/:tab?" element={<RunPage />} />
          <Route path="compare" element={<ComparePage />} />
          <Route path="models" element={<ModelsPage />} />
          <Route path="models/:name" element={<ModelPage />} />
        </Route>
        <Route path="*" element={<Empty title="Nothing here">This address does not match any view.</Empty>} />
      </Route>
    </Routes>
  );
}
