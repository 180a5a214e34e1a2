import { expect, test, type Page } from '@playwright/test';
import { collectErrors, fixture, openPage, queryOf, runToEnd } from './helpers';

/** Keep every WebGL context the page makes, so a test can take it away as a browser would. */
async function captureGlContexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const contexts: WebGLRenderingContext[] = [];
    (window as unknown as { glContexts: WebGLRenderingContext[] }).glContexts = contexts;
    for (const C of [HTMLCanvasElement, OffscreenCanvas]) {
      const original = Object.getOwnPropertyDescriptor(C.prototype, 'getContext')!.value as (
        this: unknown,
        type: string,
        ...rest: unknown[]
      ) => unknown;
      (C.prototype as { getContext: unknown }).getContext = function (this: unknown, type: string, ...rest: unknown[]) {
        const ctx = original.call(this, type, ...rest);
        if (ctx && type.startsWith('webgl')) contexts.push(ctx as WebGLRenderingContext);
        return ctx;
      };
    }
  });
}

async function loseGlContexts(page: Page): Promise<number> {
  return page.evaluate(() => {
    const contexts = (window as unknown as { glContexts: WebGLRenderingContext[] }).glContexts;
    for (const gl of contexts) gl.getExtension('WEBGL_lose_context')?.loseContext();
    return contexts.length;
  });
}

const stepOf = async (page: Page): Promise<number> =>
  Number(/step (\d+)/.exec((await page.locator('.step-counter').textContent()) ?? '')?.[1]);

test('WebGL context lost at step 50: training goes on from step 50 on cpu, same a, same run as PyTorch', async ({
  page,
}) => {
  await captureGlContexts(page);
  const errors = collectErrors(page);
  const run = fixture('noisy-small'); // 200 steps; the log prints 20 lines
  await openPage(page, queryOf(run, 2000));
  await expect(page.locator('#backend')).toHaveText('webgl');
  await page.locator('h1').click();
  for (let k = 1; k <= 50; k++) {
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.step-counter')).toHaveText(`step ${String(k)} / 200`);
  }
  expect(await loseGlContexts(page)).toBeGreaterThan(0);
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.locator('#notices')).toContainText(
    'webgl stopped at step 50 (the browser took back the WebGL context). Training goes on from the same a on the CPU backend.',
  );
  await expect(page.locator('#backend')).toHaveText('cpu');
  await expect(page.locator('#ctl-ms-per-step')).toContainText('cpu');
  // Nothing restarted or skipped: every printed loss and the final a are PyTorch's.
  await expect(page.locator('.log-line')).toHaveText(run.printed.losses);
  await expect(page.locator('.output-a-final pre')).toHaveText(run.printed.a_final);
  expect(errors).toEqual([]);
});

test('WebGL context lost while a batch is in flight: the run neither hangs nor keeps garbage', async ({ page }) => {
  await captureGlContexts(page);
  const errors = collectErrors(page);
  const run = fixture('noisy-small');
  await openPage(page, queryOf(run, 40));
  await page.click('button[data-action="run"]');
  await expect.poll(() => stepOf(page)).toBeGreaterThanOrEqual(50);
  await loseGlContexts(page);
  const lostAt = await stepOf(page);
  // The counter only ever goes forward: the run was not restarted.
  let last = lostAt;
  await expect
    .poll(
      async () => {
        const now = await stepOf(page);
        expect(now).toBeGreaterThanOrEqual(last);
        last = now;
        return page.locator('.run-status').textContent();
      },
      { timeout: 60_000 },
    )
    .toBe('done');
  await expect(page.locator('#notices')).toContainText('Training goes on from the same a on the CPU backend');
  await expect(page.locator('.log-line')).toHaveText(run.printed.losses);
  await expect(page.locator('.output-a-final pre')).toHaveText(run.printed.a_final);
  // A new run after the loss stays on cpu.
  await page.locator('#ctl-lr').fill(String(Number(await page.locator('#ctl-lr').inputValue()) - 20));
  await expect(page.locator('.run-status')).toHaveText('done');
  await expect(page.locator('#ctl-ms-per-step')).toContainText('cpu');
  expect(errors).toEqual([]);
});

const tensorsOf = async (page: Page): Promise<number> =>
  Number(/(\d+) tensors/.exec((await page.locator('#ctl-tensors').textContent()) ?? '')?.[1]);

/** JS heap in use after a full garbage collection, in bytes. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

test('input storm: 100 slider changes in 2 s while playing end on exactly the final parameters\u2019 run', async ({
  page,
  browser,
}) => {
  const errors = collectErrors(page);
  await openPage(page, '?speed=2000');
  await runToEnd(page);
  const tensorsBefore = await tensorsOf(page); // counted idle: the run's own tensors, no batch in flight
  await page.locator('#ctl-steps').fill('620'); // about 300 steps: every change of the storm restarts a playing run
  await expect(page.locator('.run-status')).toHaveText('running');
  expect(tensorsBefore).toBeGreaterThan(0);
  await page.evaluate(async () => {
    // A fixed pseudo-random walk over three sliders, one change every 20 ms, as a restless reader would.
    const ids = ['ctl-lr', 'ctl-noise', 'ctl-n'];
    let r = 12345;
    const next = (): number => (r = (r * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 100; i++) {
      const input = document.getElementById(ids[i % 3]!) as HTMLInputElement;
      // n stays below ~20,000 so the final run is quick; lr covers stable and diverging values.
      const pos = Math.floor(next() * (ids[i % 3] === 'ctl-n' ? 650 : 1000));
      input.value = String(pos);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  await expect(page.locator('.run-status')).toHaveText(/^(done|diverged)$/, { timeout: 60_000 });
  // The address follows the Params once they have rested 200 ms.
  await page.waitForTimeout(400);
  const query = new URL(page.url()).search;
  const shownLog = await page.locator('.log-line').allTextContents();
  const shownA = await page.locator('.output-a-final pre').textContent();
  expect(await tensorsOf(page)).toBe(tensorsBefore);
  expect(errors).toEqual([]);

  // The oracle: the same final parameters loaded fresh in a new page, with no storm before them.
  const fresh = await browser.newPage();
  await openPage(fresh, query);
  await fresh.click('button[data-action="run"]');
  await expect(fresh.locator('.run-status')).toHaveText(/^(done|diverged)$/, { timeout: 60_000 });
  expect(shownLog.length).toBeGreaterThan(0);
  expect(shownLog).toEqual(await fresh.locator('.log-line').allTextContents());
  expect(shownA).toBe(await fresh.locator('.output-a-final pre').textContent());
  for (const name of ['lr', 'noise', 'n']) {
    await expect(page.locator(`#ctl-${name}-value`)).toHaveText(
      (await fresh.locator(`#ctl-${name}-value`).textContent())!,
    );
  }
  await fresh.close();
});

test('long run: 10,000 steps at full speed, no errors, tensors flat, heap growth under 5 MB', async ({ page }) => {
  const errors = collectErrors(page);
  await openPage(page, '?steps=10000&speed=2000&lr=0.05');
  // One step first, so that the run's own tensors exist in both counts.
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.step-counter')).toHaveText('step 1 / 10000');
  const tensors = await tensorsOf(page);
  const heap = await heapAfterGc(page);
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 85_000 });
  await expect(page.locator('.step-counter')).toHaveText('step 10000 / 10000');
  expect(await tensorsOf(page)).toBe(tensors);
  const grown = (await heapAfterGc(page)) - heap;
  console.log(`long run: heap grew ${(grown / 1e6).toFixed(2)} MB over 10,000 steps`);
  expect(grown).toBeLessThan(5e6);
  expect(errors).toEqual([]);
});

/** Count requestAnimationFrame calls: the work a hidden or off-screen page must not do. */
async function countFrames(page: Page): Promise<() => Promise<number>> {
  await page.addInitScript(() => {
    const w = window as unknown as { rafCalls: number };
    w.rafCalls = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => {
      w.rafCalls++;
      return raf(cb);
    };
  });
  return () => page.evaluate(() => (window as unknown as { rafCalls: number }).rafCalls);
}

test('a hidden tab stops the frame loop; visible again, training resumes where it was', async ({ page }) => {
  const frames = await countFrames(page);
  await openPage(page, '?speed=20&steps=1000');
  await page.locator('.output-fit-plot').scrollIntoViewIfNeeded();
  await page.click('button[data-action="run"]');
  await expect.poll(() => stepOf(page)).toBeGreaterThan(5);
  // Headless Chromium never hides a tab by itself, so the test hides it the way the browser reports it.
  const setHidden = (hidden: boolean): Promise<void> =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  await page.waitForTimeout(200); // a batch in flight may still land
  const step = await stepOf(page);
  const calls = await frames();
  await page.waitForTimeout(1000);
  expect(await frames()).toBe(calls);
  expect(await stepOf(page)).toBe(step);
  await setHidden(false);
  await expect.poll(() => stepOf(page)).toBeGreaterThan(step);
  await expect(page.locator('.run-status')).toHaveText('running');
  // Resumed, not restarted: the log still holds the lines printed before the pause.
  expect(await page.locator('.log-line').count()).toBeGreaterThanOrEqual(Math.floor(step / 10));
});

test('scrolled away from every live figure, the frame loop stops; scrolled back, it resumes', async ({ page }) => {
  const frames = await countFrames(page);
  await openPage(page, '?speed=20&steps=1000');
  await page.locator('.output-fit-plot').scrollIntoViewIfNeeded();
  await page.click('button[data-action="run"]');
  await expect.poll(() => stepOf(page)).toBeGreaterThan(5);
  await page.evaluate(() => window.scrollTo(0, 0)); // the prose at the top: no live output in view
  await expect(page.locator('.run-status')).toHaveText('paused');
  await page.waitForTimeout(200);
  const step = await stepOf(page);
  const calls = await frames();
  await page.waitForTimeout(1000);
  expect(await frames()).toBe(calls);
  expect(await stepOf(page)).toBe(step);
  await page.locator('.output-loss-plot').scrollIntoViewIfNeeded();
  await expect(page.locator('.run-status')).toHaveText('running');
  await expect.poll(() => stepOf(page)).toBeGreaterThan(step);
});
