import type { Range } from '../core/ranges';
import { thinIndices } from '../core/subsample';
import type { Look } from './style';
import { draw, setRanges, updateTraces, type Data } from './plotly';
import { RED, baseLayout, themedAxis } from './style';

/** A frame draws at most this many points of the curve, however long the run. */
const MAX_CURVE_POINTS = 1000;

/** The live loss curve on a log axis; its ranges are fixed per run (core/ranges.ts). */
export class LossPlot {
  /** The look the plot was drawn in; null before its first draw. */
  private look: Look | null = null;

  constructor(private readonly el: HTMLElement) {}

  /**
   * Start a run's curve. A drawn plot only gets its new ranges: the next update() draws the new
   * run's traces, in the same frame, so drawing them empty here first would be a Plotly pass for
   * nothing. (Plotly.react of the whole layout took 17–43 ms of the slider → new run path here.)
   * A new look (a theme change, a new height) draws it all again.
   */
  setRun(steps: number, logRange: Range, look: Look): Promise<unknown> {
    const xRange: [number, number] = [0, Math.max(1, steps - 1)];
    if (look === this.look) return setRanges(this.el, xRange, logRange);
    this.look = look;
    const { palette } = look;
    const traces: Data[] = [
      { type: 'scatter', mode: 'lines', x: [], y: [], line: { color: RED, width: 2 }, name: 'loss' },
      {
        type: 'scatter',
        mode: 'markers',
        x: [],
        y: [],
        marker: { color: RED, size: 11, line: { color: '#fff', width: 2 } },
        name: 'cursor',
      },
    ];
    return draw(this.el, traces, {
      ...baseLayout('Loss', palette, look.heights.loss),
      margin: { l: 64, r: 12, t: 36, b: 40 },
      xaxis: themedAxis({ range: xRange, title: { text: 'step' } }, palette),
      yaxis: themedAxis(
        { type: 'log', range: logRange, title: { text: 'loss (log scale)', standoff: 8 }, exponentformat: 'power' },
        palette,
      ),
    });
  }

  /**
   * Draw the first `count` losses and a cursor on the loss at `cursor` (the loss measured at a_cursor;
   * after the last step, the last loss). Non-finite values are dropped, never handed to Plotly.
   * `now`: drawn before this returns (printing).
   */
  update(losses: Float32Array, count: number, cursor: number, now = false): Promise<unknown> {
    const x: number[] = [];
    const y: number[] = [];
    for (const t of thinIndices(count, MAX_CURVE_POINTS)) {
      const v = losses[t]!;
      if (Number.isFinite(v) && v > 0) {
        x.push(t);
        y.push(v);
      }
    }
    const c = Math.min(cursor, count - 1);
    const cv = losses[c];
    const mark = c >= 0 && cv !== undefined && Number.isFinite(cv) && cv > 0 ? { x: [c], y: [cv] } : { x: [], y: [] };
    return updateTraces(this.el, [0, 1], [{ x, y }, mark], now);
  }
}
