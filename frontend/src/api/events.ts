import { authToken, transport, type WailsWindow } from './transport';

type Handler = (data: unknown) => void;

/** Something that can deliver backend events by name. */
export interface EventSourceLike {
  on(name: string, cb: Handler): () => void;
}

const handlers = new Map<string, Set<Handler>>();
let es: EventSource | null = null;
const attached = new Set<string>();
let override: EventSourceLike | null = null;

/** Lets the mock transport and tests feed events. */
export function setEventSource(src: EventSourceLike | null): void {
  override = src;
}

function sse(name: string): void {
  if (typeof EventSource === 'undefined') return;
  if (!es) {
    const t = authToken();
    es = new EventSource('/api/events' + (t ? `?token=${encodeURIComponent(t)}` : ''));
  }
  if (attached.has(name)) return;
  attached.add(name);
  es.addEventListener(name, (ev) => {
    let data: unknown = null;
    const raw = (ev as MessageEvent<string>).data;
    if (raw) {
      try {
        data = JSON.parse(raw) as unknown;
      } catch {
        data = raw;
      }
    }
    handlers.get(name)?.forEach((h) => h(data));
  });
}

/** Subscribes to a backend event; returns the unsubscribe function. */
export function onEvent<T>(name: string, cb: (data: T) => void): () => void {
  const h = cb as Handler;
  if (override) return override.on(name, h);
  const win = window as unknown as WailsWindow;
  if (transport().face === 'desktop' && win.runtime?.EventsOn) {
    const off = win.runtime.EventsOn(name, (...data: unknown[]) => h(data[0] ?? null));
    return typeof off === 'function' ? off : () => {};
  }
  let set = handlers.get(name);
  if (!set) handlers.set(name, (set = new Set()));
  set.add(h);
  sse(name);
  return () => {
    set.delete(h);
  };
}

/** A tiny in-memory emitter (mock transport, tests). */
export function memoryEvents(): EventSourceLike & { emit(name: string, data: unknown): void } {
  const subs = new Map<string, Set<Handler>>();
  return {
    on(name, cb) {
      let s = subs.get(name);
      if (!s) subs.set(name, (s = new Set()));
      s.add(cb);
      return () => s.delete(cb);
    },
    emit(name, data) {
      subs.get(name)?.forEach((h) => h(data));
    },
  };
}
