import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openPage, plotData, runToEnd } from './helpers';

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

test('the optimizer chapter far from view skips its theory and diagram on an lr move; near, it shows the newest', async ({
  page,
}) => {
  await openPage(page, '?speed=2000&steps=30');
  const phase = page.locator('.fig-phase');
  const marker = (): Promise<number | undefined> =>
    phase.evaluate((el) => (el as unknown as { data?: { x: number[] }[] }).data?.[2]?.x[0]);
  const shownLr = page.locator('#ctl-lr-value');
  const before = await shownLr.textContent();
  // A key press on the lr slider, at the top of the page: the chapter is screens away.
  await page.locator('#ctl-lr').focus();
  await page.keyboard.press('ArrowRight');
  await expect(shownLr).not.toHaveText(before!);
  const lr = Number(await shownLr.textContent());
  await page.waitForTimeout(500);
  expect(await marker()).not.toBe(lr);
  // Scrolled near, the diagram marks the new lr.
  await phase.scrollIntoViewIfNeeded();
  await expect.poll(marker).toBeCloseTo(lr, 6);
});

test('Plotly and KaTeX are loaded on demand, not with the page: the entry points do not preload them, so tfjs starts first', async ({
  page,
}) => {
  // Vite preloads an entry's whole static graph, and runs it before the entry. Plotly in it was
  // evaluated before the page's own code ran, and so before tfjs could start compiling its shaders;
  // KaTeX came in with its stylesheet, which both entries import.
  for (const html of ['index.html', 'embed.html']) {
    const text = await (await page.request.get(html)).text();
    const preloads = [...text.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
    expect(preloads.length, `${html} preloads its entry's chunks`).toBeGreaterThan(0);
    expect(
      preloads.filter((src) => /plotly|katex/i.test(src)),
      html,
    ).toEqual([]);
  }
  // And they still come when the figures and the math need them.
  const lazy: string[] = [];
  page.on('request', (r) => {
    if (/plotly|katex-.*\.js$/i.test(r.url())) lazy.push(r.url());
  });
  await openPage(page);
  expect(lazy.filter((u) => /plotly/.test(u)).length).toBeGreaterThan(0);
  expect(lazy.filter((u) => /katex/.test(u)).length).toBeGreaterThan(0);
});

test("the figures' Plotly has the two trace types the page draws, and brings no stylesheet", async ({ page }) => {
  // A prebuilt dist bundle registers a dozen trace types and a world calendar; evaluating them was
  // the longest task of a cold embed (src/plots/plotly.ts). Its sources also name maplibre's CSS.
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openPage(page);
  const chunks = requests.filter((u) => /\/plotly-[\w-]+\.js$/.test(u));
  const traces = new Set<string>();
  for (const url of chunks) {
    const code = await (await page.request.get(url)).text();
    for (const m of code.matchAll(/moduleType:\s*[`"']trace[`"'],\s*name:\s*[`"'](\w+)[`"']/g)) traces.add(m[1]!);
  }
  expect([...traces].sort()).toEqual(['contour', 'scatter']);
  expect(requests.filter((u) => /\.css$/.test(u) && /plotly|maplibre/i.test(u))).toEqual([]);
});
