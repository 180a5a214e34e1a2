import { loss, type Moments, type Path, type Vec2 } from './analysis';
import type { Range } from './ranges';

export interface Grid {
  a1: number[];
  a2: number[];
  /** z[j][i] = L(a1[i], a2[j]), row-major by a2 as Plotly's contour expects. */
  z: number[][];
}

export interface Window {
  a1: Range;
  a2: Range;
}

/**
 * The plot window around the points that matter: the true a, the OLS optimum, the start, and the
 * predicted path up to the point where it leaves a few times that box (a diverging path is shown
 * leaving, not followed to 1e30).
 */
export function landscapeWindow(points: readonly Vec2[], path: Path): Window {
  let lo1 = Infinity;
  let hi1 = -Infinity;
  let lo2 = Infinity;
  let hi2 = -Infinity;
  const take = ([p, q]: Vec2): void => {
    lo1 = Math.min(lo1, p);
    hi1 = Math.max(hi1, p);
    lo2 = Math.min(lo2, q);
    hi2 = Math.max(hi2, q);
  };
  points.forEach(take);
  const span = Math.max(hi1 - lo1, hi2 - lo2, 0.5);
  const cx1 = (lo1 + hi1) / 2;
  const cx2 = (lo2 + hi2) / 2;
  for (let k = 0; k < path.a.length; k += 2) {
    const p: Vec2 = [path.a[k]!, path.a[k + 1]!];
    if (!(Math.abs(p[0] - cx1) <= 1.5 * span && Math.abs(p[1] - cx2) <= 1.5 * span)) break;
    take(p);
  }
  const pad = 0.12 * Math.max(hi1 - lo1, hi2 - lo2, 0.5);
  return { a1: [lo1 - pad, hi1 + pad], a2: [lo2 - pad, hi2 + pad] };
}

export function lossGrid(m: Moments, w: Window, size = 60): Grid {
  const axis = ([lo, hi]: Range): number[] => Array.from({ length: size }, (_, i) => lo + ((hi - lo) * i) / (size - 1));
  const a1 = axis(w.a1);
  const a2 = axis(w.a2);
  return { a1, a2, z: a2.map((q) => a1.map((p) => loss(m, [p, q]))) };
}

/** Clamp a point into a box a few windows wide, so SVG never sees coordinates near 1e30. */
export function clampToWindow(p: Vec2, w: Window, factor = 3): [number, number] {
  const clamp = (v: number, [lo, hi]: Range): number => {
    const c = (lo + hi) / 2;
    const r = ((hi - lo) / 2) * factor;
    return Number.isFinite(v) ? Math.min(c + r, Math.max(c - r, v)) : c;
  };
  return [clamp(p[0], w.a1), clamp(p[1], w.a2)];
}
