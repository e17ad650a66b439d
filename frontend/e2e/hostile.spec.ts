import type { Page } from '@playwright/test';
import { api, expect, ready, settled, sources, synced, test } from './helpers';

async function assertInert(page: Page) {
  await expect(page.locator('#root script')).toHaveCount(0);
  await expect(page.locator('[onerror], [onload], [onclick]')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(page.locator('iframe, object, embed')).toHaveCount(0);
}

test('hostile names, notes, tags and artifacts render as text and open no dialog', async ({ page }) => {
  test.setTimeout(240_000);
  const { hostile } = await sources(page);
  await synced(page, hostile);
  await ready(page, `/s/${hostile.id}/experiments`);
  await expect(page.getByTestId('experiments-table')).toBeVisible();
  await assertInert(page);

  await ready(page, `/s/${hostile.id}/runs`);
  await expect(page.getByTestId('run-row').first()).toBeVisible();
  await assertInert(page);

  const exps = await api<{ experiment_id: string }[]>(page, 'ListExperiments', hostile.id, 'ALL');
  const res = await api<{ runs: { info: { run_id: string; run_name?: string } }[] }>(page, 'SearchRuns', {
    sourceId: hostile.id, experimentIds: exps.map((e) => e.experiment_id), filter: '', orderBy: [], maxResults: 50, pageToken: '', viewType: 'ALL',
  });
  // The runs carrying payloads first, then a couple of ordinary ones.
  const all = res.runs ?? [];
  const picked = [...all.filter((r) => /[<>"']/.test(r.info.run_name ?? '')), ...all.slice(0, 2)].slice(0, 3);
  expect(picked.length).toBeGreaterThan(0);
  for (const r of picked) {
    for (const tab of ['', '/tags', '/params', '/artifacts', '/models']) {
      await ready(page, `/s/${hostile.id}/runs/${r.info.run_id}${tab}`);
      await settled(page);
      if (tab === '/tags') await page.getByTestId('system-tags-toggle').check();
      if (tab === '/artifacts') {
        const files = page.locator('.art-item:not(.dir)');
        const n = Math.min(await files.count(), 6);
        for (let i = 0; i < n; i++) {
          await files.nth(i).click();
          await expect(page.getByTestId('artifact-preview')).toBeVisible();
        }
      }
      await assertInert(page);
    }
  }
  await ready(page, `/s/${hostile.id}/models`);
  await settled(page);
  await assertInert(page);
});
