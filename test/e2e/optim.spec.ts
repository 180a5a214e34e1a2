import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, lookAt, openPage, plotData, runToEnd } from './helpers';

// torch.optim on the page: every optimizer fixture from real PyTorch, opened from its URL, prints
// PyTorch's lines, on WebGL and on cpu; and the race of the three optimizers.

interface OptimFixture {
  name: string;
  params: Record<string, number | string>;
  /** Hand-written points (the reader's own data), or null for the seed's line. */
  data: [number, number][] | null;
  printed: string[];
  steps: { a_str: string }[];
}

const DIR = join(import.meta.dirname, '..', 'fixtures', 'torch', 'optim');
const runs = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && f !== 'randperm.json')
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as OptimFixture);

function queryOf(r: OptimFixture, backend: string): string {
  const p = r.params;
  const keys = ['seed', 'n', 'noise', 'lr', 'steps', 'opt', 'momentum', 'nesterov', 'beta1', 'beta2', 'batch'];
  const own = r.data ? `&data=${r.data.map(([x, y]) => `${x},${y}`).join(';')}` : '';
  return `?${keys.map((k) => `${k}=${String(p[k])}`).join('&')}${own}&speed=2000&backend=${backend}`;
}

/** Python's repr of a float, for the literals the fixtures were written with. */
const pyRepr = (v: number): string => (Number.isInteger(v) ? `${v}.0` : String(v));

for (const backend of ['webgl', 'cpu']) {
  test(`every torch.optim fixture prints PyTorch's lines on ${backend}`, async ({ page }) => {
    test.setTimeout(300_000);
    const errors = collectErrors(page);
    for (const r of runs) {
      await openPage(page, queryOf(r, backend));
      await expect(page.locator('#backend'), r.name).toHaveText(backend);
      await runToEnd(page);
      await expect(page.locator('.log-line'), r.name).toHaveText(r.printed);
      await expect(page.locator('.output-a-final pre'), r.name).toHaveText(r.steps.at(-1)!.a_str);
      // The program the code cell shows is the one PyTorch ran.
      const code =
        (await page.locator('.output-train-log').locator('xpath=../..').locator('code.language-py').textContent()) ??
        '';
      const plain = r.params.opt === 'sgd' && r.params.momentum === 0 && Number(r.params.batch) >= Number(r.params.n);
      // Own points are literals in the program, as the fixture's PyTorch run was given them.
      const head =
        (await page.locator('.output-x-head').locator('xpath=../..').locator('code.language-py').textContent()) ?? '';
      if (r.data)
        expect(head, r.name).toContain(`x[:, 0] = torch.tensor([${r.data.map(([x]) => pyRepr(x)).join(', ')}])`);
      else expect(head, r.name).toContain('x[:, 0].uniform_(-1., 1)');
      if (plain) expect(code, r.name).toContain('a.sub_(lr * a.grad)');
      else if (r.params.opt === 'adam') expect(code, r.name).toContain('torch.optim.Adam([a], lr=');
      else expect(code, r.name).toContain('torch.optim.SGD([a], lr=');
    }
    expect(errors).toEqual([]);
  });
}

test('the post’s run keeps the post’s own update cells', async ({ page }) => {
  await openPage(page);
  const code = await page.locator('.output-train-log').locator('xpath=../..').locator('code.language-py').textContent();
  expect(code).toContain('a.sub_(lr * a.grad)');
  expect(code).not.toContain('torch.optim');
});

/** The diagnostics the page shows: tensors alive and readbacks so far. */
async function counts(page: Page): Promise<{ tensors: number; readbacks: number }> {
  return page.$eval('#ctl-tensors', (el) => ({
    tensors: Number(/^(\d+) tensors/.exec(el.textContent)?.[1]),
    readbacks: Number((el as HTMLElement).dataset.readbacks),
  }));
}

test('the race: three paths from one a_init, one readback a frame for all three, tensors flat', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  // Noisy data: no racer's loss reaches exactly 0 (a log axis drops zeros).
  await openPage(page, '?speed=60&steps=200&momentum=0.8&noise=0.5');
  await lookAt(page, '.fig-race-landscape');
  // Before a race its figures take no room; a race makes room for them.
  const height = (): Promise<number> =>
    page.locator('.fig-race-landscape').evaluate((el) => el.getBoundingClientRect().height);
  expect(await height()).toBe(0);
  await page.evaluate(() => {
    const w = window as unknown as { frames: number };
    w.frames = 0;
    const tick = (): void => {
      w.frames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.click('button[data-race="start"]');
  await expect.poll(height).toBeGreaterThan(300);
  await expect(page.locator('.race-status')).toHaveText(/^step [2-9]\d \/ 200, running$/, { timeout: 30_000 });
  const before = {
    ...(await counts(page)),
    frames: await page.evaluate(() => (window as unknown as { frames: number }).frames),
  };
  await page.waitForTimeout(1500);
  const after = {
    ...(await counts(page)),
    frames: await page.evaluate(() => (window as unknown as { frames: number }).frames),
  };
  // Batches land at most once a frame, each with every racer's steps.
  expect(after.readbacks - before.readbacks).toBeGreaterThan(3);
  expect(after.readbacks - before.readbacks).toBeLessThanOrEqual(after.frames - before.frames + 1);
  await expect(page.locator('.race-status')).toHaveText('step 200 / 200, done', { timeout: 60_000 });
  await page.waitForTimeout(300);
  // No tensor per step stays behind: the same count mid-race and at its end.
  expect((await counts(page)).tensors).toBe(before.tensors);
  const paths = await plotData(page, '.fig-race-landscape');
  // The contour, then plain GD, momentum and Adam: each from a_init, each a path of its own.
  expect(paths.slice(1).map((t) => t.color)).toEqual(['#d62728', '#1f77b4', '#2ca02c']);
  const [gd, mom, adam] = paths.slice(1);
  for (const p of [gd!, mom!, adam!]) {
    expect(p.x.length).toBeGreaterThan(100);
    expect([p.x[0], p.y[0]]).toEqual([gd!.x[0], gd!.y[0]]);
  }
  expect(mom!.x.at(-1)).not.toBe(gd!.x.at(-1));
  expect(adam!.x.at(-1)).not.toBe(gd!.x.at(-1));
  // A racer switched off draws nothing; on again, its path is back.
  await page.locator('input[data-racer="adam"]').uncheck();
  await expect.poll(async () => (await plotData(page, '.fig-race-landscape'))[3]!.x.length).toBe(0);
  await page.locator('input[data-racer="adam"]').check();
  await expect.poll(async () => (await plotData(page, '.fig-race-landscape'))[3]!.x.length).toBeGreaterThan(100);
  const curves = await plotData(page, '.fig-race-loss');
  expect(curves.map((c) => c.y.length)).toEqual([200, 200, 200]);
  expect(errors).toEqual([]);
});

test('the race on WebGL: momentum and Adam are PyTorch’s runs of those optimizers', async ({ page }) => {
  test.setTimeout(120_000);
  // The fixtures' data and settings: seed 42, n = 100, noise 0, lr 0.1, momentum 0.9, Adam's betas.
  const fixture = (name: string): { steps: { loss: number }[] } =>
    JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as { steps: { loss: number }[] };
  await openPage(page, '?momentum=0.9&speed=500');
  await lookAt(page, '.fig-race-loss');
  await page.click('button[data-race="start"]');
  await expect(page.locator('.race-status')).toHaveText('step 100 / 100, done', { timeout: 60_000 });
  const curves = await plotData(page, '.fig-race-loss');
  for (const [i, name] of [
    [1, 'momentum'],
    [2, 'adam'],
  ] as const) {
    const want = fixture(name).steps.map((s) => s.loss);
    const c = curves[i]!;
    expect(c.x.length, name).toBeGreaterThan(50);
    c.x.forEach((step, k) => {
      expect(Math.abs(c.y[k]! - want[step]!), `${name} at ${String(step)}`).toBeLessThanOrEqual(
        1e-4 * want[step]! + 1e-7,
      );
    });
  }
});

test('the chapter’s presets set their optimizer; the theory, verdict and phase diagram follow', async ({ page }) => {
  test.setTimeout(120_000);
  await openPage(page, '?speed=2000');
  const verdict = page.locator('.optim-verdict');
  await page.click('button[data-preset="momentum"]');
  await expect(page.locator('#ch-momentum-value')).toHaveText('0.9');
  await expect(page.locator('#ctl-momentum-value')).toHaveText('0.9');
  await expect(verdict).toHaveAttribute('data-verdict', /converges/);
  await page.click('button[data-preset="optimal"]');
  // η* and β* of this bowl, as the theory prints them, are what the preset set.
  const valueOf = async (name: string): Promise<number> => {
    const tex = await page.locator(`.optim-theory [data-tex^="\\\\${name}^*"]`).getAttribute('data-tex');
    return Number(/= ([\d.]+)$/.exec(tex!)![1]);
  };
  const [eta, beta] = [await valueOf('eta'), await valueOf('beta')];
  await expect(page.locator('#ctl-lr-value')).toHaveText(String(Number(eta.toPrecision(3))));
  await expect(page.locator('#ch-momentum-value')).toHaveText(String(Math.round(beta * 100) / 100));
  await expect(verdict).toHaveAttribute('data-verdict', /converges/);
  const marker = (await plotData(page, '.fig-phase'))[2]!;
  expect(marker.x[0]).toBeCloseTo(Number(eta.toPrecision(3)), 6);
  await page.click('button[data-preset="adam"]');
  await expect(page.locator('#ch-opt')).toHaveValue('adam');
  await expect(verdict).toHaveAttribute('data-verdict', 'adam');
  await expect(page.locator('.optim-theory')).toContainText('Adam has no such bound');
  await page.click('button[data-preset="minibatch"]');
  await expect(page.locator('#ch-batch')).toHaveValue('10');
  await expect(page.locator('#ch-opt')).toHaveValue('sgd');
  await expect(page.locator('.optim-batch')).toContainText('10 of the 100 points');
  // A preset re-runs the notebook, as a slider does.
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  // Mini-batches: the loss figure draws the batch losses and the full loss.
  const loss = await plotData(page, '.fig-loss');
  expect(loss[0]!.y).toHaveLength(100);
  expect(loss[2]!.y).toHaveLength(100);
  expect(loss[0]!.y).not.toEqual(loss[2]!.y);
});
