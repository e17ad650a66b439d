import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { RunDetail } from '../../api/types';
import { fakeBackend, renderAt } from '../../test/render';
import { RunPage } from './RunPage';

const detail: RunDetail = {
  run: {
    info: { run_id: 'r1', run_uuid: 'r1', experiment_id: '1', status: 'FAILED', lifecycle_stage: 'active', run_name: 'oom-crash', user_id: 'bob', start_time: 1_700_000_000_000, end_time: 1_700_000_090_000 },
    data: {
      params: [{ key: 'lr', value: '0.1' }, { key: 'empty', value: '' }],
      tags: [
        { key: 'mlflow.note.content', value: '# Title\n<script>alert(1)</script> <img src=x onerror=alert(1)>' },
        { key: 'mlflow.source.git.commit', value: 'abcdef1234567890abcdef1234567890abcdef12' },
        { key: 'mlflow.source.git.repoURL', value: 'javascript:alert(1)' },
        { key: 'team', value: '<b>growth</b>' },
      ],
    },
  },
  metrics: [{ key: 'loss', value: 'NaN', min: 0.1, max: 'Infinity', step: 9, timestamp: 0, count: 10 }],
  experiment: { experiment_id: '1', name: 'churn' },
  parent: { run_id: 'p0', run_uuid: 'p0', experiment_id: '1', status: 'FINISHED', lifecycle_stage: 'active', run_name: 'sweep' },
  children: [], loggedModels: [], modelArtifacts: [], modelVersions: [],
};

describe('RunPage', () => {
  it('renders the overview with the note as inert Markdown', async () => {
    const alert = vi.fn();
    window.alert = alert;
    fakeBackend({ GetRun: () => detail });
    renderAt(<RunPage />, { path: '/s/:sid/runs/:runId/:tab?', route: '/s/s1/runs/r1' });
    expect(await screen.findByText('oom-crash')).toBeInTheDocument();
    const note = screen.getByTestId('run-note');
    expect(note.querySelector('h1')).toHaveTextContent('Title');
    expect(note.querySelector('script, img')).toBeNull();
    expect(note.textContent).toContain('<script>alert(1)</script>');
    expect(screen.getByTestId('run-id')).toHaveTextContent('r1');
    expect(screen.getByText('abcdef1')).toBeInTheDocument();
    // a javascript: repo URL is shown, never linked
    expect(document.querySelector('a[href^="javascript"]')).toBeNull();
    for (const el of screen.getAllByText('sweep')) expect(el.closest('a')).toHaveAttribute('href', '/s/s1/runs/p0');
    expect(alert).not.toHaveBeenCalled();
  });

  it('shows params, tags (system behind a toggle) and metrics with NaN/Infinity', async () => {
    fakeBackend({ GetRun: () => detail, MetricPlot: () => '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' });
    renderAt(<RunPage />, { path: '/s/:sid/runs/:runId/:tab?', route: '/s/s1/runs/r1/tags' });
    expect(await screen.findByText('<b>growth</b>')).toBeInTheDocument();
    expect(screen.queryByText('mlflow.source.git.commit')).toBeNull();
    fireEvent.click(screen.getByTestId('system-tags-toggle'));
    expect(screen.getByText('mlflow.source.git.commit')).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('tab-metrics'));
    expect(await screen.findByTestId('metrics-table')).toHaveTextContent('NaN');
    expect(screen.getByTestId('metrics-table')).toHaveTextContent('∞');
    const img = await screen.findByAltText('loss over step');
    expect(img.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(document.querySelector('svg script')).toBeNull();

    fireEvent.click(screen.getByTestId('tab-params'));
    expect(await screen.findByTestId('params-table')).toHaveTextContent('(empty)');
  });
});
