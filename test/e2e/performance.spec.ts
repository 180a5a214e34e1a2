import { expect, test, type Page } from '@playwright/test';
import { collectErrors, lookAt, openPage, plotData, plotLayout, runToEnd } from './helpers';

// Behaviours that keep the page fast and light. Timings are for `npm run bench`, never for tests.

const programsOf = async (page: Page): Promise<number> =>
  Number(/(\d+) WebGL programs/.exec((await page.locator('#ctl-tensors').textContent()) ?? '')?.[1]);

test('after the warm-up, playing compiles no WebGL program, whatever the batch sizes', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openPage(page, '?speed=2000&steps=3000');
  // The load-time comparison with cpu has run its batches on webgl too.
  await expect(page.locator('.backend-advice')).toContainText('At n = 100', { timeout: 30_000 });
  await expect(page.locator('#backend')).toHaveText('webgl');
  const warm = await programsOf(page);
  expect(warm).toBeGreaterThan(10);
  // One step, then a run whose batches grow from 1 step to the budget: every size in between.
  await page.click('button[data-action="step"]');
  await expect(page.locator('.step-counter')).toHaveText(/^step 1 /);
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 90_000 });
  await expect(page.locator('#ctl-ms-per-step')).toContainText('webgl');
  expect(await programsOf(page)).toBe(warm);
  expect(errors).toEqual([]);
});

test('the equations fetch only the KaTeX font subsets the build made for them', async ({ page }) => {
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (/\.(woff2?|ttf)$/.test(r.url())) fonts.push(new URL(r.url()).pathname.split('/').pop() ?? '');
  });
  await openPage(page, '?speed=2000');
  await page.evaluate(() => document.fonts.ready);
  // Every equation typeset: the prerendered ones, the live one, the bound with its numbers.
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  await page.locator('.output-bound .katex').first().scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.evaluate(() => document.fonts.ready);
  expect(fonts.length).toBeGreaterThanOrEqual(2);
  for (const f of fonts) expect(f).toMatch(/^KaTeX_[\w-]+-subset-[\w-]{8}\.woff2$/);
  // And none of the subset files failed to load.
  const failed = await page.evaluate(() =>
    [...document.fonts].filter((f) => f.family.startsWith('KaTeX') && f.status === 'error').map((f) => f.family),
  );
  expect(failed).toEqual([]);
});

test('a WebGL step dispatches only the programs its math needs: no pack or unpack pass in between', async ({
  page,
}) => {
  await page.goto('./bench.html');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  for (const n of [100, 10_000]) {
    const t = await page.evaluate((n) => window.bench.stepRate('webgl', n, 20, 200), n);
    expect(t.backend).toBe('webgl');
    // Autodiff: tfjs's built-in ops, unpacked. One packed program a batch of 20 is inherent: the
    // readback's decode, which tfjs writes four floats a texel for download.
    expect(t.packedPerStep, `autodiff, n = ${n}`).toBeLessThanOrEqual(1 / 20);
    // The forward pass, its gradient, the update and the batch's packing: 18.4 a step at n = 100
    // measured (26.5 with tfjs's default packing, which adds the pack and unpack passes).
    expect(t.programsPerStep, `autodiff, n = ${n}`).toBeLessThan(23);
    // The fused closed form: its two packed programs a step, and the batch's packing (2.2 measured;
    // 3.8 when the stack unpacked every row, 8.2 when each output was unpacked and packed again).
    const fused = await page.evaluate((n) => window.bench.stepRate('webgl', n, 20, 200, 'closed'), n);
    expect(fused.programsPerStep, `closed form, n = ${n}`).toBeLessThan(3);
  }
});

const FIGURES = ['fig-data', 'fig-original', 'fig-calculated', 'fig-loss', 'fig-landscape', 'fig-landscape-live'];

/** From now on, count the Plotly calls on each figure: every call emits one of these events on its div. */
async function countPlotlyCalls(page: Page): Promise<void> {
  await page.evaluate((figs) => {
    type Gd = HTMLElement & { on(event: string, fn: () => void): void };
    const w = window as unknown as { calls: string[] };
    w.calls = [];
    const events = ['plotly_animatingframe', 'plotly_relayout', 'plotly_restyle', 'plotly_update', 'plotly_react'];
    for (const fig of figs) {
      const gd = document.querySelector(`.${fig}`) as Gd;
      for (const event of events) gd.on(event, () => w.calls.push(fig));
    }
  }, FIGURES);
}

/** The Plotly calls counted so far, by figure; reading them starts a new count. */
async function plotlyCalls(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const w = window as unknown as { calls: string[] };
    const byFig: Record<string, number> = {};
    for (const fig of w.calls) byFig[fig] = (byFig[fig] ?? 0) + 1;
    w.calls = [];
    return byFig;
  });
}

/** Plotly calls per figure for one lr key press, against the states of the new run the page showed. */
async function callsForAnLrMove(page: Page, steps: number) {
  // One step a second after the first: the new run's first states are drawn, then a quiet while.
  await openPage(page, `?speed=1&steps=${steps}`);
  // With the loss plot in view, Calculated and the landscape are within a screen of it: all drawn.
  await lookAt(page, '.fig-loss');
  await countPlotlyCalls(page);
  // Every state the page shows changes the step counter.
  await page.evaluate(() => {
    const w = window as unknown as { states: Set<string> };
    w.states = new Set();
    const counter = document.querySelector('.step-counter') as HTMLElement;
    const oldRun = counter.dataset.run;
    new MutationObserver(() => {
      if (counter.dataset.run !== oldRun) w.states.add(`${counter.dataset.run} ${counter.textContent}`);
    }).observe(counter, { attributes: true, childList: true, characterData: true, subtree: true });
  });
  const before = await plotLayout(page, '.fig-loss');
  await page.focus('#ctl-lr');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.step-counter')).toHaveText(/^step 1 /);
  await page.waitForTimeout(300);
  const after = await plotLayout(page, '.fig-loss');
  const counts = await plotlyCalls(page);
  const states = await page.evaluate(() => (window as unknown as { states: Set<string> }).states.size);
  const sameAxes = before.xrange.join() === after.xrange.join() && before.yrange.join() === after.yrange.join();
  return { counts, states, sameAxes };
}

test('an lr move draws each live figure once per state of the new run it shows, and no static figure', async ({
  page,
}) => {
  const errors = collectErrors(page);
  // 2,000 steps: both lr values reach the float32 floor, so the loss axes stay. 20 steps: they move.
  for (const [steps, sameAxes] of [
    [2000, true],
    [20, false],
  ] as const) {
    const r = await callsForAnLrMove(page, steps);
    expect(r.sameAxes, `steps = ${steps}`).toBe(sameAxes);
    expect(r.states).toBeGreaterThanOrEqual(1);
    // Calculated and the tfjs path: one update per state shown; the loss plot the same, after a
    // relayout if its axes move. (Drawing the start in setRun and again in the frame's update added
    // one to each; relayout with the same ranges redrew the plot for nothing.) The data, Original
    // and the contour do not depend on lr.
    expect(r.counts, `steps = ${steps}`).toEqual({
      'fig-calculated': r.states,
      'fig-landscape-live': r.states,
      'fig-loss': r.states + (sameAxes ? 0 : 1),
    });
  }
  expect(errors).toEqual([]);
});

test('live figures far from view skip their frames, and show the newest run when near, printed or exported', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openPage(page, '?speed=2000&steps=30');
  // What Plotly holds and what its SVG draws for the loss curve, read without scrolling.
  // (Plotly simplifies the path, so its points are not the run's steps.)
  const drawnLoss = (): Promise<{ y: number[]; path: string }> =>
    page.$eval('.fig-loss', (el) => {
      const gd = el as unknown as { data: { y: number[] }[] };
      const path = el.querySelector('.scatterlayer .trace path.js-line')?.getAttribute('d') ?? '';
      return { y: Array.from(gd.data[0]!.y), path };
    });
  await countPlotlyCalls(page);
  // At the top of the page every live figure is more than a screen away: a whole run draws none.
  await runToEnd(page);
  await page.waitForTimeout(300);
  expect(await plotlyCalls(page)).toEqual({});
  expect(await drawnLoss()).toEqual({ y: [], path: '' });
  // Scrolled near, each draws the finished run, once.
  await lookAt(page, '.fig-loss');
  await expect.poll(async () => (await drawnLoss()).y.length).toBe(30);
  expect(await plotlyCalls(page)).toEqual({ 'fig-calculated': 1, 'fig-loss': 1, 'fig-landscape-live': 1 });
  const first = await drawnLoss();
  expect(first.path).toMatch(/^M.*L/);

  // Back at the top, a new run (an lr move) trains to its end and the far figures keep the old one.
  const newRun = async (): Promise<void> => {
    const run = await page.locator('.step-counter').getAttribute('data-run');
    await page.focus('#ctl-lr');
    // Neighbouring slider positions can round to the same lr: press until the run is new.
    await expect(async () => {
      await page.keyboard.press('ArrowRight');
      await expect(page.locator('.step-counter')).not.toHaveAttribute('data-run', run!, { timeout: 1000 });
    }).toPass();
    await expect(page.locator('.run-status')).toHaveText('done', { timeout: 30_000 });
    await page.waitForTimeout(300);
  };
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await newRun();
  const calls = await plotlyCalls(page);
  expect(calls['fig-calculated']).toBeUndefined();
  expect(calls['fig-landscape-live']).toBeUndefined();
  // (Its axes move to the new run's ranges at once; only the traces wait.)
  expect((await drawnLoss()).y).toEqual(first.y);
  // Printing draws the newest run into every figure before the print layout is taken, which is
  // right after the beforeprint handlers return.
  const printed = await page.evaluate(() => {
    dispatchEvent(new Event('beforeprint'));
    const gd = document.querySelector('.fig-loss') as unknown as { data: { y: number[] }[] };
    const path = document.querySelector('.fig-loss .scatterlayer .trace path.js-line')?.getAttribute('d') ?? '';
    return { y: Array.from(gd.data[0]!.y), path };
  });
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  expect(printed.y).toHaveLength(30);
  expect(printed.y).not.toEqual(first.y);
  expect(printed.path).toMatch(/^M.*L/);
  expect(printed.path).not.toBe(first.path);

  // A PNG export of a far figure draws the newest run into it first.
  await newRun();
  const beforeExport = (await drawnLoss()).y;
  expect(beforeExport).toEqual(printed.y);
  await Promise.all([page.waitForEvent('download'), page.click('[data-export="png-loss"]')]);
  const exported = (await drawnLoss()).y;
  expect(exported).toHaveLength(30);
  expect(exported).not.toEqual(beforeExport);
  expect(errors).toEqual([]);
});

test('notebook cells out of view skip rendering on the page, and render when scrolled to; the embed renders all', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openPage(page, '?speed=2000&steps=30');
  // checkVisibility with contentVisibilityAuto is false inside a cell whose rendering is skipped.
  const rendered = (sel: string): Promise<boolean> =>
    page.$eval(sel, (el) => el.checkVisibility({ contentVisibilityAuto: true }));
  expect(await rendered('.page-header h1')).toBe(true);
  expect(await rendered('.fig-loss')).toBe(false);
  expect(await rendered('.output-train-log')).toBe(false);
  // A printout draws every cell.
  await page.emulateMedia({ media: 'print' });
  await expect.poll(() => rendered('.output-train-log')).toBe(true);
  await page.emulateMedia({ media: 'screen' });
  await expect.poll(() => rendered('.output-train-log')).toBe(false);
  // Training still draws into skipped cells; scrolled to, they show the finished run.
  await runToEnd(page);
  await page.locator('.fig-loss').scrollIntoViewIfNeeded();
  await expect.poll(() => rendered('.fig-loss')).toBe(true);
  expect((await plotData(page, '.fig-loss'))[0]!.x).toHaveLength(30);
  const box = await page.locator('.fig-loss .main-svg').first().boundingBox();
  expect(box!.width).toBeGreaterThan(200);
  expect(box!.height).toBeGreaterThan(100);
  expect(errors).toEqual([]);

  // The embed is sized by its content: all of it counts as in view, even in a short window.
  await page.setViewportSize({ width: 600, height: 300 });
  await openPage(page, 'embed.html?speed=2000&steps=30');
  expect(await page.$$eval('.lazy-cells', (els) => els.length)).toBe(0);
  expect(await rendered('.fig-loss')).toBe(true);
});
