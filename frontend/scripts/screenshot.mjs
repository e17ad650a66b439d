// Dev helper: screenshots of the mock-backed app (npm run dev first).
// usage: node scripts/screenshot.mjs [baseURL] [outDir] [dark]
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:5199';
const out = process.argv[3] ?? '/tmp/fd-shots';
const dark = process.argv[4] === 'dark';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 860 }, colorScheme: dark ? 'dark' : 'light' });
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
page.on('dialog', (d) => { errors.push('DIALOG ' + d.message()); void d.dismiss(); });
const shots = (process.env.SHOTS ?? 'experiments,runs,runs-big,run,metrics,artifacts,mlmodel,models,sources,filter-error').split(',');
const go = async (name, path, fn) => {
  if (!shots.includes(name)) return;
  await page.goto(base + path);
  await page.waitForTimeout(900);
  if (fn) await fn();
  await page.screenshot({ path: `${out}/${name}${dark ? '-dark' : ''}.png` });
  console.log('shot', name);
};
await page.goto(base + '/?mock=1');
await page.waitForSelector('[data-testid=app-ready]', { timeout: 15000 });
await go('experiments', '/s/local/experiments');
await go('runs', '/s/local/runs?exp=1', async () => {
  await page.getByRole('button', { name: 'Expand child runs' }).first().click().catch(() => {});
  await page.waitForTimeout(200);
});
await go('runs-big', '/s/local/runs?exp=3&sort=metrics.val_loss%20ASC');
await go('filter-error', '/s/local/runs?exp=1&filter=metrics.val_loss%20%3C%20abc');
const runId = await page.evaluate(async () => '');
void runId;
await go('run', '/s/local/runs?exp=1', async () => {
  await page.locator('[data-testid=run-row] a').nth(7).click();
  await page.waitForTimeout(800);
});
const url = page.url();
await go('metrics', new URL(url).pathname + '/metrics', async () => page.waitForTimeout(500));
await go('artifacts', new URL(url).pathname + '/artifacts?path=train.log');
await go('mlmodel', new URL(url).pathname + '/artifacts?path=model%2FMLmodel');
await go('models', '/s/local/models');
await go('sources', '/sources');
console.log('errors:', errors);
await browser.close();
