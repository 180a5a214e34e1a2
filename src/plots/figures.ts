import type { Dataset } from '../core/dataset';
import type { RunHistory } from '../core/history';
import type { Range } from '../core/ranges';
import { drawData } from './data-plot';
import { FitPlot } from './fit-plot';
import { LossPlot } from './loss-plot';

export interface FigureRun {
  data: Dataset;
  steps: number;
  yRange: Range;
  lossLogRange: Range;
}

export interface FigureEls {
  data: HTMLElement;
  original: HTMLElement;
  calculated: HTMLElement;
  loss: HTMLElement;
}

/**
 * Every figure of the page. Static figures are redrawn only in setRun; update() makes exactly one
 * Plotly call per live figure and skips a figure whose input has not changed.
 */
export class Figures {
  private readonly fit: FitPlot;
  private readonly loss: LossPlot;
  private ready: Promise<unknown> = Promise.resolve();
  private shown = { history: null as RunHistory | null, step: -1 };

  constructor(private readonly els: FigureEls) {
    this.fit = new FitPlot(els.original, els.calculated);
    this.loss = new LossPlot(els.loss);
  }

  setRun(run: FigureRun): Promise<unknown> {
    this.shown = { history: null, step: -1 };
    this.ready = Promise.all([
      drawData(this.els.data, run.data, run.yRange),
      this.fit.setData(run.data, run.yRange, run.data.aInit),
      this.loss.setRun(run.steps, run.lossLogRange),
    ]);
    return this.ready;
  }

  async update(history: RunHistory, step: number): Promise<void> {
    await this.ready;
    if (this.shown.history === history && this.shown.step === step) return;
    this.shown = { history, step };
    await Promise.all([this.fit.update(history.aAt(step)), this.loss.update(history.losses, step)]);
  }
}
