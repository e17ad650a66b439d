import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, decodeError } from './errors';
import { artifactUrl, call, captureToken, fetchTransport, pickTransport, setTransport, wailsTransport, type WailsWindow } from './transport';

afterEach(() => setTransport(null));

describe('pickTransport', () => {
  it('uses Wails bindings when window.go.service.Service exists', async () => {
    const Version = vi.fn().mockResolvedValue({ version: '1.0' });
    const win: WailsWindow = { go: { service: { Service: { Version } } } };
    const t = pickTransport(win);
    expect(t.face).toBe('desktop');
    await expect(t.call('Version', [])).resolves.toEqual({ version: '1.0' });
    expect(Version).toHaveBeenCalledWith();
  });

  it('falls back to fetch without window.go', () => {
    expect(pickTransport({}).face).toBe('web');
  });

  it('passes positional args to the bound method and maps undefined to null', async () => {
    const SelectSource = vi.fn().mockResolvedValue(undefined);
    const t = wailsTransport({ go: { service: { Service: { SelectSource } } } });
    await expect(t.call('SelectSource', ['abc'])).resolves.toBeNull();
    expect(SelectSource).toHaveBeenCalledWith('abc');
  });

  it('decodes a Wails rejection into an ApiError with its code', async () => {
    const SearchRuns = vi.fn().mockRejectedValue('INVALID_PARAMETER_VALUE: Invalid clause(s) in filter string');
    const t = wailsTransport({ go: { service: { Service: { SearchRuns } } } });
    const err = await t.call('SearchRuns', [{}]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('INVALID_PARAMETER_VALUE');
    expect((err as ApiError).message).toBe('Invalid clause(s) in filter string');
  });

  it('reports an unbound method as NOT_IMPLEMENTED', async () => {
    const t = wailsTransport({ go: { service: { Service: {} } } });
    await expect(t.call('PickPath', ['folder'])).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED' });
  });
});

describe('fetchTransport', () => {
  it('POSTs the args array as JSON to /api/Service.<Method> with the bearer token', async () => {
    const f = vi.fn().mockResolvedValue(new Response('{"version":"2"}', { status: 200 }));
    const t = fetchTransport(f as unknown as typeof fetch, () => 'tok123');
    await expect(t.call('GetRun', ['src', 'r1'])).resolves.toEqual({ version: '2' });
    const [url, init] = f.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/Service.GetRun');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('["src","r1"]');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok123');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('omits Authorization without a token and returns null for an empty body', async () => {
    const f = vi.fn().mockResolvedValue(new Response('null', { status: 200 }));
    const t = fetchTransport(f as unknown as typeof fetch, () => '');
    await expect(t.call('RemoveSource', ['x'])).resolves.toBeNull();
    const init = f.mock.calls[0][1] as RequestInit;
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('decodes {"error":{code,message}} from a non-2xx answer', async () => {
    const body = JSON.stringify({ error: { code: 'INVALID_PARAMETER_VALUE', message: "Invalid clause(s) in filter string: 'x'" } });
    const f = vi.fn().mockResolvedValue(new Response(body, { status: 400 }));
    const t = fetchTransport(f as unknown as typeof fetch, () => '');
    await expect(t.call('SearchRuns', [{}])).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE', message: "Invalid clause(s) in filter string: 'x'" });
  });

  it('keeps a plain-text error body as the message', async () => {
    const f = vi.fn().mockResolvedValue(new Response('unauthorized\n', { status: 401 }));
    const t = fetchTransport(f as unknown as typeof fetch, () => '');
    await expect(t.call('Version', [])).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'unauthorized' });
  });

  it('reports a network failure as UNAVAILABLE', async () => {
    const f = vi.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    const t = fetchTransport(f as unknown as typeof fetch, () => '');
    await expect(t.call('Version', [])).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('call and helpers', () => {
  it('routes call() through the installed transport', async () => {
    const seen: unknown[] = [];
    setTransport({ face: 'mock', call: async (m, a) => (seen.push([m, a]), 42) });
    await expect(call<number>('ListExperiments', 's1', 'ALL')).resolves.toBe(42);
    expect(seen).toEqual([['ListExperiments', ['s1', 'ALL']]]);
  });

  it('captures ?token= into sessionStorage and strips it from the URL', () => {
    window.history.replaceState(null, '', '/s/x/runs?exp=1&token=secret');
    expect(captureToken()).toBe('secret');
    expect(window.location.search).toBe('?exp=1');
    expect(sessionStorage.getItem('flowdeck.token')).toBe('secret');
    expect(artifactUrl('src', 'run1', 'dir/a b.png')).toBe('/artifact?source=src&run=run1&path=dir%2Fa+b.png&token=secret');
  });

  it('decodes JSON strings, objects and Errors', () => {
    expect(decodeError('{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"no run"}')).toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', message: 'no run' });
    expect(decodeError({ code: 'X_Y', message: 'm' })).toMatchObject({ code: 'X_Y', message: 'm' });
    expect(decodeError(new Error('boom'))).toMatchObject({ code: 'INTERNAL_ERROR', message: 'boom' });
  });
});
