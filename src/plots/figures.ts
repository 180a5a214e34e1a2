import type { FigureRun } from '../core/figure-run';
import type { PlotSample } from '../core/subsample';
import type { RunHistory } from '../core/history';
import type { Range } from '../core/ranges';
import type { Palette } from '../theme';
import type { Look } from './style';
import { drawData } from './data-plot';
import { isDrawn, refit } from './plotly';
import { FitPlot } from './fit-plot';
import { LandscapePlot } from './landscape-plot';
import { LossPlot } from './loss-plot';
import { NearViewport } from './near-viewport';

export type { FigureRun };
export { moveStats } from './plotly-svg';

export interface FigureEls {
  data: HTMLElement;
  original: HTMLElement;
  calculated: HTMLElement;
  loss: HTMLElement;
  landscape: HTMLElement;
  landscapeLive: HTMLElement;
}

/**
 * Hidden panels (hide flags) and panels in a closed disclosure (an embed's "more") are not drawn: no
 * Plotly work for what nobody sees, and no drawing at a width of 0. Opening one redraws (redrawAll).
 */
function shown(el: HTMLElement): boolean {
  return el.isConnected && !el.closest('[hidden], details:not([open])');
}

/** A state of a run that the live figures show: its first `length` steps, cursors at `cursor`. */
interface LiveState {
  history: RunHistory | null;
  length: number;
  cursor: number;
}
const NOTHING: LiveState = { history: null, length: -1, cursor: -1 };

type LiveName = 'calculated' | 'loss' | 'landscape';
const LIVE: LiveName[] = ['calculated', 'loss', 'landscape'];

export interface FigureOptions {
  /** Skip frames of live figures more than a screen away, and draw them when they come near. */
  lazy: boolean;
}

/**
 * Every figure of the page. Static figures are redrawn only in setRun; the live traces (Calculated,
 * the loss curve, the tfjs path) only when a state is shown, with exactly one update per live
 * figure (a move of its SVG, or a Plotly call: plotly.ts), skipping a figure whose input has not
 * changed. So a new run's first frame draws each live figure once, not once in setRun and again in
 * the frame's update. With `lazy`, a live figure far from view keeps the state it last drew until
 * it comes near (or is printed or exported).
 */
export class Figures {
  private readonly fit: FitPlot;
  private readonly loss: LossPlot;
  private readonly landscape: LandscapePlot;
  private readonly liveEls: Record<LiveName, HTMLElement>;
  private readonly near: NearViewport | null;
  private ready: Promise<unknown> = Promise.resolve();
  /** The newest state asked for, and what each live figure last drew. */
  private wanted = NOTHING;
  private drawn: Record<LiveName, LiveState> = { calculated: NOTHING, loss: NOTHING, landscape: NOTHING };
  private drawnSample: PlotSample | null = null;
  private drawnYRange: Range | null = null;
  private drawnLook: Look | null = null;

  constructor(
    private readonly els: FigureEls,
    opts: FigureOptions,
  ) {
    this.fit = new FitPlot(els.original, els.calculated);
    this.loss = new LossPlot(els.loss);
    this.landscape = new LandscapePlot(els.landscape, els.landscapeLive);
    this.liveEls = { calculated: els.calculated, loss: els.loss, landscape: els.landscapeLive };
    this.near = opts.lazy ? new NearViewport(Object.values(this.liveEls), () => void this.drawStale(false)) : null;
  }

  /**
   * Draw a new run in `look`. Figures of the data (scatter, Original, the contour) are redrawn
   * only when the data or the look changed: an lr change redraws only what depends on lr.
   */
  setRun(run: FigureRun, look: Look): Promise<unknown> {
    this.wanted = NOTHING;
    this.drawn = { calculated: NOTHING, loss: NOTHING, landscape: NOTHING };
    const e = this.els;
    const dataChanged = run.sample !== this.drawnSample || run.yRange !== this.drawnYRange || look !== this.drawnLook;
    this.drawnSample = run.sample;
    this.drawnYRange = run.yRange;
    this.drawnLook = look;
    this.ready = Promise.all([
      shown(e.data) && dataChanged ? drawData(e.data, run.sample, run.yRange, look) : null,
      shown(e.original) ? this.fit.setData(run.sample, run.yRange, run.aInit, look) : null,
      shown(e.loss) ? this.loss.setRun(run, look) : null,
      shown(e.landscape) ? this.landscape.setRun(run.landscape, look) : null,
    ]);
    return this.ready;
  }

  /** Show the run up to its newest step, with every cursor at `cursor` (the replay position). */
  update(history: RunHistory, cursor: number): Promise<void> {
    this.wanted = { history, length: history.length, cursor };
    return this.drawStale(false);
  }

  /**
   * Reduced motion while a run jumps: the figures hold still, but a new run's start (a_init, no
   * curve yet) is still drawn once, since setRun leaves the live traces to the next update.
   */
  showStart(history: RunHistory): Promise<void> {
    if (this.wanted.history === history) return Promise.resolve();
    this.wanted = { history, length: 0, cursor: 0 };
    return this.drawStale(false);
  }

  /** Draw the newest state into every live figure, near or not: before a PNG export. */
  async flush(): Promise<void> {
    await this.drawStale(true);
  }

  private async drawStale(everywhere: boolean): Promise<void> {
    await this.ready;
    await this.drawNow(everywhere, false);
  }

  /** Draw what is stale; `now` (printing) has it drawn before this returns. */
  private drawNow(everywhere: boolean, now: boolean): Promise<unknown> {
    const w = this.wanted;
    const { history } = w;
    if (!history) return Promise.resolve();
    const calls: Promise<unknown>[] = [];
    for (const name of LIVE) {
      const el = this.liveEls[name];
      if (!shown(el) || !(everywhere || (this.near?.isNear(el) ?? true))) continue;
      const d = this.drawn[name];
      // Calculated shows a at the cursor alone; the others also show the steps up to `length`.
      if (d.history === history && d.cursor === w.cursor && (name === 'calculated' || d.length === w.length)) {
        continue;
      }
      this.drawn[name] = w;
      if (name === 'calculated') calls.push(this.fit.update(history.aAt(w.cursor), now));
      else if (name === 'loss') calls.push(this.loss.update(history, w.length, w.cursor, now));
      else calls.push(this.landscape.update(history, w.cursor, w.length, now));
    }
    return Promise.all(calls);
  }

  /** Redraw every drawn figure now at its container's width in `palette` (print, and back). */
  refit(palette: Palette, follow: boolean): void {
    // Paper shows every figure: the ones far from view get the newest state first.
    if (!follow) void this.drawNow(true, true);
    const e = this.els;
    for (const el of [e.data, e.original, e.calculated, e.loss, e.landscape, e.landscapeLive]) {
      if (shown(el) && isDrawn(el)) refit(el, palette, follow);
    }
  }
}
