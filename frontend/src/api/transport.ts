import { ApiError, decodeError } from './errors';

export type Face = 'desktop' | 'web' | 'mock';

/** A way to call the backend's Service methods with positional arguments. */
export interface Transport {
  readonly face: Face;
  call(method: string, args: unknown[]): Promise<unknown>;
}

type BoundMethod = (...args: unknown[]) => Promise<unknown>;

/** The part of the Wails window globals we use. */
export interface WailsWindow {
  go?: { service?: { Service?: Record<string, BoundMethod | undefined> } };
  runtime?: { EventsOn?: (name: string, cb: (...data: unknown[]) => void) => (() => void) | void };
}

const TOKEN_KEY = 'flowdeck.token';

/** Reads ?token= from the page URL once, keeps it in sessionStorage and drops it from the address bar. */
export function captureToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string {
  const url = new URL(loc.href);
  const t = url.searchParams.get('token');
  if (t) {
    storage.setItem(TOKEN_KEY, t);
    url.searchParams.delete('token');
    try {
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    } catch {
      /* not in a browser that allows it: keep the URL */
    }
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

export function authToken(): string {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function wailsTransport(win: WailsWindow): Transport {
  return {
    face: 'desktop',
    async call(method, args) {
      const fn = win.go?.service?.Service?.[method];
      if (typeof fn !== 'function') throw new ApiError('NOT_IMPLEMENTED', `method ${method} is not bound`);
      try {
        const out = await fn(...args);
        return out ?? null;
      } catch (e) {
        throw decodeError(e);
      }
    },
  };
}

export function fetchTransport(fetchFn: typeof fetch = (...a) => fetch(...a), token: () => string = authToken): Transport {
  return {
    face: 'web',
    async call(method, args) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      const t = token();
      if (t) headers.Authorization = `Bearer ${t}`;
      let res: Response;
      try {
        res = await fetchFn(`/api/Service.${method}`, { method: 'POST', headers, body: JSON.stringify(args) });
      } catch (e) {
        throw new ApiError('UNAVAILABLE', `cannot reach the Flowdeck server: ${e instanceof Error ? e.message : String(e)}`);
      }
      const text = await res.text();
      if (!res.ok) {
        if (text) {
          try {
            throw decodeError(JSON.parse(text) as unknown);
          } catch (e) {
            if (e instanceof ApiError) throw e;
          }
          throw new ApiError(res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_ERROR', text.trim());
        }
        throw new ApiError(res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL_ERROR', `HTTP ${res.status}`);
      }
      return text ? (JSON.parse(text) as unknown) : null;
    },
  };
}

/** Wails bindings when the desktop runtime injected them, fetch otherwise. */
export function pickTransport(win: WailsWindow = window as unknown as WailsWindow): Transport {
  return win.go?.service?.Service ? wailsTransport(win) : fetchTransport();
}

let current: Transport | null = null;

export function setTransport(t: Transport | null): void {
  current = t;
}

export function transport(): Transport {
  if (!current) current = pickTransport();
  return current;
}

/** Calls Service.<method>(...args) on whichever face we run in. */
export function call<T>(method: string, ...args: unknown[]): Promise<T> {
  return transport().call(method, args) as Promise<T>;
}

/** URL of an artifact file; works as-is in both faces. */
export function artifactUrl(sourceId: string, owner: string, path: string): string {
  const q = new URLSearchParams({ source: sourceId, run: owner, path });
  return withToken(`/artifact?${q.toString()}`);
}

/** Adds ?token= to a same-origin URL when the web face needs one (img/download cannot send headers). */
export function withToken(url: string): string {
  const t = authToken();
  if (!t || !url || /[?&]token=/.test(url) || /^(data|blob):/.test(url)) return url;
  return url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(t);
}
