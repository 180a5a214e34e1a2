import { describe, expect, it } from 'vitest';
import { gradient, moments, olsOptimum, stability, type Moments } from '../../src/core/analysis';
import { makeLine } from '../../src/core/dataset';
import { heavyBallConverges, momentumRate, momentumVerdict, optimalMomentum, phaseGrid } from '../../src/core/momentum';

// The heavy-ball theory against the float64 iteration it describes, on the page's data.

const data = makeLine({ seed: 42, n: 100, noise: 0.5 });
const m: Moments = moments(data.x0, data.y);
const s = stability(m);
const star = olsOptimum(m)!;

/** |a − a*| after each of `steps` steps of PyTorch's SGD with momentum β (Nesterov optional), in float64. */
function errors(eta: number, beta: number, steps: number, nesterov = false): number[] {
  let a: [number, number] = [data.aInit[0], data.aInit[1]];
  let buf: [number, number] | null = null;
  const out: number[] = [];
  for (let k = 0; k < steps; k++) {
    const g = gradient(m, a);
    buf = buf ? [beta * buf[0] + g[0], beta * buf[1] + g[1]] : g;
    const d = nesterov ? [g[0] + beta * buf[0], g[1] + beta * buf[1]] : buf;
    a = [a[0] - eta * d[0]!, a[1] - eta * d[1]!];
    out.push(Math.hypot(a[0] - star[0], a[1] - star[1]));
  }
  return out;
}

/**
 * The measured worst-case shrink factor per step: the decay of the error's envelope (its largest
 * value over 20 steps: complex roots make it swing) between the start and the end of the second
 * half of its life above float64's floor (below 1e-12 of the start it is rounding, not decay).
 */
function measuredRate(e: number[]): number {
  let k1 = e.length - 1;
  while (k1 > 60 && e[k1]! < 1e-12 * e[0]!) k1--;
  const k0 = Math.floor(k1 / 2);
  const envelope = (k: number): number => Math.max(...e.slice(k - 20, k));
  return (envelope(k1) / envelope(k0)) ** (1 / (k1 - k0));
}

describe('heavy-ball momentum on this quadratic', () => {
  const etas = [0.05, 0.3, 0.8, 0.99, 1.2, 1.7, 2.2];
  const betas = [0, 0.3, 0.6, 0.9];

  it('converges exactly when 0 ≤ β < 1 and 0 < ηλ < 2(1 + β), as the iteration does', () => {
    for (const eta of etas) {
      for (const beta of betas) {
        const e = errors(eta, beta, 4000);
        const iterConverges = e.at(-1)! < 1e-6 * e[0]!;
        const iterDiverges = !(e.at(-1)! < 1e3 * e[0]!);
        expect(heavyBallConverges(eta, beta, s), `η ${String(eta)}, β ${String(beta)}`).toBe(iterConverges);
        if (!heavyBallConverges(eta, beta, s)) expect(iterDiverges).toBe(true);
        expect(momentumRate(eta, beta, s) < 1).toBe(iterConverges);
      }
    }
  });

  it('predicts the rate the iteration shows, heavy ball and Nesterov', () => {
    for (const [eta, beta, nesterov] of [
      [0.3, 0, false],
      [0.8, 0.5, false],
      [0.5, 0.9, false],
      [1.5, 0.6, false],
      [0.4, 0.7, true],
      [0.9, 0.3, true],
    ] as const) {
      const e = errors(eta, beta, 300, nesterov);
      // Past the transient the error decays as (rate)^k, up to a bounded factor.
      const predicted = momentumRate(eta, beta, s, nesterov);
      expect(Math.abs(measuredRate(e) / predicted - 1), `η ${String(eta)}, β ${String(beta)}`).toBeLessThan(0.02);
    }
  });

  it('the optimum (η*, β*) has the rate (√κ − 1)/(√κ + 1), and nothing on a fine grid beats it', () => {
    const best = optimalMomentum(s);
    const kappa = s.lambdaMax / s.lambdaMin;
    expect(best.rate).toBeCloseTo((Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1), 12);
    expect(momentumRate(best.eta, best.beta, s)).toBeCloseTo(best.rate, 6);
    const grid = phaseGrid(s, s.lrBound / 100, 3 * s.lrBound, 120);
    const min = Math.min(...grid.rate.flat());
    expect(min).toBeGreaterThanOrEqual(best.rate - 1e-9);
    // And the iteration at the optimum really decays that fast.
    // (A double root there: the error is k·rateᵏ, a little slower over any finite stretch.)
    expect(measuredRate(errors(best.eta, best.beta, 200))).toBeLessThanOrEqual(best.rate * 1.1);
  });

  it('says oscillates when an error component changes sign, smooth when none does', () => {
    // Plain GD past 1/λmax zig-zags; below it it does not.
    expect(momentumVerdict(0.4, 0, s)).toBe('converges smoothly');
    expect(momentumVerdict(0.8, 0, s)).toBe('oscillates but converges');
    expect(momentumVerdict(1.5, 0.9, s)).toBe('oscillates but converges');
    expect(momentumVerdict(2.5, 0, s)).toBe('will diverge');
    const swings = (eta: number, beta: number): boolean => {
      let a: [number, number] = [data.aInit[0], data.aInit[1]];
      let buf: [number, number] | null = null;
      let prev = a[0] - star[0];
      for (let k = 0; k < 200; k++) {
        const g = gradient(m, a);
        buf = buf ? [beta * buf[0] + g[0], beta * buf[1] + g[1]] : g;
        a = [a[0] - eta * buf[0], a[1] - eta * buf[1]];
        const e = a[0] - star[0];
        if (Math.sign(e) !== Math.sign(prev) && Math.abs(e) > 1e-9) return true;
        prev = e;
      }
      return false;
    };
    for (const [eta, beta] of [
      [0.4, 0],
      [0.8, 0],
      [0.2, 0.1],
      [0.6, 0.8],
    ] as const) {
      expect(momentumVerdict(eta, beta, s) === 'oscillates but converges', `η ${String(eta)}, β ${String(beta)}`).toBe(
        swings(eta, beta),
      );
    }
  });
});
