import { xRangeOf, type Range } from './ranges';

/**
 * SVG scatter plots take over a second per update at 1e4 points and crash at 1e5 (docs/ARCHITECTURE.md, "Measured facts"), so
 * figures draw at most this many points. x is i.i.d. uniform, so evenly spaced indices are already a
 * random sample, and the same for every frame.
 */
export const MAX_PLOT_POINTS = 2000;

export function subsampleIndices(n: number, cap = MAX_PLOT_POINTS): Uint32Array {
  const k = Math.min(n, cap);
  const idx = new Uint32Array(k);
  for (let i = 0; i < k; i++) idx[i] = Math.floor((i * n) / k);
  return idx;
}

export function pick(values: ArrayLike<number>, idx: Uint32Array): number[] {
  return Array.from(idx, (i) => values[i]!);
}

/** "2,000 of 1,000,000 points shown", or '' when every point is drawn. */
export function sampleNote(n: number, shown: number): string {
  return shown < n ? `${shown.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} points shown` : '';
}

/** The points a figure draws: at most MAX_PLOT_POINTS of the data. */
export interface PlotSample {
  x0: Float32Array;
  y: Float32Array;
  /** Empty when every point is drawn. */
  note: string;
  /** The x axis of the scatter plots: the post's [-1, 1], or wider for own points beyond it. */
  xRange: Range;
}

export function plotSample(x0: Float32Array, y: Float32Array): PlotSample {
  const xRange = xRangeOf(x0);
  if (x0.length <= MAX_PLOT_POINTS) return { x0, y, note: '', xRange };
  const idx = subsampleIndices(x0.length);
  return {
    x0: Float32Array.from(pick(x0, idx)),
    y: Float32Array.from(pick(y, idx)),
    note: sampleNote(x0.length, idx.length),
    xRange,
  };
}

/**
 * Indices 0..count-1 thinned to at most `max`, always keeping the last: a long loss curve or GD path
 * costs the same per frame at step 10,000 as at step 500, and still ends at the newest point.
 */
export function thinIndices(count: number, max: number): number[] {
  if (count <= 0) return [];
  const stride = Math.max(1, Math.ceil(count / max));
  const out: number[] = [];
  for (let i = 0; i < count; i += stride) out.push(i);
  if (out[out.length - 1] !== count - 1) out.push(count - 1);
  return out;
}
