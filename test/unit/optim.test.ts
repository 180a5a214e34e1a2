import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatchPlan } from '../../src/core/batches';
import { makeLine } from '../../src/core/dataset';
import { initialState, optStep, type OptState } from '../../src/core/optim';
import { TorchGenerator } from '../../src/core/torch-rng';
import { configOf, FIXTURE_DIR, num, optimRuns } from './fixtures';

describe('torch.randperm on CPU', () => {
  const { cases } = JSON.parse(readFileSync(join(FIXTURE_DIR, 'optim', 'randperm.json'), 'utf8')) as {
    cases: { n: number; seed: number; draws_before: number; perm: number[] }[];
  };
  it.each(cases)('n = $n, seed $seed, after $draws_before draws: bit for bit', (c) => {
    const g = new TorchGenerator(c.seed);
    if (c.draws_before) g.rand(c.draws_before);
    expect(Array.from(g.randperm(c.n))).toEqual(c.perm);
  });
});

describe.each(optimRuns())('torch.optim fixture $name', (run) => {
  it('each step from PyTorch’s own gradient gives PyTorch’s a and optimizer state, to the last float32 bit', () => {
    const cfg = configOf(run);
    let a: [number, number] = [run.a_init[0], run.a_init[1]];
    let s: OptState = initialState();
    let exact = 0;
    run.steps.forEach((step, t) => {
      const g = step.grad.map(num) as [number, number];
      ({ a, state: s } = optStep(cfg, a, g, s));
      const want = step.a.map(num);
      // Within one float32 ulp at every step (the message says where), and in fact exact (below).
      for (let i = 0; i < 2; i++) {
        const ulp = 2 ** (Math.floor(Math.log2(Math.abs(want[i]!) || 1e-30)) - 23);
        expect(Math.abs(a[i]! - want[i]!), `step ${String(t)}`).toBeLessThanOrEqual(ulp);
      }
      if (a[0] === want[0] && a[1] === want[1]) exact++;
      if (step.state.buf) expect(s.buf).toEqual(step.state.buf);
      if (step.state.m) {
        expect(s.m).toEqual(step.state.m);
        expect(s.v).toEqual(step.state.v);
      }
      // Carry PyTorch's a on, so one ulp never compounds into a test of luck.
      a = want as [number, number];
    });
    expect(exact).toBe(run.steps.length);
  });

  it('the data and a_init are the generator’s, and the batches are the fixture’s permutations', () => {
    const p = run.params;
    if (run.data) return;
    const data = makeLine({ seed: p.seed, n: p.n, noise: p.noise });
    expect(Array.from(data.x0)).toEqual(run.x0);
    expect(data.aInit).toEqual(run.a_init);
    const plan = new BatchPlan(p.n, p.batch, data.afterInit);
    for (let t = 0; t < p.steps; t++) {
      const idx = plan.indices(t);
      if (p.batch >= p.n) {
        expect(idx).toBeNull();
        continue;
      }
      const k = t % plan.perEpoch;
      const perm = run.perms[Math.floor(t / plan.perEpoch)]!;
      expect(Array.from(idx!)).toEqual(perm.slice(k * p.batch, (k + 1) * p.batch));
    }
  });
});
