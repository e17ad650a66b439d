/* Starts a real `flowdeck serve` on the fixture stores plus a hostile demo
   store. Builds nothing: FLOWDECK_BIN must point at a built binary. */
import { fileURLToPath } from 'node:url';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const __dirname = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(__dirname, '..', '..');

async function waitReady(base: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    try {
      const r = await fetch(`${base}/api/Service.Version`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[]' });
      if (r.ok) return;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`flowdeck serve did not answer Version at ${base}: ${last}`);
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.FLOWDECK_E2E_BASEURL) {
    await waitReady(process.env.FLOWDECK_E2E_BASEURL, 30_000);
    return async () => {};
  }
  const bin = resolve(__dirname, '..', process.env.FLOWDECK_BIN ?? '../build/bin/flowdeck-server');
  if (!existsSync(bin)) throw new Error(`FLOWDECK_BIN ${bin} does not exist: build the server first`);
  const tmp = mkdtempSync(join(tmpdir(), 'flowdeck-e2e-'));
  const demo = join(tmp, 'hostile');
  execFileSync(bin, ['demo', demo, '--hostile'], { stdio: 'inherit', timeout: 120_000 });
  const hostileUri = existsSync(join(demo, 'mlruns')) ? join(demo, 'mlruns') : demo;
  process.env.FLOWDECK_E2E_HOSTILE = hostileUri;

  const fixtures = join(root, 'testdata', 'fixtures', 'mlflow-3.5');
  const port = process.env.FLOWDECK_E2E_PORT!;
  const base = `http://127.0.0.1:${port}`;
  const args = ['serve', '--addr', `127.0.0.1:${port}`, '--cache', join(tmp, 'cache.db'), '--config', join(tmp, 'sources.json'), join(fixtures, 'mlruns'), `sqlite:///${join(fixtures, 'mlflow.db')}`, hostileUri];
  const child = spawn(bin, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    await waitReady(base, 60_000);
  } catch (e) {
    child.kill('SIGTERM');
    throw e;
  }
  return async () => {
    if (!exited) {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      if (!exited) child.kill('SIGKILL');
    }
    rmSync(tmp, { recursive: true, force: true });
  };
}
