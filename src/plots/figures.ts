import type { PlotSample } from '../core/subsample';
import type { RunHistory } from '../core/history';
import type { Range } from '../core/ranges';
import { plotColors } from '../theme';
import { drawData } from './data-plot';
import { refit } from './plotly';
import { FitPlot } from './fit-plot';
import { LandscapePlot, type LandscapeRun } from './landscape-plot';
import { LossPlot } from './loss-plot';

export interface FigureRun {
  landscape: LandscapeRun;
  /** The points the scatter plots draw (all of them up to MAX_PLOT_POINTS). */
  sample: PlotSample;
  aInit: readonly [number, number];
  steps: number;
  yRange: Range;
  lossLogRange: Range;
}

export interface FigureEls {
  data: HTMLElement;
  original: HTMLElement;
  calculated: HTMLElement;
  loss: HTMLElement;
  landscape: HTMLElement;
  landscapeLive: HTMLElement;
}

/** Hidden panels (hide flags) are never drawn: no Plotly work for what nobody sees. */
function shown(el: HTMLElement): boolean {
  return el.isConnected && !el.closest('[hidden]');
}

/**
 * Every figure of the page. Static figures are redrawn only in setRun; the live traces (Calculated,
 * the loss curve, the tfjs path) only in update(), which makes exactly one Plotly call per live
 * figure and skips a figure whose input has not changed. So a new run's first frame draws each
 * live figure once, not once in setRun and again in the frame's update.
 */
export class Figures {
  private readonly fit: FitPlot;
  private readonly loss: LossPlot;
  private readonly landscape: LandscapePlot;
  private ready: Promise<unknown> = Promise.resolve();
  private shown = { history: null as RunHistory | null, length: -1, cursor: -1 };
  private drawnSample: PlotSample | null = null;
  private drawnYRange: Range | null = null;

  constructor(private readonly els: FigureEls) {
    this.fit = new FitPlot(els.original, els.calculated);
    this.loss = new LossPlot(els.loss);
    this.landscape = new LandscapePlot(els.landscape, els.landscapeLive);
  }

  /**
   * Draw a new run. Figures of the data (scatter, Original, the contour) are redrawn only when the
   * data changed, unless `force` (a theme change): an lr change redraws only what depends on lr.
   */
  setRun(run: FigureRun, force = false): Promise<unknown> {
    this.shown = { history: null, length: -1, cursor: -1 };
    const e = this.els;
    const dataChanged = force || run.sample !== this.drawnSample || run.yRange !== this.drawnYRange;
    this.drawnSample = run.sample;
    this.drawnYRange = run.yRange;
    this.ready = Promise.all([
      shown(e.data) && dataChanged ? drawData(e.data, run.sample, run.yRange) : null,
      shown(e.original) ? this.fit.setData(run.sample, run.yRange, run.aInit, force) : null,
      shown(e.loss) ? this.loss.setRun(run.steps, run.lossLogRange, force) : null,
      shown(e.landscape) ? this.landscape.setRun(run.landscape, force) : null,
    ]);
    return this.ready;
  }

  /** Show the run up to its newest step, with every cursor at `cursor` (the replay position). */
  update(history: RunHistory, cursor: number): Promise<void> {
    return this.draw(history, cursor, history.length);
  }

  /**
   * Reduced motion while a run jumps: the figures hold still, but a new run's start (a_init, no
   * curve yet) is still drawn once, since setRun leaves the live traces to the next update.
   */
  showStart(history: RunHistory): Promise<void> {
    return this.shown.history === history ? Promise.resolve() : this.draw(history, 0, 0);
  }

  private async draw(history: RunHistory, cursor: number, upTo: number): Promise<void> {
    await this.ready;
    const s = this.shown;
    if (s.history === history && s.length === upTo && s.cursor === cursor) return;
    const fitChanged = s.history !== history || s.cursor !== cursor;
    this.shown = { history, length: upTo, cursor };
    const e = this.els;
    await Promise.all([
      fitChanged && shown(e.calculated) ? this.fit.update(history.aAt(cursor)) : null,
      shown(e.loss) ? this.loss.update(history.losses, upTo, cursor) : null,
      shown(e.landscape) ? this.landscape.update(history, cursor, upTo) : null,
    ]);
  }

  /** Redraw every drawn figure now at its container's width in the current theme (print, and back). */
  refit(follow: boolean): void {
    const colors = plotColors();
    const e = this.els;
    for (const el of [e.data, e.original, e.calculated, e.loss, e.landscape, e.landscapeLive]) {
      if (shown(el) && el.classList.contains('js-plotly-plot')) refit(el, colors, follow);
    }
  }
}
