import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { startSyncEvents } from '../features/sources/hooks/syncStore';

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: false, retry: 1 } },
  });
}

export function Providers({ children, client }: { children: ReactNode; client?: QueryClient }) {
  const [qc] = useState(() => client ?? makeQueryClient());
  useEffect(() => startSyncEvents(qc), [qc]);
  return <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
}
