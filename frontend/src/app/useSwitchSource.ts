import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useSelectSource } from '../api/sources';
import { paths, sectionOf } from '../lib/paths';

/** Moves the current view to another source and remembers the choice. */
export function useSwitchSource() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const select = useSelectSource();
  return useCallback(
    (id: string) => {
      select.mutate([id]);
      navigate(paths.section(id, pathname === '/sources' ? 'experiments' : sectionOf(pathname)));
    },
    [navigate, pathname, select],
  );
}
