/** An error from the backend, with MLflow's error code. */
export class ApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  error?: unknown;
  error_code?: unknown;
}

function fromObject(o: ErrorShape): ApiError | null {
  if (o.error && typeof o.error === 'object') return fromObject(o.error as ErrorShape);
  const code = typeof o.code === 'string' ? o.code : typeof o.error_code === 'string' ? o.error_code : '';
  const message = typeof o.message === 'string' ? o.message : typeof o.error === 'string' ? o.error : '';
  if (!code && !message) return null;
  return new ApiError(code || 'INTERNAL_ERROR', message || code);
}

/**
 * Turns whatever a transport rejected with into an ApiError. Wails rejects
 * with the Go error's text; the HTTP face sends {"error":{code,message}}.
 * A text of the form `CODE: message` or a JSON object keeps its code.
 */
export function decodeError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (typeof raw === 'string') {
    const s = raw.trim();
    if (s.startsWith('{')) {
      try {
        const parsed = fromObject(JSON.parse(s) as ErrorShape);
        if (parsed) return parsed;
      } catch {
        /* not JSON: fall through */
      }
    }
    const m = /^([A-Z][A-Z0-9_]{2,}):\s*([\s\S]*)$/.exec(s);
    if (m) return new ApiError(m[1], m[2]);
    return new ApiError('INTERNAL_ERROR', s);
  }
  if (raw instanceof Error) return decodeError(raw.message);
  if (raw && typeof raw === 'object') {
    const parsed = fromObject(raw as ErrorShape);
    if (parsed) return parsed;
  }
  return new ApiError('INTERNAL_ERROR', String(raw));
}
