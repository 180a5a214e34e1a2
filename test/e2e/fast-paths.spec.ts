import { expect, test, type Page } from '@playwright/test';
import { lookAt, openPage, runToEnd } from './helpers';

// Two modules reach into library internals for speed (plots/plotly-svg.ts into Plotly's SVG,
// train/fused-kernel.ts into tfjs-backend-webgl's program API); both libraries are pinned exactly.
// Each counts the times it could not take its fast path. An upgrade that quietly loses one must
// fail here, not only make the page slower.

async function counts(page: Page): Promise<Record<string, number>> {
  return page.$eval('#ctl-tensors', (el) => {
    const d = (el as HTMLElement).dataset;
    return {
      kernelSteps: Number(d.kernelSteps),
      kernelFallbacks: Number(d.kernelFallbacks),
      adamSteps: Number(d.adamSteps),
      svgMoved: Number(d.svgMoved),
      svgFallbacks: Number(d.svgFallbacks),
    };
  });
}

test('live figures move their SVG through a normal run and an lr move: no fallback to Plotly', async ({ page }) => {
  await openPage(page, '?speed=500');
  await lookAt(page, '.fig-loss');
  await runToEnd(page);
  await page.locator('#ctl-lr').fill('600');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  // A frame later the diagnostics show the counts of the last frame drawn.
  await page.waitForTimeout(300);
  const c = await counts(page);
  // Three live figures a frame over two runs of 100 steps.
  expect(c.svgMoved).toBeGreaterThan(30);
  expect(c.svgFallbacks).toBe(0);
});

test('the closed form runs as the fused WebGL kernel, every step, with no fallback to plain ops', async ({ page }) => {
  await openPage(page, '?grad=closed&speed=2000&steps=200');
  await expect(page.locator('#ctl-ms-per-step')).toContainText('webgl');
  await runToEnd(page);
  await page.waitForTimeout(300);
  const c = await counts(page);
  // The warm-up's step and the run's 200 (and the start's backend comparison's) all in the kernel.
  expect(c.kernelSteps).toBeGreaterThanOrEqual(201);
  expect(c.kernelFallbacks).toBe(0);
});

test('Adam on WebGL runs as two programs of ours (and so does the race), with no fallback to plain ops', async ({
  page,
}) => {
  await openPage(page, '?opt=adam&speed=2000&steps=120');
  await runToEnd(page);
  await page.waitForTimeout(300);
  const run = await counts(page);
  // The run's 120 steps, and the probe each Adam makes before relying on its programs.
  expect(run.adamSteps).toBeGreaterThanOrEqual(120);
  expect(run.kernelFallbacks).toBe(0);
  await page.click('button[data-race="start"]');
  await expect(page.locator('.race-status')).toHaveText('step 120 / 120, done', { timeout: 60_000 });
  await page.waitForTimeout(300);
  const race = await counts(page);
  expect(Number(race.adamSteps) - Number(run.adamSteps)).toBeGreaterThanOrEqual(120);
  expect(race.kernelFallbacks).toBe(0);
});
