import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, openPage } from './helpers';

// "One step, slowly": the X-ray cell prints what PyTorch printed for the same step.

interface OptimFixture {
  params: { seed: number; n: number; noise: number; lr: number; steps: number; momentum: number };
  steps: { grad_str: string; a_str: string; xray: { y_hat_str: string; r_str: string; grad_str: string } }[];
}
const fixture = (name: string): OptimFixture =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'torch', 'optim', `${name}.json`), 'utf8'),
  ) as OptimFixture;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const queryOf = (f: OptimFixture, extra = ''): string => {
  const p = f.params;
  return `?seed=${p.seed}&n=${p.n}&noise=${p.noise}&lr=${p.lr}&steps=${p.steps}${extra}`;
};

for (const [name, extra] of [
  ['plain-gd', ''],
  ['momentum', '&momentum=0.9'],
] as const) {
  test(`10 single Steps (${name}): at each, the cell shows PyTorch's a.grad and the a it steps to`, async ({
    page,
  }) => {
    const errors = collectErrors(page);
    const run = fixture(name);
    await openPage(page, queryOf(run, extra));
    const backward = page.locator('.xray-backward');
    const update = page.locator('.xray-update');
    await page.locator('.output-xray').scrollIntoViewIfNeeded();
    for (let k = 0; k <= 10; k++) {
      // After k Steps the counter shows a_k: the cell shows step k, the next to run.
      await expect(page.locator('.step-counter')).toHaveText(`step ${k} / ${run.params.steps}`);
      // PyTorch's float32 sum of 100 shares can land an ulp apart on the same step: its run and its
      // recomputation at the same a_t printed -1.6002 and -1.6003 (momentum, step 2). Either is PyTorch's.
      const printed = [run.steps[k]!.grad_str, run.steps[k]!.xray.grad_str].map(
        (g) => `a.grad = Σ of the ${run.params.n} shares  →  ${g}`,
      );
      await expect(backward).toContainText(new RegExp(printed.map(escape).join('|')));
      await expect(update).toContainText(run.steps[k]!.a_str.split('\n')[1]!);
      await expect(page.locator('.xray-forward')).toContainText(
        `→  tensor(${/tensor\(\[([^,\]]+)/.exec(run.steps[k]!.xray.y_hat_str)![1]!.trim()})`,
      );
      if (k < 10) await page.click('button[data-action="step"]');
    }
    // Back on the timeline, a step that ran shows the gradient the trainer computed for it.
    await page.locator('#ctl-replay').fill('4');
    await expect(page.locator('.xray-note')).toHaveText('step 4, as the run took it');
    await expect(backward).toContainText(run.steps[4]!.grad_str);
    expect(errors).toEqual([]);
  });
}

test('the point picker and "backward, slowly" walk the graph from the loss back to a', async ({ page }) => {
  const run = fixture('plain-gd');
  await openPage(page, queryOf(run));
  await page.locator('.output-xray').scrollIntoViewIfNeeded();
  const forward = page.locator('.xray-forward');
  await expect(forward).toContainText('point 0: x[0]');
  await page.getByRole('button', { name: 'next point' }).click();
  await expect(forward).toContainText('point 1: x[1]');
  const r1 = /tensor\(\[[^,]+,\s*([^,\]]+)/.exec(run.steps[0]!.xray.r_str)![1]!.trim();
  await expect(forward).toContainText(`→  tensor(${r1})`);
  // The picked point's bar, drawn on top in each component's row, follows the picker.
  const picked = page.locator('.xray-bar-picked');
  await expect(picked).toHaveCount(2);
  for (const bar of await picked.all()) {
    await expect(bar).toHaveAttribute('data-point', '1');
    await expect(bar).toHaveAttribute('d', /^M[\d.]+ \d+v-?[\d.]+$/);
  }
  await page.locator('#xray-point').fill('99');
  await page.locator('#xray-point').press('Enter');
  await expect(forward).toContainText('point 99: x[99]');

  const graph = page.locator('.xray-graph');
  const walk = page.locator('button[data-action="backward-slowly"]');
  const nodes = ['mean', '²', '− y', 'x @ a', 'a'];
  for (let k = 0; k < nodes.length; k++) {
    await walk.click();
    await expect(graph).toHaveAttribute('data-walk', String(4 - k));
    await expect(page.locator('.xray-node-current .xray-op')).toHaveText(nodes[k]!);
    await expect(page.locator('.xray-walk-said')).toContainText(`At ${nodes[k]!}:`);
    // Only the nodes the walk has reached show their gradient.
    await expect(page.locator('.xray-bwd:not(:empty)')).toHaveCount(k + 1);
  }
  await expect(page.locator('.xray-walk-said')).toContainText(`a.grad = [`);
});

/** The arrow's ends, and where a1, a2 pairs are drawn on the landscape, in the stack's pixels. */
async function arrowAndPixels(page: Page, points: number[][]) {
  return page.evaluate((pts) => {
    const live = document.querySelector('.fig-landscape-live') as HTMLElement & {
      layout: { xaxis: { range: number[] }; yaxis: { range: number[] } };
    };
    const s = live.parentElement!.getBoundingClientRect();
    const b = live.querySelector('.nsewdrag')!.getBoundingClientRect();
    const [x0, x1] = live.layout.xaxis.range as [number, number];
    const [y0, y1] = live.layout.yaxis.range as [number, number];
    const px = ([p, q]: number[]): number[] => [
      b.left - s.left + ((p! - x0) / (x1 - x0)) * b.width,
      b.top - s.top + ((y1 - q!) / (y1 - y0)) * b.height,
    ];
    const line = (sel: string): { ends: number[]; visible: boolean } => {
      const l = document.querySelector(sel)!;
      return {
        ends: ['x1', 'y1', 'x2', 'y2'].map((k) => Number(l.getAttribute(k))),
        visible: l.getAttribute('visibility') === 'visible',
      };
    };
    return { step: line('.step-arrow-step'), descent: line('.step-arrow-descent'), at: pts.map(px) };
  }, points);
}

const aAt = async (page: Page): Promise<number[]> => {
  const eq = page.locator('.equation');
  return [Number(await eq.getAttribute('data-a1')), Number(await eq.getAttribute('data-a2'))];
};

test('the landscape shows the step at the cursor: an arrow from a_t to a_{t+1}, and −lr·∇L where they differ', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openPage(page, '?momentum=0.9&lr=0.05&steps=40');
  for (let i = 0; i < 4; i++) await page.click('button[data-action="step"]');
  await expect(page.locator('.step-counter')).toHaveText('step 4 / 40');
  await page.locator('.fig-landscape').scrollIntoViewIfNeeded();
  // Back to step 2, a step momentum has taken: the arrow runs a_2 → a_3, the dashed one along −lr·a.grad.
  await page.locator('#ctl-replay').fill('2');
  await expect(page.locator('.equation')).toHaveAttribute('data-step', '2');
  const a2 = await aAt(page);
  await page.locator('#ctl-replay').fill('3');
  await expect(page.locator('.equation')).toHaveAttribute('data-step', '3');
  const a3 = await aAt(page);
  await page.locator('#ctl-replay').fill('2');
  await expect(page.locator('.equation')).toHaveAttribute('data-step', '2');
  await expect.poll(async () => (await arrowAndPixels(page, [a2, a3])).step.visible).toBe(true);
  const { step, descent, at } = await arrowAndPixels(page, [a2, a3]);
  const near = (got: number[], want: number[]): void => {
    expect(Math.abs(got[0]! - want[0]!)).toBeLessThan(1.5);
    expect(Math.abs(got[1]! - want[1]!)).toBeLessThan(1.5);
  };
  near(step.ends.slice(0, 2), at[0]!);
  near(step.ends.slice(2), at[1]!);
  // Momentum: the step is not −lr·∇L, so the dashed arrow shows where the gradient alone points.
  expect(descent.visible).toBe(true);
  near(descent.ends.slice(0, 2), at[0]!);
  expect(Math.hypot(descent.ends[2]! - step.ends[2]!, descent.ends[3]! - step.ends[3]!)).toBeGreaterThan(1);
  expect(errors).toEqual([]);
});

test('plain GD: before the step runs, its arrow is the step a_t − lr·∇L(a_t) it will take', async ({ page }) => {
  await openPage(page, '?steps=40');
  await page.click('button[data-action="step"]');
  await page.locator('.fig-landscape').scrollIntoViewIfNeeded();
  await expect(page.locator('.equation')).toHaveAttribute('data-step', '1');
  const a1 = await aAt(page);
  await expect.poll(async () => (await arrowAndPixels(page, [a1])).step.visible).toBe(true);
  const before = await arrowAndPixels(page, [a1]);
  await page.click('button[data-action="step"]');
  await expect(page.locator('.equation')).toHaveAttribute('data-step', '2');
  const a2 = await aAt(page);
  const { at } = await arrowAndPixels(page, [a2]);
  // The arrow drawn before step 1 ran ends where step 1 took a (float64 against float32: within a pixel).
  expect(Math.abs(before.step.ends[2]! - at[0]![0]!)).toBeLessThan(1.5);
  expect(Math.abs(before.step.ends[3]! - at[0]![1]!)).toBeLessThan(1.5);
  expect(before.descent.visible).toBe(false);
});

test('the X-ray follows the run while it plays (the post’s n and full batch)', async ({ page }) => {
  await openPage(page, '?speed=20&steps=300');
  await page.locator('.output-xray').scrollIntoViewIfNeeded();
  await page.click('button[data-action="run"]');
  const stepShown = async (): Promise<number> =>
    Number(/step (\d+)/.exec((await page.locator('.xray-note').textContent()) ?? '')?.[1] ?? -1);
  await expect.poll(stepShown).toBeGreaterThan(5);
  const first = await stepShown();
  await expect.poll(stepShown).toBeGreaterThan(first + 5);
  await expect(page.locator('.run-status')).toHaveText('running');
});
