import { loss, type Moments, type Vec2 } from './analysis';
import { keepsRange, type Range } from './ranges';

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
 * The plot window: the disk around the optimum a* through the start a_init, plus the true a (if any).
 * In the Hessian's orthonormal eigenbasis every stable GD step scales each component of
 * a_k − a* by |1 − ηλ| ≤ 1, so ‖a_k − a*‖ never grows: every converging path, at any lr, stays in
 * this disk. The window therefore depends on the data only, not on lr or steps, and the contour is
 * computed once per dataset (edited points may keep the `previous` window, below). A diverging path
 * is drawn leaving it (clamped, never followed to 1e30).
 */
export function landscapeWindow(aTrue: Vec2 | null, aStar: Vec2 | null, aInit: Vec2, previous?: Window): Window {
  const c = aStar ?? aTrue ?? aInit;
  const r = Math.max(Math.hypot(aInit[0] - c[0], aInit[1] - c[1]), 0.25);
  // Own points have no true a: the disk alone.
  const t = aTrue ?? c;
  const a1: Range = [Math.min(c[0] - r, t[0]), Math.max(c[0] + r, t[0])];
  const a2: Range = [Math.min(c[1] - r, t[1]), Math.max(c[1] + r, t[1])];
  const pad = 0.08 * Math.max(a1[1] - a1[0], a2[1] - a2[0]);
  const fresh: Window = { a1: [a1[0] - pad, a1[1] + pad], a2: [a2[0] - pad, a2[1] + pad] };
  // A dragged point moves a* a little on each move: the previous window, while it still holds the
  // disk and is not over twice as wide, keeps the landscape's axes still (no relayout per move).
  return previous && keepsRange(previous.a1, a1, fresh.a1) && keepsRange(previous.a2, a2, fresh.a2) ? previous : fresh;
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
