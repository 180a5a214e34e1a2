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
import { A_TRUE, makeLine, type Dataset } from './core/dataset';
import { landscapeWindow, lossGrid } from './core/landscape';
import { fitYRange, lossLogRange } from './core/ranges';
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

export function deriveRun(params: Params): Run {
  const data = makeLine(params);
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
      data,
      steps: params.steps,
      yRange: fitYRange(data.y, path),
      lossLogRange: lossLogRange(path),
      landscape: { grid: lossGrid(m, window), window, aTrue: A_TRUE, aStar, aInit: data.aInit, predicted: path.a },
    },
  };
}
