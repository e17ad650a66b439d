import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useStartRoute } from './useStartRoute';

const version = vi.hoisted(() => ({ startRoute: '' as string | undefined }));
vi.mock('../api/transport', () => ({
  call: vi.fn(async () => ({ version: '1', commit: '', buildTime: '', goVersion: '', face: 'desktop', startRoute: version.startRoute })),
}));

function Probe() {
  useStartRoute();
  const loc = useLocation();
  return <div data-testid="loc">{loc.pathname}</div>;
}

function renderAt(path: string) {
  const qc = new QueryClient();
  return render(
    <QueryClientProvider client={qc}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="*" element={<Probe />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('useStartRoute', () => {
  beforeEach(() => sessionStorage.clear());

  it('opens the route the backend names, once per window', async () => {
    version.startRoute = '/runs';
    const first = renderAt('/s/x/experiments');
    await waitFor(() => expect(first.getByTestId('loc').textContent).toBe('/runs'));
    first.unmount();
    const second = renderAt('/models');
    await new Promise((r) => setTimeout(r, 50));
    expect(second.getByTestId('loc').textContent).toBe('/models');
  });

  it('waits while the index route is still redirecting', async () => {
    version.startRoute = '/runs';
    const view = renderAt('/');
    await new Promise((r) => setTimeout(r, 50));
    expect(view.getByTestId('loc').textContent).toBe('/');
  });

  it('ignores an absent or off-site route', async () => {
    version.startRoute = '//evil.example/x';
    const view = renderAt('/experiments');
    await new Promise((r) => setTimeout(r, 50));
    expect(view.getByTestId('loc').textContent).toBe('/experiments');
  });
});
