import {
  gdPath,
  moments,
  olsOptimum,
  stability,
  verdict,
  type Moments,
  type Stability,
  type Verdict,
} from '../core/analysis';
import { A_TRUE, makeData, makeLineAsync, type Dataset } from '../core/dataset';
import type { FigureRun } from '../core/figure-run';
import { landscapeWindow, lossGrid, type Grid, type Window } from '../core/landscape';
import { ASYNC_DATA_N } from '../core/limits';
import { predictPath } from '../core/predict';
import { extent, fitYRange, keepsRange, lossLogExtent, padLogExtent, type Range } from '../core/ranges';
import { plotSample, type PlotSample } from '../core/subsample';
import { dataKey } from '../params/same';
import type { Params } from '../params/table';
import type { TrainSpec } from '../train/stepper';

/** What depends on the data alone (the table's 'data' entries). Kept across other changes, so figures can skip it. */
export interface DataRun {
  key: string;
  data: Dataset;
  moments: Moments;
  stability: Stability;
  aStar: [number, number] | null;
  /** The post's true a, or null for own points. */
  aTrue: readonly [number, number] | null;
  sample: PlotSample;
  yRange: Range;
  window: Window;
  grid: Grid;
}

/** Everything derived from Params for one run: pure, float64, recomputed only when Params change. */
export interface Run extends DataRun {
  params: Params;
  verdict: Verdict;
  figure: FigureRun;
}

/**
 * The scatter plots' axes for edited points: the previous ones while they still hold the points,
 * so a dragged point stays under the pointer instead of the axes moving beneath it. (The fresh y
 * range also follows a*, which a drag moves on every step: it is not the test.) A new data set
 * much smaller than the axes gets its own.
 */
function steadyAxes(
  sample: PlotSample,
  yRange: Range,
  y: Float32Array,
  previous?: DataRun,
): { sample: PlotSample; yRange: Range } {
  if (!previous?.data.own) return { sample, yRange };
  const old = previous.sample.xRange;
  const x = keepsRange(old, sample.xRange, sample.xRange) ? old : sample.xRange;
  const yr = keepsRange(previous.yRange, extent(y), yRange) ? previous.yRange : yRange;
  return { sample: x === sample.xRange ? sample : { ...sample, xRange: x }, yRange: yr };
}

function fromData(params: Params, data: Dataset, previous?: DataRun): DataRun {
  const m = moments(data.x0, data.y);
  const aStar = olsOptimum(m);
  const aTrue = data.own ? null : A_TRUE;
  const center = aStar ?? aTrue ?? data.aInit;
  // Edited points keep the landscape's window while it holds them (as steadyAxes, the scatters').
  const window = landscapeWindow(
    aTrue,
    aStar,
    data.aInit,
    data.own && previous?.data.own ? previous.window : undefined,
  );
  const r = Math.hypot(data.aInit[0] - center[0], data.aInit[1] - center[1]);
  const fresh = plotSample(data.x0, data.y);
  const freshY = fitYRange(data.y, center, r, Math.max(-fresh.xRange[0], fresh.xRange[1]));
  const { sample, yRange } = data.own ? steadyAxes(fresh, freshY, data.y, previous) : { sample: fresh, yRange: freshY };
  return {
    key: dataKey(params),
    data,
    moments: m,
    stability: stability(m),
    aStar,
    aTrue,
    sample,
    yRange,
    window,
    grid: lossGrid(m, window),
  };
}

function withParams(d: DataRun, params: Params, previous?: DataRun | Run): Run {
  const spec = trainSpecOf(params);
  const batched = params.batch < params.n;
  const predicted = predictPath(d.moments, d.data, spec.opt, spec.batch, params.steps);
  const path = predicted ?? gdPath(d.moments, d.data.aInit, params.lr, params.steps);
  const shown = lossLogExtent(path);
  const [lo, hi] = padLogExtent(shown);
  // A decade more room each way for a batch's loss, which strays from the full loss.
  const fresh: Range = batched ? [lo - 1, hi + 1] : [lo, hi];
  // Edited points (a drag) keep the loss axes while they hold the new curve, as the scatters' do.
  const old = d.data.own && previous && 'figure' in previous ? previous.figure.lossLogRange : null;
  return {
    ...d,
    params,
    verdict: verdict(params.lr, d.stability),
    figure: {
      sample: d.sample,
      aInit: d.data.aInit,
      steps: params.steps,
      yRange: d.yRange,
      lossLogRange: old && keepsRange(old, shown ?? fresh, fresh) ? old : fresh,
      batched,
      moments: d.moments,
      landscape: {
        grid: d.grid,
        window: d.window,
        aTrue: d.aTrue,
        aStar: d.aStar,
        aInit: d.data.aInit,
        predicted: predicted?.a ?? new Float64Array(0),
      },
    },
  };
}

export function deriveRun(params: Params, previous?: DataRun): Run {
  if (previous?.key === dataKey(params)) return withParams(previous, params, previous);
  return withParams(fromData(params, makeData(params), previous), params, previous);
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The same Run, computed without blocking the page for more than a few ms at a time. */
export async function deriveRunAsync(params: Params, previous?: DataRun): Promise<Run> {
  if (params.n < ASYNC_DATA_N || params.data || previous?.key === dataKey(params)) return deriveRun(params, previous);
  return withParams(fromData(params, await makeLineAsync(params, nextTask)), params);
}

/** How the run's steps train, from its Params: the gradient, torch.optim's settings, the batch. */
export function trainSpecOf(p: Params): TrainSpec {
  return {
    gradient: p.grad,
    opt: {
      opt: p.opt,
      lr: p.lr,
      momentum: p.momentum,
      nesterov: p.nesterov === '1',
      beta1: p.beta1,
      beta2: p.beta2,
    },
    batch: p.batch,
  };
}
