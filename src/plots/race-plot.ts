import { RACERS, type Racer } from '../controller/race';
import type { LandscapeRun } from '../core/figure-run';
import type { RunHistory } from '../core/history';
import { clampToWindow } from '../core/landscape';
import { thinIndices } from '../core/subsample';
import { contourTrace } from './landscape-plot';
import { draw, updateTraces, type Data } from './plotly';
import { baseLayout, themedAxis, type Look } from './style';

export const RACE_COLORS: Record<Racer, string> = { gd: '#d62728', momentum: '#1f77b4', adam: '#2ca02c' };
export const RACE_NAMES: Record<Racer, string> = { gd: 'plain GD', momentum: 'momentum', adam: 'Adam' };

/** Points a path or a curve draws at most, however long the race. */
const MAX_POINTS = 400;

/**
 * The race on the landscape (three paths on one contour) and its loss curves overlaid, each racer
 * in its own colour with a legend. A racer switched off draws nothing.
 */
export class RacePlot {
  constructor(
    private readonly landscape: HTMLElement,
    private readonly loss: HTMLElement,
  ) {}

  /** `lossRange`: the loss axis (log10), fixed for the race so its frames move the drawn SVG. */
  setRun(run: LandscapeRun, steps: number, lossRange: [number, number], look: Look): Promise<unknown> {
    const { palette } = look;
    const line = (r: Racer, mode: 'lines'): Data => ({
      type: 'scatter',
      mode,
      x: [],
      y: [],
      name: RACE_NAMES[r],
      line: { color: RACE_COLORS[r], width: 2 },
    });
    const axis = (range: [number, number], title: string) =>
      themedAxis({ range, title: { text: title }, fixedrange: true }, palette);
    return Promise.all([
      draw(this.landscape, [contourTrace(run.grid), ...RACERS.map((r) => line(r, 'lines'))], {
        ...baseLayout('The race on the landscape', palette, look.heights.landscape),
        showlegend: true,
        legend: { orientation: 'h', x: 0, y: -0.15 },
        margin: { l: 56, r: 16, t: 36, b: 72 },
        xaxis: axis(run.window.a1, 'a\u2081 (slope)'),
        yaxis: axis(run.window.a2, 'a\u2082 (intercept)'),
      }),
      draw(
        this.loss,
        RACERS.map((r) => line(r, 'lines')),
        {
          ...baseLayout('The race: loss against step', palette, look.heights.loss),
          showlegend: true,
          legend: { orientation: 'h', x: 0, y: -0.3 },
          margin: { l: 64, r: 12, t: 36, b: 72 },
          xaxis: themedAxis({ range: [0, Math.max(1, steps - 1)], title: { text: 'step' } }, palette),
          yaxis: themedAxis(
            { type: 'log', range: lossRange, title: { text: 'loss (log scale)' }, exponentformat: 'power' },
            palette,
          ),
        },
      ),
    ]);
  }

  update(histories: Record<Racer, RunHistory>, on: Record<Racer, boolean>, run: LandscapeRun): Promise<unknown> {
    const paths = RACERS.map((r) => {
      const h = histories[r];
      const x: number[] = [];
      const y: number[] = [];
      if (on[r]) {
        const last = h.divergedStep >= 0 ? h.divergedStep : h.length;
        for (const k of thinIndices(last + 1, MAX_POINTS)) {
          const [p, q] = clampToWindow(h.aAt(k), run.window);
          x.push(p);
          y.push(q);
        }
      }
      return { x, y };
    });
    const curves = RACERS.map((r) => {
      const h = histories[r];
      const x: number[] = [];
      const y: number[] = [];
      if (on[r]) {
        for (const k of thinIndices(h.length, MAX_POINTS)) {
          const v = h.losses[k]!;
          if (Number.isFinite(v) && v > 0) {
            x.push(k);
            y.push(v);
          }
        }
      }
      return { x, y };
    });
    return Promise.all([updateTraces(this.landscape, [1, 2, 3], paths), updateTraces(this.loss, [0, 1, 2], curves)]);
  }
}
