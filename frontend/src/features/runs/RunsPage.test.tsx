import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import type { RunRow, SearchRunsRequest } from '../../api/types';
import { fakeBackend, lastLocation, renderAt } from '../../test/render';
import { RunsPage } from './RunsPage';

beforeAll(() => {
  // jsdom has no layout: give the virtualised grid a size.
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 1200 });
});

const run = (id: string, name: string, extra: Partial<RunRow> = {}): RunRow => ({
  info: { run_id: id, run_uuid: id, experiment_id: '1', status: 'FINISHED', lifecycle_stage: 'active', run_name: name, user_id: 'alice', start_time: 1_700_000_000_000, end_time: 1_700_000_060_000 },
  params: { lr: '0.1' }, tags: { 'mlflow.source.git.commit': 'abcdef1234567890' }, metrics: [{ key: 'val_loss', value: 0.25, min: 0.2, max: 0.9, step: 3, timestamp: 0, count: 4 }], parentRunId: '', ...extra,
});

function backend() {
  return fakeBackend({
    ListExperiments: () => [{ experiment_id: '1', name: 'churn', runCount: 3, lastActivity: 0 }],
    SearchKeys: () => ({ metrics: ['val_loss'], params: ['lr'], tags: ['team'] }),
    SearchRuns: (req: SearchRunsRequest) => {
      if (req.filter.includes('bogus')) throw new ApiError('INVALID_PARAMETER_VALUE', "Invalid clause(s) in filter string: 'bogus'");
      return { runs: [run('p1', 'sweep'), run('c1', 'child-a', { parentRunId: 'p1' }), run('r2', '<img src=x onerror=alert(1)>')], nextPageToken: '', total: 3 };
    },
  });
}

describe('RunsPage', () => {
  it('lists runs with nested children collapsed under their parent', async () => {
    backend();
    renderAt(<RunsPage />, { path: '/s/:sid/runs', route: '/s/src1/runs?exp=1' });
    expect(await screen.findByText('sweep')).toBeInTheDocument();
    expect(screen.queryByText('child-a')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Expand child runs' }));
    expect(await screen.findByText('child-a')).toBeInTheDocument();
    // hostile run name is text
    expect(screen.getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId('runs-count')).toHaveTextContent('3 runs');
  });

  it('sends the request with experiment ids and page size, and sorts on header click', async () => {
    const calls = backend();
    renderAt(<RunsPage />, { path: '/s/:sid/runs', route: '/s/src1/runs?exp=1' });
    await screen.findByText('sweep');
    const first = calls.find((c) => c.method === 'SearchRuns')!.args[0] as SearchRunsRequest;
    expect(first).toMatchObject({ sourceId: 'src1', experimentIds: ['1'], maxResults: 1000, pageToken: '', filter: '', orderBy: [] });
    fireEvent.click(screen.getByTestId('col-user'));
    await waitFor(() => expect(new URLSearchParams(lastLocation.split('?')[1]).getAll('sort')).toEqual(['attributes.user_id ASC']));
    await waitFor(() => {
      const last = calls.filter((c) => c.method === 'SearchRuns').pop()!.args[0] as SearchRunsRequest;
      expect(last.orderBy).toEqual(['attributes.user_id ASC']);
    });
  });

  it('shows an invalid filter error inline under the filter box', async () => {
    backend();
    renderAt(<RunsPage />, { path: '/s/:sid/runs', route: '/s/src1/runs?exp=1' });
    await screen.findByText('sweep');
    const input = screen.getByTestId('filter-input');
    fireEvent.change(input, { target: { value: 'bogus' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByTestId('filter-error')).toHaveTextContent("Invalid clause(s) in filter string: 'bogus'");
  });

  it('selects runs and navigates to compare', async () => {
    backend();
    renderAt(<RunsPage />, { path: '/s/:sid/runs', route: '/s/src1/runs?exp=1' });
    await screen.findByText('sweep');
    fireEvent.click(screen.getByLabelText('Select run p1'));
    fireEvent.click(screen.getByLabelText('Select run r2'));
    const btn = screen.getByTestId('compare-btn');
    expect(btn).toHaveTextContent('Compare (2)');
    fireEvent.click(btn);
    expect(lastLocation).toBe('/s/src1/compare?runs=p1,r2');
  });

  it('adds a picked metric column that persists', async () => {
    backend();
    renderAt(<RunsPage />, { path: '/s/:sid/runs', route: '/s/src1/runs?exp=1' });
    await screen.findByText('sweep');
    fireEvent.click(screen.getByTestId('column-picker'));
    await waitFor(() => expect(screen.getByTestId('col-opt-metric:val_loss')).toBeInTheDocument());
    fireEvent.click(within(screen.getByTestId('col-opt-metric:val_loss')).getByRole('checkbox'));
    expect(await screen.findByTestId('col-metric:val_loss')).toBeInTheDocument();
    expect(localStorage.getItem('flowdeck.columns.v1:src1:1')).toContain('val_loss');
  });

  it('moves the cursor with j/k and opens with Enter', async () => {
    backend();
    renderAt(<RunsPage />, { path: '/s/:sid/runs', route: '/s/src1/runs?exp=1' });
    await screen.findByText('sweep');
    fireEvent.keyDown(window, { key: 'j' });
    await waitFor(() => expect(lastLocation).toContain('sel=p1'));
    fireEvent.keyDown(window, { key: 'j' });
    await waitFor(() => expect(lastLocation).toContain('sel=r2'));
    fireEvent.keyDown(window, { key: 'Enter' });
    await waitFor(() => expect(lastLocation).toBe('/s/src1/runs/r2'));
  });
});
