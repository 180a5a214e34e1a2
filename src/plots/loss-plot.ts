import { loss, type Moments } from '../core/analysis';
import type { FigureRun } from '../core/figure-run';
import type { RunHistory } from '../core/history';
import { thinIndices } from '../core/subsample';
import { draw, setRanges, updateTraces, type Data } from './plotly';
import { whenReleased } from './point-hold';
import { RED, baseLayout, themedAxis, type Look } from './style';

/** A frame draws at most this many points of the curve, however long the run. */
const MAX_CURVE_POINTS = 1000;

/**
 * The live loss curve on a log axis; its ranges are fixed per run (core/ranges.ts). With
 * mini-batches the printed loss is the batch's: it is drawn faint, and the loss on all the
 * points (float64, at each step's a) solid on top.
 */
export class LossPlot {
  /** How the plot was drawn; null before its first draw. */
  private drawn: { look: Look; batched: boolean } | null = null;
  private moments: Moments | null = null;

  constructor(private readonly el: HTMLElement) {}

  /**
   * Start a run's curve. A drawn plot only gets its new ranges: the next update() draws the new
   * run's traces, in the same frame, so drawing them empty here first would be a Plotly pass for
   * nothing. (Plotly.react of the whole layout took 17–43 ms of the slider → new run path here.)
   * A new look (a theme change, a new height), or batches coming or going, draws it all again.
   */
  setRun(run: FigureRun, look: Look): Promise<unknown> {
    const xRange: [number, number] = [0, Math.max(1, run.steps - 1)];
    this.moments = run.batched ? run.moments : null;
    if (this.drawn?.look === look && this.drawn.batched === run.batched) {
      // A held point makes a run per move, each waiting at step 0: their axes wait for the release
      // too. A relayout in a move was its slowest part (its long task 80–94 ms, against about 50).
      whenReleased(this, () => void setRanges(this.el, xRange, run.lossLogRange));
      return Promise.resolve();
    }
    whenReleased(this, null);
    this.drawn = { look, batched: run.batched };
    const { palette } = look;
    const traces: Data[] = [
      {
        type: 'scatter',
        mode: 'lines',
        x: [],
        y: [],
        line: { color: RED, width: run.batched ? 1 : 2 },
        opacity: run.batched ? 0.35 : 1,
        name: run.batched ? 'batch loss (printed)' : 'loss',
      },
      {
        type: 'scatter',
        mode: 'markers',
        x: [],
        y: [],
        marker: { color: RED, size: 11, line: { color: '#fff', width: 2 } },
        name: 'cursor',
      },
      { type: 'scatter', mode: 'lines', x: [], y: [], line: { color: RED, width: 2 }, name: 'loss on all points' },
    ];
    return draw(this.el, traces, {
      ...baseLayout('Loss', palette, look.heights.loss),
      margin: { l: 64, r: 12, t: 36, b: 40 },
      xaxis: themedAxis({ range: xRange, title: { text: 'step' } }, palette),
      yaxis: themedAxis(
        {
          type: 'log',
          range: run.lossLogRange,
          title: { text: 'loss (log scale)', standoff: 8 },
          exponentformat: 'power',
        },
        palette,
      ),
    });
  }

  /**
   * Draw the first `count` losses and a cursor on the loss at `cursor` (the loss measured at a_cursor;
   * after the last step, the last loss). Non-finite values are dropped, never handed to Plotly.
   * `now`: drawn before this returns (printing).
   */
  update(history: RunHistory, count: number, cursor: number, now = false): Promise<unknown> {
    const x: number[] = [];
    const y: number[] = [];
    const full: number[] = [];
    const indices = thinIndices(count, MAX_CURVE_POINTS);
    for (const t of indices) {
      const v = history.losses[t]!;
      if (Number.isFinite(v) && v > 0) {
        x.push(t);
        y.push(v);
      }
    }
    const c = Math.min(cursor, count - 1);
    const cv = history.losses[c];
    const mark = c >= 0 && cv !== undefined && Number.isFinite(cv) && cv > 0 ? { x: [c], y: [cv] } : { x: [], y: [] };
    const m = this.moments;
    if (!m) return updateTraces(this.el, [0, 1], [{ x, y }, mark], now);
    const fx: number[] = [];
    for (const t of indices) {
      const v = loss(m, history.aAt(t));
      if (Number.isFinite(v) && v > 0) {
        fx.push(t);
        full.push(v);
      }
    }
    return updateTraces(this.el, [0, 1, 2], [{ x, y }, mark, { x: fx, y: full }], now);
  }
}
