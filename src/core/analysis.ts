/**
 * Float64 reference for the model y ≈ X·a with X = [x0, 1]. Everything the MSE needs is in five
 * sums, so loss, gradient and the whole predicted GD path cost O(1) per evaluation after one pass.
 */
export interface Moments {
  n: number;
  sx: number; // Σx
  sxx: number; // Σx²
  sy: number; // Σy
  sxy: number; // Σxy
  syy: number; // Σy²
}

export type Vec2 = readonly [number, number];

export function moments(x0: ArrayLike<number>, y: ArrayLike<number>): Moments {
  let sx = 0, sxx = 0, sy = 0, sxy = 0, syy = 0; // prettier-ignore
  for (let i = 0; i < x0.length; i++) {
    const x = x0[i]!;
    const v = y[i]!;
    sx += x;
    sxx += x * x;
    sy += v;
    sxy += x * v;
    syy += v * v;
  }
  return { n: x0.length, sx, sxx, sy, sxy, syy };
}

/** L(a) = (1/n)·Σ(a1·x + a2 − y)². */
export function loss(m: Moments, a: Vec2): number {
  const [a1, a2] = a;
  const quad = a1 * a1 * m.sxx + 2 * a1 * a2 * m.sx + a2 * a2 * m.n;
  const cross = a1 * m.sxy + a2 * m.sy;
  // Clamp: cancellation can leave a tiny negative number at the optimum of noise-free data.
  return Math.max(0, (quad - 2 * cross + m.syy) / m.n);
}

/** ∇L(a) = (2/n)·Xᵀ(Xa − y). */
export function gradient(m: Moments, a: Vec2): [number, number] {
  const [a1, a2] = a;
  return [(2 / m.n) * (a1 * m.sxx + a2 * m.sx - m.sxy), (2 / m.n) * (a1 * m.sx + a2 * m.n - m.sy)];
}

/** H = (2/n)·XᵀX as [h11, h12, h22]. */
export function hessian(m: Moments): [number, number, number] {
  return [(2 / m.n) * m.sxx, (2 / m.n) * m.sx, 2];
}

/** Eigenvalues of the symmetric 2×2 [[a, b], [b, d]], smallest first. */
export function eigenvalues2(a: number, b: number, d: number): [number, number] {
  const mean = (a + d) / 2;
  const r = Math.hypot((a - d) / 2, b);
  return [mean - r, mean + r];
}

/** The OLS optimum a* from the normal equations (XᵀX)a* = Xᵀy, or null when X is rank-deficient. */
export function olsOptimum(m: Moments): [number, number] | null {
  const det = m.sxx * m.n - m.sx * m.sx;
  if (!(Math.abs(det) > 1e-12 * Math.max(1, m.sxx * m.n))) return null;
  return [(m.sxy * m.n - m.sx * m.sy) / det, (m.sxx * m.sy - m.sx * m.sxy) / det];
}

export interface Stability {
  lambdaMin: number;
  lambdaMax: number;
  /** GD converges iff 0 < lr < 2/λmax. */
  lrBound: number;
  /** 2/(λmin + λmax): the lr with the fastest worst-case contraction. */
  lrFastest: number;
}

export function stability(m: Moments): Stability {
  const [h11, h12, h22] = hessian(m);
  const [lambdaMin, lambdaMax] = eigenvalues2(h11, h12, h22);
  return { lambdaMin, lambdaMax, lrBound: 2 / lambdaMax, lrFastest: 2 / (lambdaMin + lambdaMax) };
}

export interface Path {
  /** loss at a_k for k = 0..steps-1: the value the post prints before each update. */
  losses: Float64Array;
  /** a_k for k = 0..steps, interleaved [a1, a2, a1, a2, ...]. */
  a: Float64Array;
}

/** The exact float64 GD trajectory a_{k+1} = a_k − lr·∇L(a_k). */
export function gdPath(m: Moments, aInit: Vec2, lr: number, steps: number): Path {
  const losses = new Float64Array(steps);
  const a = new Float64Array(2 * (steps + 1));
  let cur: [number, number] = [aInit[0], aInit[1]];
  a[0] = cur[0];
  a[1] = cur[1];
  for (let k = 0; k < steps; k++) {
    losses[k] = loss(m, cur);
    const g = gradient(m, cur);
    cur = [cur[0] - lr * g[0], cur[1] - lr * g[1]];
    a[2 * k + 2] = cur[0];
    a[2 * k + 3] = cur[1];
  }
  return { losses, a };
}

export type Verdict = 'converges smoothly' | 'oscillates but converges' | 'will diverge';

/**
 * What plain GD does with this lr, from the Hessian's spectrum: along the top eigenvector each
 * step multiplies the error by (1 − lr·λmax), which flips sign past 1/λmax and grows past 2/λmax.
 */
export function verdict(lr: number, s: Stability): Verdict {
  if (!(lr < s.lrBound)) return 'will diverge';
  if (lr > 1 / s.lambdaMax) return 'oscillates but converges';
  return 'converges smoothly';
}

/** The largest lr on a grid of `digits` significant digits that is still strictly below the bound. */
export function lrJustBelow(bound: number, digits = 3, margin = 0.98): number {
  const target = bound * margin;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(target)));
  return Math.floor(target * scale) / scale;
}

/** The smallest lr on the grid that is clearly above the bound (diverges within a few dozen steps). */
export function lrAbove(bound: number, digits = 3, factor = 1.25): number {
  const target = bound * factor;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(target)));
  return Math.ceil(target * scale) / scale;
}
