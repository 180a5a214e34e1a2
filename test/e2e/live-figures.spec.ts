import { expect, test, type Page } from '@playwright/test';
import { collectErrors, countPlotlyCalls, lookAt, openPage, plotLayout, plotlyCalls, runToEnd } from './helpers';

// How the live figures (Calculated, the loss curve, the tfjs path) are drawn: each frame moves their
// SVG, Plotly redraws them from their data once they stop, and far ones wait until they come near.

const LIVE = ['fig-calculated', 'fig-loss', 'fig-landscape-live'];

/** What a live figure's SVG draws: each trace's line vertices and marker positions, as Plotly writes them. */
async function drawnSvg(page: Page, fig: string): Promise<{ line: string[]; points: string[] }[]> {
  return page.$eval(`.${fig}`, (el) =>
    Array.from(el.querySelectorAll('.scatterlayer > g.trace'), (g) => ({
      line: (g.querySelector('path.js-line')?.getAttribute('d') ?? '').split(/[ML]/).filter(Boolean),
      points: Array.from(g.querySelectorAll('g.points > path.point'), (p) => p.getAttribute('transform') ?? ''),
    })),
  );
}

/** Whether Plotly's own state (what its hover and its redraws read) holds each trace's data. */
async function plotlyStateIsData(page: Page, fig: string): Promise<boolean> {
  return page.$eval(`.${fig}`, (el) => {
    const gd = el as unknown as { data: { x: number[]; y: number[] }[]; calcdata: { x: number; y: number }[][] };
    return gd.data.every((t, i) => {
      const cd = gd.calcdata[i] ?? [];
      const n = t.x.length;
      // An empty trace keeps one placeholder point in calcdata.
      if (n === 0) return cd.length <= 1;
      return cd.length === n && cd.every((p, k) => p.x === t.x[k] && p.y === t.y[k]);
    });
  });
}

test('an lr move redraws no static figure, and its frames make no Plotly pass on the live figures', async ({
  page,
}) => {
  const errors = collectErrors(page);
  // 500 steps: both lr values reach the float32 floor, so the loss axes stay. 20 steps: they move.
  for (const [steps, sameAxes] of [
    [500, true],
    [20, false],
  ] as const) {
    await openPage(page, `?speed=2000&steps=${steps}`);
    // With the loss plot in view, Calculated and the landscape are within a screen of it: all drawn.
    await lookAt(page, '.fig-loss');
    await runToEnd(page);
    await page.waitForTimeout(500);
    await countPlotlyCalls(page);
    const before = await plotLayout(page, '.fig-loss');
    const run = await page.locator('.step-counter').getAttribute('data-run');
    await page.focus('#ctl-lr');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.step-counter')).not.toHaveAttribute('data-run', run!);
    await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
    // Plotly draws each live figure from its data once its frames stop: its hover reads what is drawn.
    for (const fig of LIVE) await expect.poll(() => plotlyStateIsData(page, fig), { message: fig }).toBe(true);
    const after = await plotLayout(page, '.fig-loss');
    expect(before.xrange.join() === after.xrange.join() && before.yrange.join() === after.yrange.join()).toBe(sameAxes);
    const calls = await plotlyCalls(page, true);
    // No figure of the data (scatter, Original, the contour) depends on lr, and no frame of the run
    // made a Plotly pass (an animate per figure per frame, 3–8 ms each): only the settling redraws,
    // and a relayout of the loss axes when they move (a relayout to the same ranges draws for nothing).
    const passes = Object.keys(calls).filter((k) => !k.endsWith(' restyle'));
    expect(passes, `steps = ${steps}`).toEqual(sameAxes ? [] : ['fig-loss relayout']);
    for (const fig of LIVE) expect(calls[`${fig} restyle`], `${fig}, steps = ${steps}`).toBeGreaterThanOrEqual(1);
  }
  expect(errors).toEqual([]);
});

test('the frames a live figure moves draw what Plotly draws from the same data', async ({ page }) => {
  const errors = collectErrors(page);
  // 60 steps: the landscape marks every step with a dot, and the dots grow from the old run's one.
  await openPage(page, '?speed=2000&steps=60');
  await lookAt(page, '.fig-loss');
  await runToEnd(page);
  // The first run's figures settled (Plotly redrew them from their data, 250 ms after their last
  // move) before counting: on a slow machine that redraw can come later than a fixed wait.
  for (const fig of LIVE) await expect.poll(() => plotlyStateIsData(page, fig), { message: fig }).toBe(true);
  await page.waitForTimeout(300);
  await countPlotlyCalls(page);
  // A new run, read in the frame that draws its last step, before Plotly's settling redraw. The
  // page itself watches every frame: a read from here can come after the settle on a slow machine.
  await page.focus('#ctl-lr');
  await page.evaluate((live) => {
    type Drawn = { line: string[]; points: string[] }[];
    const w = window as unknown as { calls: string[]; moved?: { svg: Record<string, Drawn>; calls: string[] } };
    const gd = document.querySelector('.fig-loss') as unknown as { data: { x: number[] }[] };
    const drawn = (fig: string): Drawn =>
      Array.from(document.querySelectorAll(`.${fig} .scatterlayer > g.trace`), (g) => ({
        line: (g.querySelector('path.js-line')?.getAttribute('d') ?? '').split(/[ML]/).filter(Boolean),
        points: Array.from(g.querySelectorAll('g.points > path.point'), (p) => p.getAttribute('transform') ?? ''),
      }));
    const counter = document.querySelector<HTMLElement>('.step-counter')!;
    const oldRun = counter.dataset.run;
    const tick = (): void => {
      if (counter.dataset.run !== oldRun && gd.data[0]!.x.length >= 60) {
        w.moved = { svg: Object.fromEntries(live.map((f) => [f, drawn(f)])), calls: [...w.calls] };
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, LIVE);
  const run = await page.locator('.step-counter').getAttribute('data-run');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.step-counter')).not.toHaveAttribute('data-run', run!);
  const captured = await page.waitForFunction(() => (window as unknown as { moved?: unknown }).moved ?? null);
  const { svg: moved, calls: seen } = (await captured.jsonValue()) as {
    svg: Record<string, { line: string[]; points: string[] }[]>;
    calls: string[];
  };
  // (The loss axes may move to the new run's ranges: a relayout, before its frames. A frame's own
  // Plotly pass is an animate; a restyle is a settle, when a plot stood still for 250 ms: on this
  // machine the new run's second frame can come that late, and its plots settle at step 1.)
  const calls = [...new Set(seen)].filter((k) => k !== 'fig-loss relayout' && !k.endsWith(' restyle'));
  expect(calls, 'the frames made no Plotly call').toEqual([]);
  for (const fig of LIVE) await expect.poll(() => plotlyStateIsData(page, fig), { message: fig }).toBe(true);
  for (const fig of LIVE) {
    const plotly = await drawnSvg(page, fig);
    expect(plotly.length, fig).toBe(moved[fig]!.length);
    plotly.forEach((trace, i) => {
      const m = moved[fig]![i]!;
      // Every marker where Plotly puts it; Plotly's line keeps a subset of the vertices (it drops
      // the ones on a straight run), at the same pixels, from the same first to the same last.
      expect(m.points, `${fig} trace ${i}`).toEqual(trace.points);
      expect(m.line.length, `${fig} trace ${i}`).toBeGreaterThanOrEqual(trace.line.length);
      expect(
        trace.line.filter((v) => !m.line.includes(v)),
        `${fig} trace ${i}`,
      ).toEqual([]);
      expect(m.line.at(0), `${fig} trace ${i}`).toBe(trace.line.at(0));
      expect(m.line.at(-1), `${fig} trace ${i}`).toBe(trace.line.at(-1));
    });
  }
  // Something was drawn: the loss curve, the path, every step's dot, Calculated's 100 points.
  expect(moved['fig-loss']![0]!.line.length).toBeGreaterThan(10);
  expect(moved['fig-landscape-live']![3]!.points).toHaveLength(61);
  expect(moved['fig-calculated']![0]!.points).toHaveLength(100);
  expect(errors).toEqual([]);
});

test('under the pointer a live figure is drawn by Plotly every frame, so its hover reads what is drawn', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openPage(page, '?speed=60&steps=2000');
  await lookAt(page, '.fig-loss');
  await page.click('button[data-action="run"]');
  await expect(page.locator('.step-counter')).toHaveText(/^step [2-9]\d/, { timeout: 30_000 });
  await countPlotlyCalls(page);
  // Entering a moved figure has Plotly draw it from its data at once, before any hover is read.
  await page.hover('.fig-loss .nsewdrag');
  const entered = await page.evaluate(() => (window as unknown as { calls: string[] }).calls.slice());
  expect(entered[0]).toBe('fig-loss restyle');
  expect(entered.filter((c) => c !== 'fig-loss animatingframe')).toEqual(['fig-loss restyle']);
  await plotlyCalls(page);
  await page.waitForTimeout(600);
  const under = await plotlyCalls(page, true);
  expect(under['fig-loss animatingframe']).toBeGreaterThanOrEqual(3);
  expect(Object.keys(under).filter((k) => !k.startsWith('fig-loss'))).toEqual([]);
  // The pointer gone, frames move the SVG again.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(100);
  await plotlyCalls(page);
  await page.waitForTimeout(600);
  const frames = Object.keys(await plotlyCalls(page, true)).filter((k) => k.endsWith('animatingframe'));
  expect(frames).toEqual([]);
  expect(errors).toEqual([]);
});

test('live figures far from view skip their frames, and show the newest run when near, printed or exported', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openPage(page, '?speed=2000&steps=30');
  // What Plotly holds and what its SVG draws for the loss curve, read without scrolling.
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
  // Scrolled near, each draws the finished run once (Plotly draws it, or settles it after a move).
  await lookAt(page, '.fig-loss');
  await expect.poll(async () => (await drawnLoss()).y.length).toBe(30);
  for (const fig of LIVE) await expect.poll(() => plotlyStateIsData(page, fig), { message: fig }).toBe(true);
  await page.waitForTimeout(300);
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
