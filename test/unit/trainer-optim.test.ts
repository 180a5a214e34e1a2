import { beforeAll, describe, expect, it } from 'vitest';
import { trainSpecOf } from '../../src/controller/run';
import { RunHistory } from '../../src/core/history';
import { formatLoss, formatParameter, formatVector } from '../../src/core/torch-format';
import { defaultParams } from '../../src/params/table';
import { chooseBackend } from '../../src/train/backend';
import { tf } from '../../src/train/tf';
import { Trainer } from '../../src/train/trainer';
import { fixtureData, num, optimRuns, type OptimRun } from './fixtures';

// The tfjs trainer with torch.optim's updates and mini-batches, on the cpu backend, against runs of
// real PyTorch (tools/torch_optim_fixtures.py): the page's own program, step by step.

beforeAll(async () => {
  expect((await chooseBackend('cpu')).name).toBe('cpu');
});

async function train(run: OptimRun): Promise<RunHistory> {
  const p = run.params;
  const data = fixtureData(run);
  const params = { ...defaultParams(), ...p, nesterov: p.nesterov === 1 ? ('1' as const) : ('0' as const) };
  const trainer = new Trainer(data, trainSpecOf(params));
  const history = new RunHistory(p.steps, data.aInit);
  const sizes = [1, 7, 3, 40, 13];
  for (let i = 0; !history.isDone(); i++)
    history.append(await trainer.run(Math.min(sizes[i % 5]!, history.remaining())));
  trainer.dispose();
  return history;
}

const generated = optimRuns();

describe.each(generated)('torch.optim fixture $name, trained by tfjs on cpu', (run) => {
  it('prints PyTorch’s losses, a.grad and a; every loss, gradient and a is within 1e-5', async () => {
    const before = tf.memory().numTensors;
    const h = await train(run);
    expect(tf.memory().numTensors).toBe(before);
    expect(h.length).toBe(run.params.steps);
    // ŷ is known to one float32 ulp of |y|: near its floor the loss carries 2·√L·ulp (trainer.test.ts).
    const yUlp = 2 ** (Math.floor(Math.log2(Math.max(...run.y.map(Math.abs)))) - 23);
    // The same ulp in each residual reaches a.grad as 2·|x|·ulp: x = 6 (own-data-wide) shows it.
    const xMax = Math.max(1, ...run.x0.map(Math.abs));
    let robustPrints = 0;
    run.steps.forEach((step, t) => {
      const want = num(step.loss);
      const loss = h.losses[t]!;
      expect(Math.abs(loss - want), `loss at ${String(t)}`).toBeLessThanOrEqual(
        1e-5 * want + 2 * Math.sqrt(want) * yUlp,
      );
      if (t % 10 === 0) expect(formatLoss(loss), `printed at ${String(t)}`).toBe(run.printed[t / 10]);
      const g = h.gradAt(t);
      const wantG = step.grad.map(num) as [number, number];
      for (let i = 0; i < 2; i++) {
        expect(Math.abs(g[i]! - wantG[i]!), `grad at ${String(t)}`).toBeLessThanOrEqual(
          1e-5 * Math.abs(wantG[i]!) + 1e-6 + 2 * (i === 0 ? xMax : 1) * yUlp,
        );
        expect(Math.abs(h.aAt(t + 1)[i]! - num(step.a[i]!)), `a after ${String(t)}`).toBeLessThanOrEqual(1e-5);
      }
      // PyTorch's a.grad, printed from its own numbers, is what the formatter prints; ours prints the
      // same wherever the print does not hang on digits below float32 summation noise (within the
      // tolerance above, both ways): a gradient of 1e-5 printed to 4 digits near the optimum does.
      expect(formatVector(wantG)).toBe(step.grad_str);
      const tol = (v: number): number => 1e-5 * Math.abs(v) + 1e-6;
      const robust = [-1, 1].every((sign) => formatVector(wantG.map((v) => v + sign * tol(v))) === step.grad_str);
      if (robust) {
        expect(formatVector(g), `a.grad at ${String(t)}`).toBe(step.grad_str);
        robustPrints++;
      }
    });
    // Enough steps are robust (the early ones, with gradients well above the noise): not vacuous.
    expect(robustPrints).toBeGreaterThanOrEqual(Math.min(20, run.steps.length / 4));
    expect(formatParameter(h.aAt(run.params.steps))).toBe(run.steps.at(-1)!.a_str);
  });
});
