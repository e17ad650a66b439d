import { expect, manifest, ready, settled, shot, sources, synced, test } from './helpers';

const runId = manifest.runs['logreg-C1.0'];
const churn = manifest.experiments['churn-classifier'];

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of each view (${scheme})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme: scheme });
    const s = await sources(page);
    await synced(page, s.file);
    const id = s.file.id;
    const views: [string, string, string][] = [
      ['sources', '/sources', 'sources-table'],
      ['experiments', `/s/${id}/experiments`, 'experiments-table'],
      ['runs', `/s/${id}/runs?exp=${churn}`, 'run-row'],
      ['run-overview', `/s/${id}/runs/${runId}`, 'run-id'],
      ['run-metrics', `/s/${id}/runs/${runId}/metrics`, 'metrics-table'],
      ['run-params', `/s/${id}/runs/${runId}/params`, 'params-table'],
      ['run-artifacts', `/s/${id}/runs/${runId}/artifacts?path=eval%2Fsample.csv`, 'artifact-preview'],
      ['models', `/s/${id}/models`, 'models-list'],
      ['model', `/s/${id}/models/churn-classifier`, 'versions-table'],
      ['compare', `/s/${id}/compare?runs=${runId},${manifest.runs['logreg-C0.1']}`, 'compare-list'],
    ];
    for (const [name, path, testId] of views) {
      await ready(page, path);
      await expect(page.getByTestId(testId).first()).toBeVisible();
      await settled(page);
      await shot(page, `${name}-${scheme}`);
    }
  });
}
