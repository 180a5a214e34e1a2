import { expect, test } from '@playwright/test';
import { collectErrors, fixture, numbersIn, openPage, plotData, plotLayout, queryOf, runToEnd } from './helpers';

const post = fixture('post');

test('loads with no errors, on WebGL, with every equation typeset by KaTeX', async ({ page }) => {
  const errors = collectErrors(page);
  await openPage(page);
  await expect(page.locator('#backend')).toHaveText('webgl');
  const math = page.locator('[data-tex]');
  const count = await math.count();
  expect(count).toBeGreaterThanOrEqual(8);
  for (let i = 0; i < count; i++) {
    await expect(math.nth(i).locator('.katex')).toHaveCount(1);
  }
  // The post's five equations are all there, as display math.
  for (const tex of [
    'y = ax + b',
    'y = a_1 x + a_2',
    'y = a_1 x_1 + a_2 x_2',
    'y_i = a_1 x_{1i} + a_2 x_{2i}',
    '\\bar{y} = X \\bar{a}',
  ]) {
    await expect(page.locator(`.math.display[data-tex="${tex.replace(/\\/g, '\\\\')}"] .katex-display`)).toHaveCount(1);
  }
  expect(errors).toEqual([]);
});

test('math typeset again after lr moves is the DOM KaTeX makes for those values in a fresh page', async ({
  page,
  browser,
}) => {
  const errors = collectErrors(page);
  await openPage(page, '?speed=2000');
  const bound = page.locator('.output-bound');
  const formulas = await bound.locator('[data-tex] .katex').count();
  expect(formulas).toBeGreaterThanOrEqual(7);
  const first = await bound.innerHTML();
  await page.focus('#ctl-lr');
  // The page opens at its top, screens above the bound: a new run's bound waits for its typesetting.
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => bound.innerHTML()).not.toBe(first);
  expect(await bound.locator('[data-tex]:not(.rendered)').count()).toBeGreaterThan(0);
  // Near the view, it is typeset as it comes, and then at once for every new run.
  await bound.scrollIntoViewIfNeeded();
  await expect(bound.locator('[data-tex]:not(.rendered)')).toHaveCount(0);
  const lrShown = page.locator('#ctl-lr-value');
  for (const key of ['ArrowRight', 'ArrowLeft']) {
    const before = await bound.innerHTML();
    // Neighbouring slider positions can round to the same lr: press until the lr changes.
    const lr0 = await lrShown.textContent();
    for (let i = 0; i < 5 && (await lrShown.textContent()) === lr0; i++) await page.keyboard.press(key);
    await expect.poll(() => bound.innerHTML()).not.toBe(before);
    await expect(bound.locator('[data-tex]:not(.rendered)')).toHaveCount(0);
  }
  // Every formula is typeset in its own place: none was moved out of another by reuse.
  await expect(bound.locator('[data-tex] .katex')).toHaveCount(formulas);
  const lr = await lrShown.textContent();
  const fresh = await browser.newPage();
  await openPage(fresh, `?speed=2000&lr=${lr}`);
  const same = (await fresh.locator('.output-bound').innerHTML()) === (await bound.innerHTML());
  expect(same, `the explanation at lr = ${lr} differs from a fresh page's`).toBe(true);
  await fresh.close();
  // Far again, a new bound waits; printing shows every cell, so it is typeset for paper.
  await page.evaluate(() => window.scrollTo(0, 0));
  // The visibility observer reports at a rendering step: two frames and the bound counts as far.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const far = await bound.innerHTML();
  for (let i = 0; i < 5 && (await bound.innerHTML()) === far; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => bound.locator('[data-tex]:not(.rendered)').count()).toBeGreaterThan(0);
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await expect(bound.locator('[data-tex]:not(.rendered)')).toHaveCount(0);
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  expect(errors).toEqual([]);
});

test('the static outputs print exactly what PyTorch printed', async ({ page }) => {
  await openPage(page);
  await expect(page.locator('.output-x-head pre')).toHaveText(post.printed.x_head);
  await expect(page.locator('.output-a-true pre')).toHaveText(post.printed.a_true);
  await expect(page.locator('.output-a-init pre')).toHaveText(post.printed.a_init);
  await expect(page.locator('.output-a-final pre')).toHaveText(post.printed.a_init);
  await expect(page.locator('.step-counter')).toHaveText('step 0 / 100');
});

test('Run all with seed 42 streams the post\u2019s 10 log lines and ends at the post\u2019s a', async ({ page }) => {
  const errors = collectErrors(page);
  await openPage(page);
  await runToEnd(page);
  await expect(page.locator('.run-status')).toHaveText('done');
  await expect(page.locator('.step-counter')).toHaveText('step 100 / 100');
  const lines = page.locator('.log-line');
  await expect(lines).toHaveCount(10);
  const yUlp = 2 ** (Math.floor(Math.log2(Math.max(...post.y.map(Math.abs)))) - 23);
  for (let i = 0; i < 10; i++) {
    const t = i * 10;
    const want = Number(post.losses[t]);
    const got = Number(await lines.nth(i).getAttribute('data-loss'));
    // 1e-4 relative on WebGL, plus the float32 floor of the residuals once the loss is tiny (see unit tests).
    expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-4 * want + 2 * Math.sqrt(want) * yUlp);
    expect(await lines.nth(i).textContent()).toMatch(/^tensor\(.+, grad_fn=<MeanBackward0>\)$/);
  }
  // The first lines, far above the float32 floor, print identically to PyTorch.
  for (let i = 0; i < 5; i++) await expect(lines.nth(i)).toHaveText(post.printed.losses[i]!);
  const finalA = numbersIn((await page.locator('.output-a-final pre').textContent()) ?? '');
  const want = post.a_path[100]!.map(Number);
  expect(Math.abs(finalA[0]! - want[0]!)).toBeLessThanOrEqual(2e-4);
  expect(Math.abs(finalA[1]! - want[1]!)).toBeLessThanOrEqual(2e-4);
  expect(await page.locator('.output-a-final pre').textContent()).toMatch(
    /^Parameter containing:\ntensor\(\[.+\], requires_grad=True\)$/,
  );
  expect(errors).toEqual([]);
});

test('Step advances exactly one step, and Reset goes back to step 0', async ({ page }) => {
  await openPage(page);
  const step = page.locator('button[data-action="step"]');
  await step.click();
  await expect(page.locator('.step-counter')).toHaveText('step 1 / 100');
  await expect(page.locator('.log-line')).toHaveCount(1);
  await expect(page.locator('.log-line').first()).toHaveText(post.printed.losses[0]!);
  const a1 = numbersIn((await page.locator('.output-a-final pre').textContent()) ?? '');
  expect(a1[0]).toBeCloseTo(Number(post.a_path[1]![0]), 4);
  expect(a1[1]).toBeCloseTo(Number(post.a_path[1]![1]), 4);
  await step.click();
  await expect(page.locator('.step-counter')).toHaveText('step 2 / 100');
  await expect(page.locator('.output-a-final')).toHaveAttribute('data-step', '2');
  await page.click('button[data-action="reset"]');
  await expect(page.locator('.step-counter')).toHaveText('step 0 / 100');
  await expect(page.locator('.log-line')).toHaveCount(0);
  await expect(page.locator('.output-a-final pre')).toHaveText(post.printed.a_init);
});

test('Step, then an lr move of 5 in the same task: the new run plays from step 0 to 100', async ({ page }) => {
  // The race the controller fixes: the step's promise used to resume on the new run, take its
  // step there and pause it: "step 2 / 100, paused" (5 times out of 5).
  await openPage(page, '?speed=200');
  // After the start's backend comparison, while which commands wait (and the race cannot happen).
  await expect(page.locator('.backend-advice')).toContainText('At n = 100', { timeout: 30_000 });
  await expect(page.locator('button[data-action="step"]')).toBeEnabled();
  const lrBefore = await page.locator('#ctl-lr-value').textContent();
  await page.evaluate(() => {
    document.querySelector<HTMLButtonElement>('button[data-action="step"]')!.click();
    const lr = document.querySelector<HTMLInputElement>('#ctl-lr')!;
    for (let i = 0; i < 5; i++) {
      lr.value = String(Number(lr.value) + 1);
      lr.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  await expect(page.locator('#ctl-lr-value')).not.toHaveText(lrBefore!);
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 30_000 });
  await expect(page.locator('.step-counter')).toHaveText('step 100 / 100');
  await expect(page.locator('.log-line')).toHaveCount(10);
});

test('Pause stops the run where it is and Run all resumes it', async ({ page }) => {
  await openPage(page, '?speed=20');
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('running');
  await page.waitForTimeout(600);
  await page.click('button[data-action="pause"]');
  await expect(page.locator('.run-status')).toHaveText('paused');
  // A batch already queued on the GPU when Pause was pressed still lands; after that, nothing moves.
  await page.waitForTimeout(300);
  const at = await page.locator('.step-counter').textContent();
  expect(at).not.toBe('step 0 / 100');
  await page.waitForTimeout(500);
  await expect(page.locator('.step-counter')).toHaveText(at!);
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('running');
});

test('Original, Calculated and the 100-point loss curve are drawn from the run', async ({ page }) => {
  await openPage(page);
  await runToEnd(page);
  const original = await plotData(page, '.fig-original');
  const calculated = await plotData(page, '.fig-calculated');
  expect((await plotLayout(page, '.fig-original')).title).toBe('Original');
  expect((await plotLayout(page, '.fig-calculated')).title).toBe('Calculated');
  expect(original[0]!.x).toHaveLength(100);
  expect(original[0]!.y).toEqual(post.y.map((v) => Math.fround(v)));
  expect(original[0]!.color).toBe('#1f77b4');
  expect(calculated[0]!.color).toBe('#d62728');
  // Calculated is x @ a for the final a: it lies on the line a1·x + a2.
  const [a1, a2] = post.a_path[100]!.map(Number) as [number, number];
  calculated[0]!.x.forEach((x, i) => expect(calculated[0]!.y[i]).toBeCloseTo(a1 * x + a2, 3));
  const loss = await plotData(page, '.fig-loss');
  expect(loss[0]!.x).toHaveLength(100);
  const layout = await plotLayout(page, '.fig-loss');
  expect(layout.ytype).toBe('log');
  // The curve is the run's loss, step by step.
  expect(loss[0]!.y[0]).toBeCloseTo(Number(post.losses[0]), 4);
  expect(loss[0]!.y[50]! / Number(post.losses[50])).toBeCloseTo(1, 3);
});

test('moving the lr and noise sliders re-runs the notebook with the new values', async ({ page }) => {
  const errors = collectErrors(page);
  await openPage(page, '?speed=2000');
  const before = await plotData(page, '.fig-data');

  await page.locator('#ctl-lr').fill('300');
  await expect(page.locator('.run-status')).toHaveText(/running|done/);
  const lr = Number(await page.locator('#ctl-lr-value').textContent());
  expect(lr).not.toBe(0.1);
  await expect(
    page.locator('.output-train-log').locator('xpath=ancestor::section').locator('code.language-py'),
  ).toContainText(`lr = ${lr}`);
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.locator('.log-line')).toHaveCount(10);
  expect(await page.locator('.log-line').nth(1).textContent()).not.toBe(post.printed.losses[1]);
  expect(page.url()).toContain(`lr=${lr}`);

  await page.locator('#ctl-noise').fill('500');
  await expect(page.locator('#ctl-noise-value')).toHaveText('1');
  await expect(page.locator('.fig-data').locator('xpath=ancestor::section').locator('code.language-py')).toContainText(
    'noise = 1.0',
  );
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  const after = await plotData(page, '.fig-data');
  expect(after[0]!.x).toEqual(before[0]!.x);
  expect(after[0]!.y).not.toEqual(before[0]!.y);
  expect(errors).toEqual([]);
});

test('query-string values start the run they describe, and it is PyTorch\u2019s run', async ({ page }) => {
  const run = fixture('noisy-small');
  await openPage(page, queryOf(run, 50));
  await expect(page.locator('#ctl-lr-value')).toHaveText('0.5');
  await expect(page.locator('#ctl-n-value')).toHaveText('37');
  await expect(page.locator('#ctl-steps-value')).toHaveText('200');
  await expect(page.locator('#ctl-speed-value')).toHaveText('50 steps/s');
  await expect(page.locator('#ctl-seed')).toHaveValue('7');
  await expect(page.locator('.output-x-head pre')).toHaveText(run.printed.x_head);
  await expect(page.locator('.output-a-init pre')).toHaveText(run.printed.a_init);
  await page.locator('#ctl-speed').fill('1000');
  await runToEnd(page);
  await expect(page.locator('.log-line')).toHaveCount(20);
  await expect(page.locator('.log-line')).toHaveText(run.printed.losses);
  await expect(page.locator('.output-a-final pre')).toHaveText(run.printed.a_final);
});

test('a diverging learning rate stops with an explanation and keeps the plots finite', async ({ page }) => {
  const errors = collectErrors(page);
  const run = fixture('diverges-to-inf');
  await openPage(page, queryOf(run));
  await runToEnd(page);
  await expect(page.locator('.run-status')).toHaveText('diverged');
  await expect(page.locator('.log-note')).toContainText('2/\u03BBmax');
  for (const sel of ['.fig-calculated', '.fig-loss']) {
    const layout = await plotLayout(page, sel);
    for (const v of [...layout.xrange, ...layout.yrange]) expect(Number.isFinite(v) && Math.abs(v) < 1e6).toBe(true);
    for (const trace of await plotData(page, sel)) for (const v of trace.y) expect(Number.isFinite(v)).toBe(true);
  }
  expect(errors).toEqual([]);
});

test('malformed query values are corrected with a visible notice and never reach the DOM', async ({ page }) => {
  const errors = collectErrors(page);
  const bad = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
  await openPage(page, `?lr=abc&n=-5&steps=1e9&seed=${bad}&speed=Infinity&${bad}=1`);
  const notices = page.locator('#notices .notice');
  await expect(notices).toHaveCount(6);
  await expect(page.locator('#notices')).toContainText('lr="abc" is not a number');
  await expect(page.locator('#notices')).toContainText('n="-5" is outside 2–1000000; using 2');
  await expect(page.locator('#ctl-n-value')).toHaveText('2');
  await expect(page.locator('#ctl-steps-value')).toHaveText('10000');
  await expect(page.locator('#ctl-lr-value')).toHaveText('0.1');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

test('screenshots at 1280 px and 390 px, with no sideways scroll on the phone', async ({ page }, info) => {
  await openPage(page);
  await runToEnd(page);
  await page.screenshot({ path: info.outputPath('desktop-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: info.outputPath('phone-390.png'), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  // The figures stack: Calculated sits below Original, each nearly the full width.
  const original = (await page.locator('.fig-original').boundingBox())!;
  const calculated = (await page.locator('.fig-calculated').boundingBox())!;
  expect(calculated.y).toBeGreaterThanOrEqual(original.y + original.height - 1);
  expect(original.width).toBeGreaterThan(300);
  // Thumb-sized targets: sliders and buttons at least 40 px tall, and a tap on a slider moves it.
  for (const sel of ['#ctl-lr', '#ctl-noise', '#ctl-n', 'button[data-action="reset"]']) {
    expect((await page.locator(sel).boundingBox())!.height, sel).toBeGreaterThanOrEqual(40);
  }
  const noise = page.locator('#ctl-noise');
  await noise.scrollIntoViewIfNeeded();
  const box = (await noise.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
  await expect(page.locator('#ctl-noise-value')).toHaveText(/^1\.[3-7]\d?$/);
});

test('the equations are typeset in the HTML itself: they paint with JavaScript off', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  try {
    const page = await context.newPage();
    await page.goto('./');
    const math = page.locator('.prose .math');
    expect(await math.count()).toBeGreaterThanOrEqual(15);
    for (const tex of ['y = ax + b', '\\bar{y} = X \\bar{a}', '\\nabla L(a) = \\frac{2}{n} X^\\top (X a - y)']) {
      const eq = page.locator(`.math.display[data-tex="${tex.replace(/\\/g, '\\\\')}"]`);
      await expect(eq.locator('.katex-display')).toBeVisible();
    }
    // The KaTeX fonts load from this site and the math is laid out with them. (Not fonts.check():
    // it also asks for the full font's rule, which the build's subsets make unneeded.)
    await page.evaluate(() => document.fonts.ready);
    const loaded = await page.evaluate(() =>
      [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.style}`),
    );
    expect(loaded).toEqual(expect.arrayContaining(['KaTeX_Main normal', 'KaTeX_Math italic']));
  } finally {
    await context.close();
  }
});
