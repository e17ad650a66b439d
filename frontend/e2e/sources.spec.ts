import { expect, ready, sources, synced, test } from './helpers';

test('switches between two sources from the top bar and with Ctrl+K', async ({ page }) => {
  const s = await sources(page);
  await synced(page, s.file);
  await synced(page, s.sqlite);
  await ready(page, `/s/${s.file.id}/experiments`);
  await expect(page.getByTestId('current-source')).toHaveText(s.file.name);
  await expect(page.getByTestId('experiments-table')).toContainText('churn-classifier');

  await page.getByTestId('source-switcher').click();
  await page.getByTestId(`source-option-${s.sqlite.id}`).click();
  await expect(page).toHaveURL(new RegExp(`/s/${s.sqlite.id}/experiments`));
  await expect(page.getByTestId('current-source')).toHaveText(s.sqlite.name);
  // logged-via-server exists only in the SQLite store
  await expect(page.getByTestId('experiments-table')).toContainText('logged-via-server');

  await page.keyboard.press('Control+k');
  await page.getByPlaceholder('Switch to source…').fill(s.file.name);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/s/${s.file.id}/experiments`));
  await expect(page.getByTestId('experiments-table')).not.toContainText('logged-via-server');
});

test('the sources page lists every source with its location', async ({ page }) => {
  const s = await sources(page);
  await ready(page, '/sources');
  const table = page.getByTestId('sources-table');
  for (const x of [s.file, s.sqlite, s.hostile]) await expect(table).toContainText(x.uri);
});
