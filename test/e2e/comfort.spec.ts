import { expect, test } from '@playwright/test';
import { toSlider } from '../../src/params/scale';
import { collectErrors, fixture, openPage, plotData, queryOf, runToEnd } from './helpers';

test('prefers-reduced-motion: Run jumps to the result without animating; Step still goes one at a time', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const errors = collectErrors(page);
  const post = fixture('post');
  // At 5 steps/s an animated run would take 20 s; a jump ignores the speed.
  await openPage(page, queryOf(post, 5));
  await page.locator('.output-loss-plot').scrollIntoViewIfNeeded();
  // Record every length the loss curve is drawn with while the run happens.
  await page.evaluate(() => {
    const gd = document.querySelector('.fig-loss') as unknown as { data?: { x: ArrayLike<number> }[] };
    const seen = new Set<number>();
    (window as unknown as { lossLengths: Set<number> }).lossLengths = seen;
    const look = (): void => {
      seen.add(gd.data?.[0]?.x.length ?? 0);
      requestAnimationFrame(look);
    };
    look();
  });
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.step-counter')).toHaveText('step 1 / 100');
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 10_000 });
  await expect(page.locator('.log-line')).toHaveText(post.printed.losses);
  const lengths = await page.evaluate(() => [...(window as unknown as { lossLengths: Set<number> }).lossLengths]);
  // The curve was drawn after one step and at the end, never in between.
  expect(lengths.filter((n) => n > 1 && n < 100)).toEqual([]);
  expect((await plotData(page, '.fig-loss'))[0]!.x).toHaveLength(100);
  expect(errors).toEqual([]);
});

test("prefers-reduced-motion: a slider move shows the new run's start at once, then jumps to its end", async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const errors = collectErrors(page);
  await openPage(page, '?speed=2000&steps=400&n=10000');
  const atInit = (await plotData(page, '.fig-calculated'))[0]!.y;
  await runToEnd(page);
  expect((await plotData(page, '.fig-loss'))[0]!.x.length).toBeGreaterThan(100);
  expect((await plotData(page, '.fig-calculated'))[0]!.y).not.toEqual(atInit);
  // A long jump: the figures hold still while it runs, but on the new run's start, not the old run.
  await page.locator('#ctl-steps').fill(String(toSlider('steps', 3000)));
  await expect(page.locator('.run-status')).toHaveText('running');
  await expect.poll(async () => (await plotData(page, '.fig-loss'))[0]!.x.length).toBe(0);
  expect((await plotData(page, '.fig-calculated'))[0]!.y).toEqual(atInit);
  // The tfjs path is its start alone, a_0.
  expect((await plotData(page, '.fig-landscape-live'))[1]!.x).toHaveLength(1);
  await expect(page.locator('.run-status')).toHaveText('running');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  await expect.poll(async () => (await plotData(page, '.fig-loss'))[0]!.x.length).toBeGreaterThan(100);
  expect(errors).toEqual([]);
});

test('print: the notebook alone, on a light page, with every figure redrawn to the paper width', async ({ page }) => {
  const errors = collectErrors(page);
  await openPage(page, '?theme=dark&speed=2000&steps=40');
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  const fontColor = (): Promise<string> =>
    page.$eval('.fig-loss', (el) => (el as unknown as { layout: { font: { color: string } } }).layout.font.color);
  const darkFont = await fontColor();

  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(page.locator('#controls')).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await fontColor()).not.toBe(darkFont);
  for (const sel of ['.fig-data', '.fig-original', '.fig-calculated', '.fig-loss', '.fig-landscape']) {
    const fit = await page.$eval(sel, (el) => ({
      svg: el.querySelector('.main-svg')!.getBoundingClientRect().width,
      box: el.getBoundingClientRect().width,
    }));
    expect(fit.svg, sel).toBeGreaterThan(200);
    expect(fit.svg, sel).toBeLessThanOrEqual(Math.min(fit.box, 680) + 1);
  }
  // The loss curve is still the run's, not an empty redraw.
  expect((await plotData(page, '.fig-loss'))[0]!.x).toHaveLength(40);

  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('#controls')).toBeVisible();
  expect(await fontColor()).toBe(darkFont);

  // Chromium's own printing fires beforeprint and afterprint around it: a real print, then back to dark.
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(50_000);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(errors).toEqual([]);
});
