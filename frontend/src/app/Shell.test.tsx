import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { SourceView } from '../api/types';
import { fakeBackend, lastLocation, LocationSpy } from '../test/render';
import { Shell } from './Shell';

const src = (id: string, current = false): SourceView => ({
  id, name: `Source ${id}`, uri: `/d/${id}`, kind: 'file', hasCredentials: false, insecureTLS: false, lastSync: Date.now(), state: 'idle', error: '', stale: id === 'b', serverVersion: '', current,
});

function renderShell(route: string) {
  const calls = fakeBackend({
    Version: () => ({ version: '1.2.3', commit: 'abc', buildTime: '', goVersion: 'go1.26', face: 'web' }),
    ListSources: () => [src('a', true), { ...src('b'), error: 'server said 503' }],
    SelectSource: () => null,
  });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <MemoryRouter initialEntries={[route]}>
        <LocationSpy />
        <Routes>
          <Route element={<Shell />}>
            <Route path="/s/:sid/runs" element={<div>runs view</div>} />
            <Route path="/s/:sid/experiments" element={<div>exp view</div>} />
          </Route>
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return calls;
}

describe('Shell', () => {
  it('calls Version on start and marks the app ready', async () => {
    const calls = renderShell('/s/a/runs');
    expect(await screen.findByTestId('app-ready')).toHaveTextContent('Flowdeck 1.2.3');
    expect(calls[0].method === 'Version' || calls.some((c) => c.method === 'Version')).toBe(true);
    expect(await screen.findByTestId('current-source')).toHaveTextContent('Source a');
  });

  it('switches source with Ctrl+K, keeping the section', async () => {
    const calls = renderShell('/s/a/runs');
    await screen.findByTestId('current-source');
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const input = await screen.findByPlaceholderText('Switch to source…');
    fireEvent.change(input, { target: { value: 'Source b' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(lastLocation).toBe('/s/b/runs'));
    expect(calls.some((c) => c.method === 'SelectSource' && c.args[0] === 'b')).toBe(true);
    expect(await screen.findByTestId('stale-marker')).toHaveTextContent('server said 503');
  });
});
