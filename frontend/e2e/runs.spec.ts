import { readFileSync } from 'node:fs';
import { expect, manifest, ready, sources, synced, test } from './helpers';

const churn = manifest.experiments['churn-classifier'];

async function openChurn(page: import('@playwright/test').Page, extra = '') {
  const s = await sources(page);
  await synced(page, s.file);
  await ready(page, `/s/${s.file.id}/runs?exp=${churn}${extra}`);
  await expect(page.getByTestId('run-row').first()).toBeVisible();
  return s;
}

const names = (page: import('@playwright/test').Page) => page.locator('[data-testid=run-row] .run-link').allTextContents();

test('filters runs with a valid filter and shows an invalid one inline', async ({ page }) => {
  await openChurn(page);
  const filter = page.getByTestId('filter-input');
  await filter.fill("params.C = '1.0'");
  await page.keyboard.press('Escape');
  await filter.press('Enter');
  await expect(page).toHaveURL(/filter=/);
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('runs-table')).toContainText('logreg-C1.0');

  await filter.fill('metrics.val_loss <<< oops');
  await page.keyboard.press('Escape');
  await filter.press('Enter');
  const err = page.getByTestId('filter-error');
  await expect(err).toBeVisible();
  expect((await err.textContent())?.length).toBeGreaterThan(10);
});

test('autocompletes filter keys', async ({ page }) => {
  await openChurn(page);
  const filter = page.getByTestId('filter-input');
  await page.keyboard.press('/');
  await expect(filter).toBeFocused();
  await filter.pressSequentially('params.');
  await expect(page.getByTestId('filter-suggestions')).toContainText('C');
});

test('sorts by clicking a header', async ({ page }) => {
  await openChurn(page);
  await page.getByTestId('col-name').click();
  await expect(page).toHaveURL(/sort=attributes\.run_name\+ASC/);
  await expect(page.getByTestId('col-name')).toHaveAttribute('aria-sort', 'ascending');
  const asc = await names(page);
  await page.getByTestId('col-name').click();
  await expect(page.getByTestId('col-name')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await names(page))[0]).not.toBe(asc[0]);
  const desc = await names(page);
  expect([...asc].sort()).toEqual([...desc].sort());
});

test('picked columns are kept after a reload', async ({ page }) => {
  await openChurn(page);
  await page.getByTestId('column-picker').click();
  await page.getByTestId('col-opt-param:C').locator('input').check();
  await expect(page.getByTestId('col-param:C')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.getByTestId('app-ready')).toBeVisible();
  await expect(page.getByTestId('col-param:C')).toBeVisible();
});

test('exports the visible table as CSV', async ({ page }) => {
  await openChurn(page, `&filter=${encodeURIComponent("params.C = '1.0'")}`);
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
  const lines = text.trim().split(/\r\n/);
  expect(lines[0]).toMatch(/^run_id,Run,Status,Started,Duration,User,Source,Commit/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(manifest.runs['logreg-C1.0']);
  expect(lines[1]).toContain('logreg-C1.0');
});

test('opens a run from the table with the keyboard', async ({ page }) => {
  await openChurn(page);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('j');
  await expect(page.locator('[data-testid=run-row][aria-selected=true]')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/runs\/[0-9a-f]{32}$/);
  await expect(page.getByTestId('run-id')).toBeVisible();
});

test('follows a deep link with filter and sort in the URL, and back works', async ({ page }) => {
  const s = await sources(page);
  await synced(page, s.file);
  const q = new URLSearchParams({ exp: churn, filter: "params.C = '1.0'", sort: 'attributes.start_time DESC' });
  await ready(page, `/s/${s.file.id}/runs?${q}`);
  await expect(page.getByTestId('filter-input')).toHaveValue("params.C = '1.0'");
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await page.locator('[data-testid=run-row] .run-link').first().click();
  await expect(page.getByTestId('run-title')).toHaveText('logreg-C1.0');
  await page.goBack();
  await expect(page.getByTestId('filter-input')).toHaveValue("params.C = '1.0'");
});
