import type { Moments, Vec2 } from './analysis';
import type { Grid, Window } from './landscape';
import type { Range } from './ranges';
import type { PlotSample } from './subsample';

/** What the landscape figure draws for one run, besides the live path. */
export interface LandscapeRun {
  grid: Grid;
  window: Window;
  /** The post's (3, 2); null for the reader's own points, which have none. */
  aTrue: Vec2 | null;
  aStar: Vec2 | null;
  aInit: Vec2;
  /** The float64 prediction, interleaved [a1, a2, ...]. */
  predicted: Float64Array;
}

/** Everything the figures need of a run before its first step: pure data, made once per run. */
export interface FigureRun {
  landscape: LandscapeRun;
  /** The points the scatter plots draw (all of them up to MAX_PLOT_POINTS). */
  sample: PlotSample;
  aInit: readonly [number, number];
  steps: number;
  yRange: Range;
  lossLogRange: Range;
  /** Mini-batches: the loss figure shows each batch's loss faint and the full loss solid. */
  batched: boolean;
  /** The data's sums, for the full loss at any a (float64). */
  moments: Moments;
}
