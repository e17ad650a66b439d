import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SourceInput, SourceView } from '../../api/types';
import { fakeBackend, renderAt } from '../../test/render';
import { SourcesPage } from './SourcesPage';

const src = (id: string, over: Partial<SourceView> = {}): SourceView => ({
  id, name: `Source ${id}`, uri: `/data/${id}/mlruns`, kind: 'file', hasCredentials: false, insecureTLS: false, lastSync: 0, state: 'idle', error: '', stale: false, serverVersion: '', current: false, ...over,
});

describe('SourcesPage', () => {
  it('lists sources with their state and the stale reason', async () => {
    fakeBackend({ ListSources: () => [src('a'), src('b', { kind: 'rest', uri: 'https://mlflow.example', stale: true, error: 'connection refused' })] });
    renderAt(<SourcesPage />, { path: '/sources', route: '/sources' });
    expect(await screen.findByText('Source a')).toBeInTheDocument();
    expect(screen.getByText('connection refused')).toBeInTheDocument();
  });

  it('tests a connection before saving and shows what it found; credentials go write-only', async () => {
    const calls = fakeBackend({
      ListSources: () => [],
      TestSource: (i: SourceInput) => ({ ok: true, kind: 'rest', serverVersion: '3.5.0', experiments: 7, error: '', uri: i.uri }),
      AddSource: (i: SourceInput) => src('n', { name: i.name, uri: i.uri }),
    });
    renderAt(<SourcesPage />, { path: '/sources', route: '/sources' });
    fireEvent.click(await screen.findByTestId('add-source'));
    fireEvent.change(screen.getByTestId('source-uri'), { target: { value: 'https://mlflow.example' } });
    fireEvent.change(screen.getByTestId('source-name'), { target: { value: 'Team' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 's3cret' } });
    fireEvent.click(screen.getByTestId('test-source'));
    expect(await screen.findByTestId('test-result')).toHaveTextContent('MLflow 3.5.0, 7 experiments');
    fireEvent.click(screen.getByTestId('save-source'));
    await waitFor(() => expect(calls.some((c) => c.method === 'AddSource')).toBe(true));
    expect(calls.find((c) => c.method === 'AddSource')!.args[0]).toMatchObject({ uri: 'https://mlflow.example', name: 'Team', password: 's3cret' });
  });

  it('shows the exact error of a failed test', async () => {
    fakeBackend({ ListSources: () => [], TestSource: () => ({ ok: false, kind: '', serverVersion: '', experiments: 0, error: 'open /nope: no such file or directory' }) });
    renderAt(<SourcesPage />, { path: '/sources', route: '/sources' });
    fireEvent.click(await screen.findByTestId('add-source'));
    fireEvent.change(screen.getByTestId('source-uri'), { target: { value: '/nope' } });
    fireEvent.click(screen.getByTestId('test-source'));
    expect(await screen.findByTestId('test-result')).toHaveTextContent('open /nope: no such file or directory');
  });
});
