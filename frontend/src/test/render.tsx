import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { setTransport } from '../api/transport';

export type Handlers = Record<string, (...args: never[]) => unknown>;

/** Installs a fake backend answering from handlers; records every call. */
export function fakeBackend(handlers: Handlers) {
  const calls: { method: string; args: unknown[] }[] = [];
  setTransport({
    face: 'web',
    async call(method, args) {
      calls.push({ method, args });
      const h = handlers[method];
      if (!h) throw new Error(`unexpected call ${method}`);
      return (await h(...(args as never[]))) ?? null;
    },
  });
  return calls;
}

export let lastLocation = '';
export function LocationSpy() {
  const l = useLocation();
  lastLocation = l.pathname + l.search;
  return null;
}

export function renderAt(ui: ReactElement, { path, route }: { path: string; route: string }) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  return render(
    <QueryClientProvider client={qc}>
      <MemoryRouter initialEntries={[route]}>
        <LocationSpy />
        <Routes>
          <Route path={path} element={ui} />
          <Route path="*" element={<div data-testid="elsewhere" />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
