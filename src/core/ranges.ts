import type { Path } from './analysis';
import { DIVERGENCE_FACTOR } from './history';

/**
 * Fixed axis ranges, computed once per run from the data and the float64 prediction, so the
 * figures never relayout while animating and never blow up to 1e30 on a diverging run.
 */
export type Range = [number, number];

export const X_RANGE: Range = [-1.08, 1.08];

export function padded(min: number, max: number, frac = 0.08): Range {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [0, 1];
  if (max - min < 1e-9) return [min - 0.5, max + 0.5];
  const pad = (max - min) * frac;
  return [min - pad, max + pad];
}

/** Smallest and largest of the finite values. */
export function extent(values: ArrayLike<number>): Range {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return [min, max];
}

/** The scatter plots' x axis: the post's [-1, 1] whenever the points lie in it, else their extent. */
export function xRangeOf(x0: ArrayLike<number>): Range {
  const [lo, hi] = extent(x0);
  return lo >= -1 && hi <= 1 ? X_RANGE : padded(Math.min(lo, -1), Math.max(hi, 1), 0.06);
}

/**
 * y range for both fit subplots: the data, widened to hold ŷ = a1·x + a2 on [-1, 1] for every a in
 * the disk around `center` of radius `r` (where every converging GD path stays, see landscape.ts),
 * but never more than one data span beyond the data. It depends on the data only, not on lr.
 */
export function fitYRange(y: ArrayLike<number>, center: readonly [number, number], r: number, xMax = 1): Range {
  const [lo, hi] = extent(y);
  const span = Math.max(hi - lo, 1);
  // ŷ = a1·x + a2 over |x| ≤ xMax (1 for the post's points; own points may reach further).
  const reach = Math.abs(center[0]) * xMax + r * Math.hypot(xMax, 1);
  const min = Math.max(lo - span, Math.min(lo, center[1] - reach));
  const max = Math.min(hi + span, Math.max(hi, center[1] + reach));
  return padded(min, max, 0.06);
}

/**
 * log10 range for the loss curve from the predicted losses. The top is capped where the trainer
 * stops a diverging run; the bottom at the float32 floor, which the real run cannot go below.
 */
export function lossLogRange(path: Path): Range {
  return padLogExtent(lossLogExtent(path));
}

/** lossLogRange from a curve's lossLogExtent, for a caller that needs both. */
export function padLogExtent(extent: Range | null): Range {
  if (!extent) return [-1, 1];
  const [lo, hi] = extent;
  const pad = Math.max(0.1, (hi - lo) * 0.06);
  return [lo - pad, hi + pad];
}

/**
 * Whether a figure's previous axis range may stay for edited points: it still holds `inner` (what
 * must be seen) and is not over twice as wide as the `fresh` range. A dragged point then moves no
 * axes on most of its moves, and a far smaller data set still gets axes that fit it.
 */
export function keepsRange(previous: Range, inner: Range, fresh: Range): boolean {
  return previous[0] <= inner[0] && inner[1] <= previous[1] && previous[1] - previous[0] <= 2 * (fresh[1] - fresh[0]);
}

/** The log10 extent of the curve that lossLogRange pads; null for a curve with no positive loss. */
export function lossLogExtent(path: Path): Range | null {
  const first = path.losses[0] ?? 1;
  const cap = first * DIVERGENCE_FACTOR * 10;
  let min = Infinity;
  let max = 0;
  for (const v of path.losses) {
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, Math.min(v, cap));
  }
  if (!(max > 0)) return null;
  const floor = Math.max(max * 1e-14, 1e-16);
  return [Math.log10(Math.max(min, floor)), Math.log10(max)];
}
