import { expect, type Page, test as base } from '@playwright/test';
import { fileURLToPath } from 'node:url';
const __dirname = fileURLToPath(new URL('.', import.meta.url));
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Source {
  id: string;
  name: string;
  uri: string;
  kind: string;
}

const fixtures = resolve(__dirname, '..', '..', 'testdata', 'fixtures', 'mlflow-3.5');
export const manifest = JSON.parse(readFileSync(join(fixtures, 'manifest-filestore.json'), 'utf8')) as {
  runs: Record<string, string>;
  experiments: Record<string, string>;
};

export async function api<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  const r = await page.request.post(`/api/Service.${method}`, { data: args });
  expect(r.ok(), `${method}: ${await r.text()}`).toBeTruthy();
  return (await r.json()) as T;
}

/** The three sources global-setup started the server with. */
export async function sources(page: Page): Promise<{ file: Source; sqlite: Source; hostile: Source }> {
  const all = await api<Source[]>(page, 'ListSources');
  const file = all.find((s) => s.kind === 'file' && s.uri.includes('mlflow-3.5'));
  const sqlite = all.find((s) => s.kind === 'sqlite');
  const hostile = all.find((s) => s !== file && s.kind === 'file');
  if (!file || !sqlite || !hostile) throw new Error(`unexpected sources: ${JSON.stringify(all)}`);
  return { file, sqlite, hostile };
}

/** Waits until a source's first sync finished, so its runs are there. */
export async function synced(page: Page, s: Source): Promise<void> {
  await expect
    .poll(async () => {
      const all = await api<(Source & { lastSync: number; state: string })[]>(page, 'ListSources');
      const x = all.find((y) => y.id === s.id);
      return !!x && x.lastSync > 0 && x.state !== 'syncing';
    }, { timeout: 60_000 })
    .toBe(true);
}

export const shotDir = resolve(__dirname, 'screenshots');
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: join(shotDir, `${name}.png`), fullPage: false });
}

/** Every test fails if the page opens a dialog (alert/confirm/prompt) or throws. */
export const test = base.extend<{ guard: void }>({
  guard: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('dialog', (d) => {
        problems.push(`dialog opened: ${d.type()} ${d.message()}`);
        void d.dismiss();
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await use();
      expect(problems).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function ready(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page).toHaveTitle('Flowdeck');
}

/** Waits until no loading skeleton is left (networkidle never comes: SSE stays open). */
export async function settled(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy=true], .skeleton')).toHaveCount(0);
  await page.waitForTimeout(150);
}
