import {
  gdPath,
  moments,
  olsOptimum,
  stability,
  verdict,
  type Moments,
  type Stability,
  type Verdict,
} from './core/analysis';
import { A_TRUE, makeLine, makeLineAsync, type Dataset } from './core/dataset';
import { landscapeWindow, lossGrid } from './core/landscape';
import { fitYRange, lossLogRange } from './core/ranges';
import { plotSample } from './core/subsample';
import type { Params } from './params';
import type { FigureRun } from './plots/figures';

/** Everything derived from Params for one run: pure, float64, recomputed only when Params change. */
export interface Run {
  params: Params;
  data: Dataset;
  moments: Moments;
  stability: Stability;
  verdict: Verdict;
  aStar: [number, number] | null;
  figure: FigureRun;
}

/** Above this n the data is generated in chunks between frames (≈ 30 ms per million points otherwise). */
export const ASYNC_N = 50_000;

function fromData(params: Params, data: Dataset): Run {
  const m = moments(data.x0, data.y);
  const s = stability(m);
  const path = gdPath(m, data.aInit, params.lr, params.steps);
  const aStar = olsOptimum(m);
  const window = landscapeWindow([A_TRUE, ...(aStar ? [aStar] : []), data.aInit], path);
  return {
    params,
    data,
    moments: m,
    stability: s,
    verdict: verdict(params.lr, s),
    aStar,
    figure: {
      sample: plotSample(data.x0, data.y),
      aInit: data.aInit,
      steps: params.steps,
      yRange: fitYRange(data.y, path),
      lossLogRange: lossLogRange(path),
      landscape: { grid: lossGrid(m, window), window, aTrue: A_TRUE, aStar, aInit: data.aInit, predicted: path.a },
    },
  };
}

export function deriveRun(params: Params): Run {
  return fromData(params, makeLine(params));
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The same Run, computed without blocking the page for more than a few ms at a time. */
export async function deriveRunAsync(params: Params): Promise<Run> {
  if (params.n < ASYNC_N) return deriveRun(params);
  return fromData(params, await makeLineAsync(params, nextTask));
}
