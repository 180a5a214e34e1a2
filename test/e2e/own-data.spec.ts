import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { moments, olsOptimum, stability } from '../../src/core/analysis';
import { collectErrors, countPlotlyCalls, openPage, plotlyCalls } from './helpers';

// The reader's own data: dragged, clicked, typed, pasted and uploaded points, each refusal with its
// line and reason, and everything computed from the points the reader gave.

const FIVE = '?data=-0.9,0.3;-0.2,1.4;0.1,2.2;0.5,3.1;0.8,3.9&steps=20&speed=2000';

/** The points the table holds, as the reader gave them (float64). */
async function tablePoints(page: Page): Promise<[number, number][]> {
  return page.$$eval('.points-table tbody tr', (rows) =>
    rows.map((r) => {
      const [x, y] = Array.from(r.querySelectorAll('input'), (i) => Number(i.value));
      return [x!, y!];
    }),
  );
}

/** a* and 2/λmax as the page's float32 data gives them, in float64. */
function expected(points: [number, number][]): { aStar: [number, number]; bound: number } {
  const x = Float32Array.from(points, (p) => p[0]);
  const y = Float32Array.from(points, (p) => p[1]);
  const m = moments(x, y);
  return { aStar: olsOptimum(m)!, bound: stability(m).lrBound };
}

async function shown(page: Page): Promise<{ aStar: number[]; bound: number }> {
  const aStar = ((await page.locator('.verdict[data-a-star]').getAttribute('data-a-star')) ?? '')
    .split(',')
    .map(Number);
  const bound = Number(await page.locator('.mark-bound').getAttribute('data-lr'));
  return { aStar, bound };
}

/** Where a data point is drawn: the data figure's plot area and its axes' ranges. */
async function pixelOf(page: Page, x: number, y: number): Promise<{ px: number; py: number }> {
  return page.$eval(
    '.fig-data',
    (el, [x, y]) => {
      const box = el.querySelector('.nsewdrag')!.getBoundingClientRect();
      const gd = el as unknown as { layout: { xaxis: { range: number[] }; yaxis: { range: number[] } } };
      const [x0, x1] = gd.layout.xaxis.range as [number, number];
      const [y0, y1] = gd.layout.yaxis.range as [number, number];
      return { px: box.left + ((x! - x0) / (x1 - x0)) * box.width, py: box.top + ((y1 - y!) / (y1 - y0)) * box.height };
    },
    [x, y],
  );
}

/** The landscape contour's grid and level count, as Plotly holds them. */
async function contourDetail(page: Page): Promise<{ rows: number; cols: number; levels: number }> {
  return page.$eval('.fig-landscape', (el) => {
    const trace = (el as unknown as { data: { z: number[][]; ncontours: number }[] }).data[0]!;
    return { rows: trace.z.length, cols: trace.z[0]!.length, levels: trace.ncontours };
  });
}

test('dragging a point moves it, and a* and the bound follow: a* is the float64 least squares', async ({ page }) => {
  const errors = collectErrors(page);
  await openPage(page, FIVE);
  await page.locator('.fig-data').scrollIntoViewIfNeeded();
  const before = await shown(page);
  const want0 = expected(await tablePoints(page));
  expect(before.aStar[0]).toBeCloseTo(want0.aStar[0], 12);
  expect(before.bound).toBeCloseTo(want0.bound, 12);

  const from = await pixelOf(page, 0.8, 3.9);
  const to = await pixelOf(page, -0.5, 5);
  await countPlotlyCalls(page);
  await page.mouse.move(from.px, from.py);
  await page.mouse.down();
  for (let k = 1; k <= 5; k++)
    await page.mouse.move(from.px + ((to.px - from.px) * k) / 5, from.py + ((to.py - from.py) * k) / 5);
  // Held, each move's run waits at step 0 (at speed=2000 a played one ends within a frame or two);
  // the last one plays when the point is let go.
  await expect.poll(async () => (await tablePoints(page))[4]![0]).toBeLessThan(-0.4);
  // Longer than a moved plot waits to settle (250 ms): held, it does not.
  await page.waitForTimeout(400);
  await expect(page.locator('.step-counter')).toHaveText('step 0 / 20');
  // Each move is a new run, but the points figures on their held axes had their points moved in,
  // not a Plotly redraw; the contour (new data) was redrawn, the path overlay only took its axes.
  const calls = await plotlyCalls(page, true);
  for (const fig of ['fig-data', 'fig-original', 'fig-calculated', 'fig-landscape-live']) {
    expect(calls[`${fig} react`], fig).toBeUndefined();
    expect(calls[`${fig} restyle`], fig).toBeUndefined();
  }
  expect(calls['fig-landscape react']).toBeGreaterThanOrEqual(1);
  // What only the last run needs waits for the release: the loss axes, the address, the full contour
  // (held, each move's contour is drawn at half the grid with fewer levels).
  expect(calls['fig-loss relayout']).toBeUndefined();
  expect(new URL(page.url()).searchParams.get('data')).toBe('-0.9,0.3;-0.2,1.4;0.1,2.2;0.5,3.1;0.8,3.9');
  expect(await contourDetail(page)).toEqual({ rows: 30, cols: 30, levels: 12 });
  await page.mouse.up();
  await expect(page.locator('.step-counter')).toHaveText('step 20 / 20');
  expect(await contourDetail(page)).toEqual({ rows: 60, cols: 60, levels: 22 });
  // Let go, the data figure is drawn by Plotly from its points (its hover reads them).
  await expect.poll(async () => (await plotlyCalls(page, true))['fig-data restyle']).toBeGreaterThanOrEqual(1);

  const points = await tablePoints(page);
  expect(points).toHaveLength(5);
  // The axes held still while the points fit them: the point lies where the pointer let it go.
  const at = await pixelOf(page, points[4]![0], points[4]![1]);
  expect(Math.hypot(at.px - to.px, at.py - to.py)).toBeLessThan(3);
  const want = expected(points);
  await expect.poll(async () => (await shown(page)).bound).toBeCloseTo(want.bound, 12);
  const after = await shown(page);
  expect(after.aStar[0]).toBeCloseTo(want.aStar[0], 12);
  expect(after.aStar[1]).toBeCloseTo(want.aStar[1], 12);
  // Sideways: the bound moved, not only a*.
  expect(Math.abs(after.bound - before.bound)).toBeGreaterThan(1e-3);
  // The link carries the moved point.
  await expect.poll(() => new URL(page.url()).searchParams.get('data')).toContain(`${points[4]![0]},${points[4]![1]}`);
  expect(errors).toEqual([]);
});

test('the prose says whose points the rows of X hold: the post\u2019s random x, or the reader\u2019s', async ({
  page,
}) => {
  await openPage(page, FIVE);
  const prose = page.locator('section.prose', { hasText: 'rows of' });
  // innerText is what shows: the other words are in the page, hidden.
  await expect.poll(() => prose.innerText()).toContain('the x of each of your points as');
  expect(await prose.innerText()).not.toContain('random');
  await page.getByRole('button', { name: 'Back to the post\u2019s data' }).click();
  await expect.poll(() => prose.innerText()).toContain('a random');
  expect(await prose.innerText()).not.toContain('your points');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('a finger drags a point without scrolling the page; a finger on empty space scrolls it', async ({ page }) => {
    await openPage(page, FIVE);
    await page.locator('.fig-data').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const cdp = await page.context().newCDPSession(page);
    // Real touch input, as a phone's finger gives it: Chromium makes the pointer events from it.
    const swipe = async (from: { px: number; py: number }, to: { px: number; py: number }): Promise<void> => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from.px, y: from.py }] });
      for (let k = 1; k <= 8; k++) {
        const x = from.px + ((to.px - from.px) * k) / 8;
        const y = from.py + ((to.py - from.py) * k) / 8;
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
        await page.waitForTimeout(50);
      }
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    const scrolled = (): Promise<number> => page.evaluate(() => scrollY);
    const top = await scrolled();
    const to = await pixelOf(page, -0.5, 5);
    await swipe(await pixelOf(page, 0.8, 3.9), to);
    await expect.poll(async () => (await tablePoints(page))[4]![0]).toBeLessThan(-0.4);
    expect((await tablePoints(page))[4]![1]).toBeGreaterThan(4.8);
    expect(await scrolled()).toBe(top);

    await swipe(await pixelOf(page, -0.5, 3.5), await pixelOf(page, -0.5, 0.5));
    await expect.poll(scrolled).not.toBe(top);
    await page.waitForTimeout(300);
    expect(await tablePoints(page)).toHaveLength(5);
  });
});

test('a click on empty space adds a point there; a click on a point picks it for the X-ray', async ({ page }) => {
  await openPage(page, FIVE);
  await page.locator('.fig-data').scrollIntoViewIfNeeded();
  const empty = await pixelOf(page, 0.6, 0);
  await page.mouse.click(empty.px, empty.py);
  await expect(page.locator('.points-table tbody tr')).toHaveCount(6);
  const added = (await tablePoints(page))[5]!;
  expect(added[0]).toBeCloseTo(0.6, 1);
  expect(added[1]).toBeCloseTo(0, 0);
  await expect(page.locator('#ctl-n-value')).toHaveText('6');

  const third = await pixelOf(page, 0.1, 2.2);
  await page.mouse.click(third.px, third.py);
  await expect(page.locator('#xray-point')).toHaveValue('2');
  // The X-ray draws when near the view: look at it, and it explains point 2.
  await page.locator('.output-xray').scrollIntoViewIfNeeded();
  await expect(page.locator('.xray-forward')).toContainText('point 2: x[2] = [0.1000, 1]');
});

test('the table edits, deletes and adds points from the keyboard, and refuses a bad cell', async ({ page }) => {
  await openPage(page, FIVE);
  await page.locator('.own-edit summary').click();
  const y0 = page.getByLabel('y of point 0', { exact: true });
  await y0.fill('0.9');
  await y0.press('Enter');
  await expect.poll(async () => (await tablePoints(page))[0]).toEqual([-0.9, 0.9]);
  expect((await shown(page)).aStar[0]).toBeCloseTo(expected(await tablePoints(page)).aStar[0], 12);

  await page.getByLabel('x of point 1', { exact: true }).fill('abc');
  await page.getByLabel('x of point 1', { exact: true }).press('Enter');
  await expect(page.locator('.own-notice')).toHaveText('Point 1, x: "abc" is not a number. The point is as it was.');
  await expect(page.getByLabel('x of point 1', { exact: true })).toHaveValue('-0.2');

  await page.getByRole('button', { name: 'Delete point 3' }).press('Enter');
  await expect(page.locator('.points-table tbody tr')).toHaveCount(4);
  expect((await tablePoints(page)).map((p) => p[0])).toEqual([-0.9, -0.2, 0.1, 0.8]);
  await page.getByRole('button', { name: 'Add a point' }).press('Enter');
  await expect(page.locator('.points-table tbody tr')).toHaveCount(5);
  await expect(page.getByLabel('x of point 4', { exact: true })).toBeFocused();
});

const BAD: [string, string, string][] = [
  ['a non-numeric cell', 'x,y\n1,2\n3,abc\n', 'line 3: y: "abc" is not a number'],
  ['NaN', '1,2\nNaN,3\n', 'line 2: x: "NaN" is not a finite number'],
  ['Infinity', '1,2\n2,-Infinity\n', 'line 2: y: "-Infinity" is not a finite number'],
  ['an overflow', '1,2\n1e999,3\n', 'line 2: x: "1e999" overflows float32 (largest 3.4e38)'],
  ['the wrong number of columns', '1,2\n3,4,5\n', 'line 2: 3 columns; each line needs 2: x,y'],
  ['fewer than 2 points', 'x,y\n1,2\n', 'only 1 point: a line needs at least 2'],
];

test('each bad CSV gets a notice naming its line and reason, and the points stay', async ({ page }) => {
  await openPage(page, FIVE);
  await page.locator('.own-edit summary').click();
  const points = await tablePoints(page);
  for (const [what, text, reason] of BAD) {
    await page.locator('#own-csv').fill(text);
    await page.getByRole('button', { name: 'Use these points' }).click();
    await expect(page.locator('.own-notice'), what).toHaveText(
      `The pasted rows, ${reason}. Your points are as they were.`,
    );
    expect(await tablePoints(page), what).toEqual(points);
  }
  // And a good paste replaces them; Back to the post's data restores the seed's 100 points.
  await page.locator('#own-csv').fill('x,y\n-3,-4.2\n-1.5,-1.1\n0,2.3\n2,6.1\n4.5,10.8\n6,14\n');
  await page.getByRole('button', { name: 'Use these points' }).click();
  await expect(page.locator('.own-notice')).toHaveText('');
  await expect(page.locator('#ctl-n-value')).toHaveText('6');
  await expect(page.locator('#ctl-n')).toBeDisabled();
  await page.getByRole('button', { name: 'Back to the post’s data' }).click();
  await expect(page.locator('#ctl-n-value')).toHaveText('100');
  await expect(page.locator('#ctl-n')).toBeEnabled();
  await expect(page.locator('.output-x-head pre')).toContainText('tensor([[');
  await expect.poll(() => new URL(page.url()).searchParams.get('data')).toBeNull();
});

test('a data link with more than 500 points is refused with a notice, and the post’s data stays', async ({ page }) => {
  const many = Array.from({ length: 501 }, (_, i) => `${i / 501},1`).join(';');
  await openPage(page, `?data=${many}`);
  await expect(page.locator('.notices')).toContainText(
    'data: point 501: more than 500 points; a link carries at most 500 (paste or upload larger sets as a CSV); using the post’s data.',
  );
  await expect(page.locator('#ctl-n-value')).toHaveText('100');
});

test('a 1,000,000-row CSV loads in chunks with no long task over 200 ms, and trains', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await openPage(page, '?steps=5&speed=2000');
  const rows = ['x,y'];
  for (let i = 0; i < 1_000_000; i++) rows.push(`${((i % 2000) / 1000 - 1).toFixed(3)},${(i % 7) / 2}`);
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: [number, number][] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  });
  await page.locator('.own-edit summary').click();
  // From a file on disk: a buffer would be decoded by the test harness inside the page, a long task of its own.
  const file = join(mkdtempSync(join(tmpdir(), 'own-')), 'million.csv');
  writeFileSync(file, rows.join('\n'));
  await page.locator('#own-file').setInputFiles(file);
  await expect(page.locator('.own-notice')).toHaveText('Reading million.csv…');
  // Read: the notice clears when the points are handed to the run.
  await expect(page.locator('.own-notice')).toHaveText('', { timeout: 60_000 });
  // The tasks that began while reading, before the points were handed to the run (the mark the page sets).
  const reading = await page.evaluate(() => {
    const end = performance.getEntriesByName('simplest-nn:points-read').at(-1)!.startTime;
    return (window as unknown as { longTasks: [number, number][] }).longTasks
      .filter(([at]) => at < end)
      .map(([, d]) => d);
  });
  await expect(page.locator('#ctl-n-value')).toHaveText('1000000', { timeout: 60_000 });
  await expect(page.locator('.own-summary')).toContainText('Your 1,000,000 points');
  await expect(page.locator('.own-more')).toHaveText('The table shows the first 100 of 1,000,000 points.');
  expect(Math.max(0, ...reading), `long tasks: ${reading.map((d) => d.toFixed(0)).join(', ')}`).toBeLessThan(200);
  // New points play their run, as a slider move does.
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.locator('.step-counter')).toHaveText('step 5 / 5');
  const first = Number(await page.locator('.log-line').first().getAttribute('data-loss'));
  expect(Number.isFinite(first) && first > 0).toBe(true);
  expect(errors).toEqual([]);
});
