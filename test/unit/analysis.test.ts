import { beforeAll, describe, expect, it } from 'vitest';
import {
  eigenvalues2,
  gdPath,
  hessian,
  lrAbove,
  lrJustBelow,
  moments,
  olsOptimum,
  stability,
  verdict,
} from '../../src/core/analysis';
import { makeLine } from '../../src/core/dataset';
import { RunHistory } from '../../src/core/history';
import { clampToWindow, landscapeWindow, lossGrid } from '../../src/core/landscape';
import { chooseBackend } from '../../src/train/backend';
import { plainSpec, Trainer } from '../../src/train/trainer';
import { num, torchRuns } from './fixtures';

beforeAll(async () => {
  await chooseBackend('cpu');
});

describe('the 2×2 eigenvalues', () => {
  it('are right for known matrices', () => {
    expect(eigenvalues2(2, 1, 2)).toEqual([1, 3]);
    expect(eigenvalues2(4, 0, 1)).toEqual([1, 4]);
    const [l1, l2] = eigenvalues2(1, 2, 4); // trace 5, det 0
    expect(l1).toBeCloseTo(0, 12);
    expect(l2).toBeCloseTo(5, 12);
  });
});

describe.each(torchRuns())('analysis of fixture $name against PyTorch float64', (run) => {
  const data = makeLine(run.params);
  const m = moments(data.x0, data.y);

  it('a* matches torch.linalg.lstsq', () => {
    const a = olsOptimum(m)!;
    expect(a[0]).toBeCloseTo(run.analysis.a_star[0], 6);
    expect(a[1]).toBeCloseTo(run.analysis.a_star[1], 6);
  });

  it('H = (2/n)XᵀX and its eigenvalues match torch.linalg.eigvalsh', () => {
    const [h11, h12, h22] = hessian(m);
    expect(h11).toBeCloseTo(run.analysis.hessian[0][0], 10);
    expect(h12).toBeCloseTo(run.analysis.hessian[0][1], 10);
    expect(h22).toBeCloseTo(run.analysis.hessian[1][1], 10);
    const s = stability(m);
    expect(s.lambdaMin).toBeCloseTo(run.analysis.eigenvalues[0], 10);
    expect(s.lambdaMax).toBeCloseTo(run.analysis.eigenvalues[1], 10);
    expect(s.lrBound).toBeCloseTo(2 / run.analysis.eigenvalues[1], 10);
  });

  it('the float64 prediction follows the tfjs run within float32 tolerance', async () => {
    const steps = Math.min(100, run.params.steps);
    const path = gdPath(m, data.aInit, run.params.lr, steps);
    const trainer = new Trainer(data, plainSpec(run.params.lr));
    const history = new RunHistory(steps, data.aInit);
    const b = await trainer.run(steps);
    history.append(b);
    trainer.dispose();
    const stable = run.params.lr < stability(m).lrBound;
    // A diverging run is compared up to the step where the trainer stopped it.
    const last = stable ? steps : Math.min(history.divergedStep, 10);
    for (let k = 0; k <= last; k++) {
      const [t1, t2] = history.aAt(k);
      const scale = Math.max(1, Math.abs(path.a[2 * k]!), Math.abs(path.a[2 * k + 1]!));
      expect(Math.abs(t1 - path.a[2 * k]!)).toBeLessThanOrEqual(2e-5 * scale);
      expect(Math.abs(t2 - path.a[2 * k + 1]!)).toBeLessThanOrEqual(2e-5 * scale);
    }
    // And PyTorch's own path agrees with the prediction.
    for (let k = 0; k <= last; k++) {
      const scale = Math.max(1, Math.abs(path.a[2 * k]!));
      expect(Math.abs(num(run.a_path[k]![0]) - path.a[2 * k]!)).toBeLessThanOrEqual(2e-5 * scale);
    }
  });
});

describe('the stability bound 2/λmax', () => {
  const data = makeLine({ seed: 42, n: 100, noise: 0.5 });
  const m = moments(data.x0, data.y);
  const s = stability(m);
  const below = lrJustBelow(s.lrBound);
  const above = s.lrBound * 1.02;
  const steps = 400;

  it('separates convergence from divergence in the float64 prediction', () => {
    const ok = gdPath(m, data.aInit, below, steps).losses;
    const bad = gdPath(m, data.aInit, above, steps).losses;
    expect(ok[steps - 1]!).toBeLessThan(ok[0]!);
    expect(bad[steps - 1]!).toBeGreaterThan(1e3 * bad[0]!);
    expect(below).toBeLessThan(s.lrBound);
    expect(verdict(below, s)).toBe('oscillates but converges');
    expect(verdict(above, s)).toBe('will diverge');
    expect(verdict(0.5 / s.lambdaMax, s)).toBe('converges smoothly');
    expect(lrAbove(s.lrBound)).toBeGreaterThan(s.lrBound);
  });

  it('separates convergence from divergence in the tfjs trainer on cpu', async () => {
    const final = async (lr: number): Promise<RunHistory> => {
      const t = new Trainer(data, plainSpec(lr));
      const h = new RunHistory(steps, data.aInit);
      while (!h.isDone()) {
        const b = await t.run(Math.min(100, h.remaining()));
        h.append(b);
      }
      t.dispose();
      return h;
    };
    const ok = await final(below);
    expect(ok.divergedStep).toBe(-1);
    expect(ok.losses[steps - 1]!).toBeLessThan(ok.losses[0]!);
    const bad = await final(lrAbove(s.lrBound, 3, 1.02));
    expect(bad.divergedStep).toBeGreaterThan(0);
  });
});

describe('the landscape', () => {
  const data = makeLine({ seed: 7, n: 37, noise: 1 });
  const m = moments(data.x0, data.y);
  const aStar = olsOptimum(m)!;
  const w = landscapeWindow([3, 2], aStar, data.aInit);
  const inside = ([p, q]: readonly [number, number]): boolean =>
    p > w.a1[0] && p < w.a1[1] && q > w.a2[0] && q < w.a2[1];

  it('frames the true a, a* and a_init, and its grid is the loss', () => {
    for (const p of [[3, 2], aStar, data.aInit] as const) expect(inside(p)).toBe(true);
    const g = lossGrid(m, w, 21);
    expect(g.z).toHaveLength(21);
    // The smallest grid value sits next to a*.
    let best = [0, 0];
    g.z.forEach((row, j) => row.forEach((v, i) => (v < g.z[best[0]!]![best[1]!]! ? (best = [j, i]) : null)));
    const cell = (g.a1[1]! - g.a1[0]!) * 1.01;
    expect(Math.abs(g.a1[best[1]!]! - aStar[0])).toBeLessThanOrEqual(cell);
  });

  it('holds every converging path, whatever the lr, so it need not change with lr', () => {
    const { lrBound } = stability(m);
    for (const f of [0.01, 0.2, 0.5, 0.9, 0.99]) {
      const path = gdPath(m, data.aInit, f * lrBound, 500);
      for (let k = 0; k < path.a.length; k += 2)
        expect(inside([path.a[k]!, path.a[k + 1]!]), `lr ${f}·bound, step ${k / 2}`).toBe(true);
    }
  });

  it('does not follow a diverging path out to infinity', () => {
    expect(w.a1[1] - w.a1[0]).toBeLessThan(50);
    const far = clampToWindow([1e30, -Infinity], w);
    expect(far.every(Number.isFinite)).toBe(true);
    expect(Math.abs(far[0])).toBeLessThan(200);
  });
});
