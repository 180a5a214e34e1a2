import { expect, test } from '@playwright/test';
import { loss, moments } from '../../src/core/analysis';
import { makeLine } from '../../src/core/dataset';
import { pick, subsampleIndices } from '../../src/core/subsample';
import { collectErrors, openPage, plotData, plotLayout, runToEnd } from './helpers';

test('n = 1,000,000 trains on every point and renders a capped subsample, with no page error', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await openPage(page, '?n=1000000&steps=20&speed=200&noise=0.5');
  await expect(page.locator('#ctl-n-value')).toHaveText('1000000');
  await expect(page.locator('.output-x-head pre')).toContainText('tensor([[');
  await runToEnd(page);
  await expect(page.locator('.run-status')).toHaveText('done');
  await expect(page.locator('.step-counter')).toHaveText('step 20 / 20');
  for (const sel of ['.fig-data', '.fig-original', '.fig-calculated']) {
    const [trace] = await plotData(page, sel);
    expect(trace!.x.length, sel).toBe(2000);
  }
  expect((await plotLayout(page, '.fig-original')).title).toContain('2,000 of 1,000,000 points shown');
  // The loss is the mean over all n points, not over the 2,000 drawn: the float64 mean over the
  // million, from the same generator, within float32 summation error; and a subsample's mean is
  // farther off than that, so the check tells the two apart.
  const first = Number(await page.locator('.log-line').first().getAttribute('data-loss'));
  const data = makeLine({ seed: 42, n: 1_000_000, noise: 0.5 });
  const full = loss(moments(data.x0, data.y), data.aInit);
  const idx = subsampleIndices(1_000_000);
  const drawn = loss(moments(pick(data.x0, idx), pick(data.y, idx)), data.aInit);
  expect(Math.abs(drawn - full) / full).toBeGreaterThan(1e-3);
  expect(Math.abs(first - full) / full).toBeLessThan(1e-4);
  expect(errors).toEqual([]);
});

test('going from n = 1,000,000 back to 100 gives the small run again', async ({ page }) => {
  test.setTimeout(120_000);
  await openPage(page, '?n=1000000&steps=5');
  await page.locator('#ctl-n').fill('333');
  await expect(page.locator('#ctl-n-value')).toHaveText(/^\d{2,3}$/);
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  const [trace] = await plotData(page, '.fig-original');
  expect(trace!.x.length).toBe(Number(await page.locator('#ctl-n-value').textContent()));
});
