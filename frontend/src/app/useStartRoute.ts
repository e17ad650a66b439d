import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useVersion } from '../api/system';

const APPLIED = 'flowdeck.startRouteApplied';

/**
 * Opens the view named by `flowdeck --open /path` once per window: the
 * backend reports it with the version, the first thing the app asks for.
 */
export function useStartRoute() {
  const version = useVersion();
  const navigate = useNavigate();
  const route = version.data?.startRoute ?? '';
  useEffect(() => {
    if (!route.startsWith('/') || route.startsWith('//') || sessionStorage.getItem(APPLIED)) return;
    sessionStorage.setItem(APPLIED, '1');
    navigate(route, { replace: true });
  }, [route, navigate]);
}
