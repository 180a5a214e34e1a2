import { beforeAll, describe, expect, it } from 'vitest';
import { trainSpecOf } from '../../src/controller/run';
import { BatchPlan } from '../../src/core/batches';
import { RunHistory } from '../../src/core/history';
import { formatMatrix, formatVector } from '../../src/core/torch-format';
import { positionInBatch, sumShares, traceBatch } from '../../src/core/xray';
import { defaultParams } from '../../src/params/table';
import { chooseBackend } from '../../src/train/backend';
import { Trainer } from '../../src/train/trainer';
import { fixtureData, num, optimRuns, type OptimRun } from './fixtures';

// The X-ray's numbers: each point's forward, residual, ∂L/∂ŷ and share of a.grad, against what real
// PyTorch computed and printed at the same a_t (every step of every optimizer fixture).

const aBefore = (run: OptimRun, t: number): [number, number] =>
  t === 0 ? run.a_init : (run.steps[t - 1]!.a.map(num) as [number, number]);

/** Step t's batch as the page's program draws it (torch.randperm, checked in optim.test.ts). */
function batches(run: OptimRun): (Int32Array | null)[] {
  const p = run.params;
  const plan = p.batch < p.n ? new BatchPlan(p.n, p.batch, fixtureData(run).afterInit) : null;
  return run.steps.map((_, t) => plan?.indices(t)?.slice() ?? null);
}

describe.each(optimRuns())('X-ray of torch.optim fixture $name', (run) => {
  const x0 = Float32Array.from(run.x0);
  const y = Float32Array.from(run.y);
  const plan = batches(run);

  it('prints PyTorch’s ŷ, r, ∂L/∂ŷ and shares of a.grad at every step', () => {
    run.steps.forEach((step, t) => {
      const points = traceBatch(x0, y, plan[t]!, aBefore(run, t));
      const k = step.xray.index.length;
      const first = points.slice(0, k);
      expect(
        first.map((p) => p.index),
        `batch at ${String(t)}`,
      ).toEqual(step.xray.index);
      expect(formatVector(first.map((p) => p.yHat)), `ŷ at ${String(t)}`).toBe(step.xray.y_hat_str);
      expect(formatVector(first.map((p) => p.r)), `r at ${String(t)}`).toBe(step.xray.r_str);
      expect(formatVector(first.map((p) => p.dyHat)), `∂L/∂ŷ at ${String(t)}`).toBe(step.xray.dy_hat_str);
      expect(
        formatMatrix(
          first.flatMap((p) => p.share),
          k,
          2,
        ),
        `shares at ${String(t)}`,
      ).toBe(step.xray.contrib_str);
      // Bit for bit, not only as printed.
      expect(
        first.map((p) => p.share),
        `shares at ${String(t)}`,
      ).toEqual(step.xray.contrib);
    });
  });

  it('the shares sum to PyTorch’s a.grad, to float32 summation noise', () => {
    run.steps.forEach((step, t) => {
      const points = traceBatch(x0, y, plan[t]!, aBefore(run, t));
      const sum = sumShares(points);
      const scale = points.reduce((s, p) => s + Math.abs(p.share[0]) + Math.abs(p.share[1]), 0);
      for (let i = 0; i < 2; i++)
        expect(Math.abs(sum[i]! - num(step.grad[i]!)), `step ${String(t)}`).toBeLessThanOrEqual(1e-6 * scale);
    });
  });
});

describe('the shares explain the gradient that tfjs computed', () => {
  beforeAll(async () => {
    expect((await chooseBackend('cpu')).name).toBe('cpu');
  });

  it.each(optimRuns())('$name: Σ shares at the trainer’s own a_t is its a.grad', async (run) => {
    const p = run.params;
    const data = fixtureData(run);
    const params = { ...defaultParams(), ...p, nesterov: p.nesterov === 1 ? ('1' as const) : ('0' as const) };
    const trainer = new Trainer(data, trainSpecOf(params));
    const h = new RunHistory(p.steps, data.aInit);
    while (!h.isDone()) h.append(await trainer.run(Math.min(17, h.remaining())));
    trainer.dispose();
    const plan = batches(run);
    for (let t = 0; t < p.steps; t++) {
      const points = traceBatch(data.x0, data.y, plan[t]!, h.aAt(t));
      const sum = sumShares(points);
      const scale = points.reduce((s, q) => s + Math.abs(q.share[0]) + Math.abs(q.share[1]), 0);
      const g = h.gradAt(t);
      for (let i = 0; i < 2; i++)
        expect(Math.abs(sum[i]! - g[i]!), `step ${String(t)}`).toBeLessThanOrEqual(1e-6 * scale);
    }
  });
});

describe('a point outside the step’s batch', () => {
  it('has no place in it, and one inside has its place', () => {
    const batch = Int32Array.from([4, 0, 7]);
    expect(positionInBatch(batch, 7)).toBe(2);
    expect(positionInBatch(batch, 3)).toBe(-1);
    expect(positionInBatch(null, 3)).toBe(3);
  });
});
