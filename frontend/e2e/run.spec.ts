import { expect, manifest, ready, sources, synced, test } from './helpers';

const runId = manifest.runs['logreg-C1.0'];

test('opens a run: overview, params, metrics chart', async ({ page }) => {
  const s = await sources(page);
  await synced(page, s.file);
  await ready(page, `/s/${s.file.id}/runs/${runId}`);
  await expect(page.getByTestId('run-title')).toHaveText('logreg-C1.0');
  await expect(page.getByTestId('run-id')).toHaveText(runId);
  await page.getByTestId('tab-params').click();
  await expect(page.getByTestId('params-table')).toContainText('C');
  await page.getByTestId('tab-metrics').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible();
  await expect(page.locator('.chart img').first()).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
});

test('previews a text file and an image artifact (deep-linked path)', async ({ page }) => {
  const s = await sources(page);
  await synced(page, s.file);
  await ready(page, `/s/${s.file.id}/runs/${runId}/artifacts?path=notes.txt`);
  await expect(page.getByTestId('preview-text')).toContainText('Run notes for C=1.0');

  await page.locator('[data-path="plots"]').click();
  await page.locator('[data-path="plots/loss_1.png"]').click();
  await expect(page).toHaveURL(/path=plots%2Floss_1\.png/);
  const img = page.getByTestId('preview-image');
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
});

test('previews an MLmodel as a card', async ({ page }) => {
  const s = await sources(page);
  await synced(page, s.file);
  await ready(page, `/s/${s.file.id}/runs/${runId}/models`);
  await expect(page.getByTestId('logged-models')).toBeVisible();
  await page.getByTestId('logged-models').getByRole('button', { name: 'Files' }).first().click();
  await page.locator('[data-path="MLmodel"]').click();
  const card = page.getByTestId('mlmodel-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText('sklearn');
  await expect(card).toContainText('Inputs');
});
