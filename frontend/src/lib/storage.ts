import { useCallback, useSyncExternalStore } from 'react';

/** A localStorage-backed value that every component reading it sees change. */
const listeners = new Map<string, Set<() => void>>();

function notify(key: string) {
  listeners.get(key)?.forEach((l) => l());
}

export function readJSON<T>(key: string, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function writeJSON(key: string, value: unknown): void {
  try {
    if (value === undefined) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or disabled: the choice lives until reload */
  }
  cache.delete(key);
  notify(key);
}

// Snapshots must be referentially stable between changes.
const cache = new Map<string, { raw: string | null; value: unknown }>();

function snapshot<T>(key: string, fallback: T): T {
  let raw: string | null = null;
  try {
    raw = window.localStorage.getItem(key);
  } catch {
    raw = null;
  }
  const hit = cache.get(key);
  if (hit && hit.raw === raw) return hit.value as T;
  const value = raw === null ? fallback : readJSON<T>(key, fallback);
  cache.set(key, { raw, value });
  return value;
}

export function useStoredState<T>(key: string, fallback: T): [T, (v: T) => void] {
  const subscribe = useCallback(
    (cb: () => void) => {
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(cb);
      const onStorage = (e: StorageEvent) => e.key === key && cb();
      window.addEventListener('storage', onStorage);
      return () => {
        set.delete(cb);
        window.removeEventListener('storage', onStorage);
      };
    },
    [key],
  );
  // fallback is deliberately not a dependency: callers pass literals.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const get = useCallback(() => snapshot(key, fallback), [key]);
  const value = useSyncExternalStore(subscribe, get, get);
  const set = useCallback((v: T) => writeJSON(key, v), [key]);
  return [value, set];
}
