import { expect, test, type Page } from '@playwright/test';
import { makeLine } from '../../src/core/dataset';
import { fromSlider, toSlider } from '../../src/params/scale';
import { collectErrors, fixture, numbersIn, openPage, queryOf } from './helpers';

/** The run in float64 over every point: the losses at each step and the final a. */
function float64Run(seed: number, n: number, noise: number, lr: number, steps: number) {
  const { x0, y, aInit } = makeLine({ seed, n, noise });
  let [a1, a2] = aInit;
  const losses: number[] = [];
  for (let t = 0; t < steps; t++) {
    let g1 = 0;
    let g2 = 0;
    let l = 0;
    for (let i = 0; i < n; i++) {
      const r = a1 * x0[i]! + a2 - y[i]!;
      g1 += r * x0[i]!;
      g2 += r;
      l += r * r;
    }
    losses.push(l / n);
    a1 -= (lr * 2 * g1) / n;
    a2 -= (lr * 2 * g2) / n;
  }
  return { losses, a: [a1, a2] };
}

/** Move the n slider to its position nearest `n`; resolves with the n the page then shows and runs. */
async function moveN(page: Page, n: number): Promise<number> {
  const shown = fromSlider('n', toSlider('n', n));
  await page.locator('#ctl-n').fill(String(toSlider('n', n)));
  await expect(page.locator('#ctl-n-value')).toHaveText(String(shown));
  return shown;
}

async function loggedLosses(page: Page): Promise<number[]> {
  return page.locator('.log-line').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-loss'))));
}

/** Every logged loss (steps 0, 10, …) and the final a, against float64, to 1e-4 relative. */
async function expectFloat64Run(page: Page, want: ReturnType<typeof float64Run>, what: string): Promise<void> {
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 90_000 });
  const losses = await loggedLosses(page);
  expect(losses.length, what).toBe(Math.ceil(want.losses.length / 10));
  losses.forEach((l, i) => {
    const w = want.losses[i * 10]!;
    expect(Math.abs(l - w), `${what}, loss at step ${i * 10}: ${l} vs ${w}`).toBeLessThanOrEqual(1e-4 * w);
  });
  const a = numbersIn((await page.locator('.output-a-final pre').textContent())!);
  // The printed a has four decimals.
  expect(Math.abs(a[0]! - want.a[0]!), what).toBeLessThanOrEqual(1e-4);
  expect(Math.abs(a[1]! - want.a[1]!), what).toBeLessThanOrEqual(1e-4);
}

test('after n grows to 1,000,000 in the page, both gradients still give the float64 numbers on WebGL', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  // The warm-up compiles every program at n = 100. tfjs then reuses them at n = 1e6, where the
  // textures are laid out differently: its matMul did so wrongly (tensorflow/tfjs#6478), a first
  // loss of 7.83 instead of 7.47.
  await openPage(page, '?steps=20&noise=0.5&speed=2000');
  await expect(page.locator('#backend')).toHaveText('webgl');
  await page.click('button[data-action="step"]');
  await expect(page.locator('.step-counter')).toHaveText('step 1 / 20');

  expect(await moveN(page, 1_000_000)).toBe(1_000_000);
  const want = float64Run(42, 1_000_000, 0.5, 0.1, 20);
  await expectFloat64Run(page, want, 'autodiff at n = 1e6');
  await expect(page.locator('#ctl-grad-note')).toContainText('the closed form makes one fused pass');

  // The closed form, one fused WebGL pass a step: the same numbers.
  await page.locator('#ctl-grad').selectOption('closed');
  await expect(page).toHaveURL(/grad=closed/);
  await expect(page.locator('.step-counter')).toHaveAttribute('data-run', /\d+/);
  await expectFloat64Run(page, want, 'closed form at n = 1e6');
  await expect(page.locator('#ctl-grad-note')).toContainText('one fused WebGL pass');
  // The code cell shows the gradient that runs.
  await expect(page.locator('.code-cell .code', { hasText: 'def update' })).toContainText(
    'grad = 2 / n * x.T @ (y_hat - y)',
  );

  // And back down to a small, odd n, where the fused pass has a half-filled last texel.
  expect(await moveN(page, 101)).toBe(101);
  await expectFloat64Run(page, float64Run(42, 101, 0.5, 0.1, 20), 'closed form at n = 101');
  expect(errors).toEqual([]);
});

test('with WebGL 1 only, the closed form runs as plain tfjs ops, and both gradients give the float64 numbers', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // A browser without WebGL 2, as some older phones are: tfjs starts a WebGL 1 context, where the
  // fused kernel cannot run (its loop bounds are uniforms). Nothing else about the browser changes.
  await page.addInitScript(() => {
    for (const C of [HTMLCanvasElement, OffscreenCanvas]) {
      const getContext = Object.getOwnPropertyDescriptor(C.prototype, 'getContext')!.value as (
        this: unknown,
        type: string,
        ...rest: unknown[]
      ) => unknown;
      Object.defineProperty(C.prototype, 'getContext', {
        value(this: unknown, type: string, ...rest: unknown[]) {
          return type === 'webgl2' ? null : getContext.call(this, type, ...rest);
        },
      });
    }
  });
  const errors = collectErrors(page);
  await openPage(page, '?steps=20&noise=0.5&speed=2000&grad=closed');
  expect(await page.evaluate(() => document.createElement('canvas').getContext('webgl2'))).toBeNull();
  await expect(page.locator('#backend')).toHaveText('webgl');
  await expect(page.locator('#ctl-grad-note')).toContainText('plain TensorFlow.js ops');
  await page.click('button[data-action="run"]');
  await expectFloat64Run(page, float64Run(42, 100, 0.5, 0.1, 20), 'closed form on WebGL 1, n = 100');

  // A change of n reuses the programs compiled at 100 (shape uniforms), here on WebGL 1 too.
  // The log slider's nearest position to 1e5.
  const n = await moveN(page, 100_000);
  const want = float64Run(42, n, 0.5, 0.1, 20);
  await expectFloat64Run(page, want, `closed form on WebGL 1, n = ${n}`);
  await page.locator('#ctl-grad').selectOption('autodiff');
  await expect(page).not.toHaveURL(/grad=closed/);
  await expectFloat64Run(page, want, `autodiff on WebGL 1, n = ${n}`);
  expect(await moveN(page, 101)).toBe(101);
  await expectFloat64Run(page, float64Run(42, 101, 0.5, 0.1, 20), 'autodiff on WebGL 1, n = 101');
  expect(errors).toEqual([]);
});

test('n jumping about within one page: every run on WebGL, both gradients, gives the float64 losses', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('./bench.html');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  // Programs compiled at one n are reused at every other (shape uniforms): small and large n, odd
  // and even, textures that fit a row and textures that tfjs squarifies.
  for (const n of [100, 1_000_000, 16_385, 65_537, 333_333, 8_191, 3, 999_999, 2]) {
    const want = float64Run(7, n, 0.5, 0.1, 20).losses;
    for (const grad of ['autodiff', 'closed'] as const) {
      const got = await page.evaluate(([n, g]) => window.bench.webglLosses(n, 7, g, 20), [n, grad] as const);
      got.forEach((l, t) => {
        expect(Math.abs(l - want[t]!), `${grad}, n = ${n}, step ${t}: ${l} vs ${want[t]}`).toBeLessThanOrEqual(
          1e-4 * want[t]!,
        );
      });
    }
  }
});

test('the closed-form gradient gives the post\u2019s PyTorch losses on every backend, as autodiff does', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const post = fixture('post');
  const yUlp = 2 ** (Math.floor(Math.log2(Math.max(...post.y.map(Math.abs)))) - 23);
  const runs = [
    ['webgl', 'closed'],
    ['webgl', 'autodiff'],
    ['wasm', 'closed'],
    ['cpu', 'closed'],
  ] as const;
  for (const [backend, grad] of runs) {
    await openPage(page, `${queryOf(post)}&backend=${backend}&grad=${grad}`);
    await expect(page.locator('#backend')).toHaveText(backend);
    await expect(page.locator('#ctl-grad')).toHaveValue(grad);
    await page.click('button[data-action="run"]');
    await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
    const losses = await loggedLosses(page);
    expect(losses).toHaveLength(10);
    losses.forEach((l, i) => {
      const want = Number(post.losses[i * 10]);
      expect(Math.abs(l - want), `${backend} ${grad} step ${i * 10}`).toBeLessThanOrEqual(
        1e-4 * want + 2 * Math.sqrt(want) * yUlp,
      );
    });
    await expect(page.locator('.output-a-final pre')).toHaveText(post.printed.a_final);
  }
});
