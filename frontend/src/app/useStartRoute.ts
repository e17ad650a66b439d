import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useVersion } from '../api/system';

const APPLIED = 'flowdeck.startRouteApplied';

/**
 * Opens the view named by `flowdeck --open /path` once per window: the
 * backend reports it with the version, the first thing the app asks for.
 * It waits until the index route has redirected to the current source, so
 * that redirect cannot land after (and over) the start route.
 */
export function useStartRoute() {
  const version = useVersion();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const route = version.data?.startRoute ?? '';
  useEffect(() => {
    if (!route.startsWith('/') || route.startsWith('//') || sessionStorage.getItem(APPLIED)) return;
    if (pathname === '/') return; // the index redirect has not settled yet
    sessionStorage.setItem(APPLIED, '1');
    navigate(route, { replace: true });
  }, [route, pathname, navigate]);
}
