import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
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
  await expect(page.locator('.xray-bar-picked')).toHaveCount(2);
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
