import { expect, test } from '@playwright/test';
import { collectErrors, lookAt, openPage, plotData } from './helpers';
import { serveDist } from './static-server';

// The blog-side pieces: the scrolly-telling example, and the full page on a phone.

test('the scrolly example: each paragraph scrolled into view and each preset button sets its run', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const app = new URL(baseURL!).origin;
  // The example as a blog would host it: its own origin, the embed from the app's.
  const blog = await serveDist(4188, '/', (path, html) =>
    path === 'scrolly.html' ? html.replace('src="embed.js"', `src="${app}/embed.js"`) : html,
  );
  try {
    const errors = collectErrors(page);
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(`${blog.url}scrolly.html`);
    const frame = page.frameLocator('#demo iframe');
    await expect(frame.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    const want: Record<string, RegExp> = {
      post: /^lr 0\.1 converges smoothly/,
      cautious: /^lr 0\.01 converges smoothly/,
      edge: /^lr [\d.]+ oscillates but converges/,
      diverges: /^lr [\d.]+ will diverge/,
      noisy: /^lr 0\.1 converges smoothly/,
    };
    for (const [preset, verdict] of Object.entries(want)) {
      await page.locator(`section[data-preset="${preset}"] h2`).evaluate((h) => h.scrollIntoView({ block: 'center' }));
      await expect(page.locator(`section[data-preset="${preset}"]`)).toHaveClass(/active/);
      await expect(frame.locator('#lr-verdict')).toHaveText(verdict);
    }
    await expect(frame.locator('#ctl-noise-value')).toHaveText('1');
    // The buttons set the same runs, wherever the reader is; the run plays and its steps reach the page.
    await page.locator('button[data-preset="cautious"]').click();
    await expect(frame.locator('#lr-verdict')).toHaveText(want.cautious!);
    await expect(page.locator('.status')).toHaveText(/^step \d+, loss/, { timeout: 30_000 });
    await page.locator('button[data-preset="diverges"]').click();
    await expect(page.locator('.status')).toHaveText(/^diverged at step \d+/, { timeout: 30_000 });
    expect(errors).toEqual([]);
  } finally {
    await blog.close();
  }
});

test('on a phone (390 × 844) lr moves from the bottom bar while Calculated and the loss curve stay in view', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPage(page, '?speed=2000');
  await lookAt(page, '.fig-calculated');
  await page.$eval('.fig-calculated', (el) => el.scrollIntoView({ block: 'start' }));
  const strip = page.locator('#strip-lr');
  await expect(strip).toBeVisible();
  const inView = (sel: string): Promise<boolean> =>
    page.$eval(sel, (el) => {
      const r = el.getBoundingClientRect();
      const bar = document.querySelector('.buttons')!.getBoundingClientRect();
      // The figure's plot area (all but its last 40 px of axis labels) is above the run bar.
      return r.top >= -1 && r.bottom - 40 <= bar.top && r.height > 0;
    });
  expect(await inView('.fig-calculated')).toBe(true);
  expect(await inView('.fig-loss')).toBe(true);
  const before = (await plotData(page, '.fig-calculated'))[0]!.y;
  // Where the reader sees it (scrollY itself may change: cells far above the view render lazily,
  // and the browser's scroll anchoring keeps what is on screen in place).
  const top = (): Promise<number> => page.$eval('.fig-calculated', (el) => el.getBoundingClientRect().top);
  const y = await top();
  // A thumb on the strip: a tap moves the slider, and the new lr's run plays where the reader looks.
  const box = (await strip.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.8, box.y + box.height / 2);
  await expect(page.locator('#strip-lr-value')).not.toHaveText('0.1');
  await expect(page.locator('#ctl-lr-value')).toHaveText((await page.locator('#strip-lr-value').textContent())!);
  await expect(page.locator('.run-status')).toHaveText(/^(done|diverged)$/, { timeout: 60_000 });
  expect(Math.abs((await top()) - y)).toBeLessThan(1);
  const after = (await plotData(page, '.fig-calculated'))[0]!.y;
  expect(after).not.toEqual(before);
  expect(await inView('.fig-calculated')).toBe(true);
});
