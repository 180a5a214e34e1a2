import type { Vec2 } from '../core/analysis';
import type { LandscapeRun } from '../core/figure-run';
import type { RunHistory } from '../core/history';
import { clampToWindow, type Grid, type Window } from '../core/landscape';
import { thinIndices } from '../core/subsample';
import type { Palette } from '../theme';
import type { Look } from './style';
import { draw, isDrawn, setRanges, updateTraces, type Data, type Layout } from './plotly';
import { pointHeld, whenReleased } from './point-hold';
import { RED, baseLayout, themedAxis } from './style';

/** Contour detail: grid points per axis (at most the grid's) and the number of levels. */
interface Detail {
  points: number;
  levels: number;
}
const FULL: Detail = { points: Infinity, levels: 22 };
/**
 * While a point is held, each move's contour is drawn at half the grid and fewer levels: about 9 of
 * the 32 ms its Plotly pass took to the next frame here. The release draws the full one.
 */
const HELD: Detail = { points: 30, levels: 12 };

/** `count` evenly spread indices into `length` items, both ends kept. */
function spread(length: number, count: number): number[] {
  if (count >= length) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.round((i * (length - 1)) / (count - 1)));
}

/**
 * The loss bowl as a contour: log levels, since a quadratic bowl spans many decades. Filled bands,
 * not a smooth heatmap under the lines: the same bowl drawn in a third of the time, which a dragged
 * point redraws on every move.
 */
export function contourTrace(grid: Grid, detail: Detail = FULL): Data {
  const cols = spread(grid.a1.length, detail.points);
  const rows = spread(grid.a2.length, detail.points);
  return {
    type: 'contour',
    x: cols.map((i) => grid.a1[i]!),
    y: rows.map((j) => grid.a2[j]!),
    z: rows.map((j) => cols.map((i) => Math.log10(Math.max(grid.z[j]![i]!, 1e-12)))),
    colorscale: 'YlGnBu',
    reversescale: true,
    showscale: false,
    ncontours: detail.levels,
    contours: { coloring: 'fill' },
    line: { width: 0.5, color: 'rgba(255,255,255,0.5)' },
    hoverinfo: 'skip',
  };
}

/** The live path is thinned to this many points, so a frame costs the same at step 10,000. */
const MAX_PATH_POINTS = 500;
/** Up to this many steps, each one is marked with a dot on the path. */
const MAX_STEP_DOTS = 120;

/**
 * The loss landscape L(a1, a2). The contour and the fixed markers live in one div, drawn once per
 * dataset (the window does not depend on lr). The float64 prediction, the live tfjs path and the
 * cursor live in a transparent div stacked exactly on top with the same axes, so neither a frame
 * nor an lr change recomputes the contour. The axes' labels and the title are drawn by that top
 * div, which redraws them only when the window changes: the contour, redrawn on every move of a
 * dragged point, would otherwise draw them again each time (about 10 ms of Plotly's pass here).
 */
export class LandscapePlot {
  private window: Window | null = null;
  private grid: Grid | null = null;
  /** The look the figure was drawn in; null before its first draw. */
  private look: Look | null = null;
  /** A new run's float64 prediction that the next update() draws along with its path. */
  private predicted: { x: number[]; y: number[] } | null = null;

  constructor(
    private readonly base: HTMLElement,
    private readonly live: HTMLElement,
  ) {}

  private layout(w: Window, visibleAxes: boolean, look: Look): Partial<Layout> {
    const { palette } = look;
    const axis = (range: [number, number], title: string) =>
      themedAxis(
        {
          range,
          title: { text: visibleAxes ? title : '' },
          showticklabels: visibleAxes,
          showgrid: false,
          zeroline: false,
          fixedrange: true,
        },
        palette,
      );
    return {
      ...baseLayout(visibleAxes ? 'Loss landscape L(a\u2081, a\u2082)' : '', palette, look.heights.landscape),
      margin: { l: 56, r: 16, t: 36, b: 48 },
      xaxis: axis(w.a1, 'a\u2081 (slope)'),
      yaxis: axis(w.a2, 'a\u2082 (intercept)'),
    };
  }

  /** The contour and markers; coarse while a point is held, and then the full one on release. */
  private drawBase(run: LandscapeRun, look: Look): Promise<unknown> {
    const held = pointHeld();
    whenReleased(this, held ? () => void this.drawBase(run, look) : null);
    const marker = (a: Vec2, name: string, symbol: string, color: string): Data => ({
      type: 'scatter',
      mode: 'markers',
      x: [a[0]],
      y: [a[1]],
      name,
      marker: { symbol, size: 13, color, line: { color: '#fff', width: 1.5 } },
      hovertemplate: `${name}: (%{x:.4f}, %{y:.4f})<extra></extra>`,
    });
    return draw(
      this.base,
      [
        contourTrace(run.grid, held ? HELD : FULL),
        ...(run.aTrue ? [marker(run.aTrue, 'true a', 'star', '#222')] : []),
        ...(run.aStar ? [marker(run.aStar, 'OLS optimum a*', 'x', '#f5a623')] : []),
        marker(run.aInit, 'initial a', 'circle', '#7b3fbf'),
      ],
      this.layout(run.window, false, look),
    );
  }

  /** A new look redraws the contour too (a theme change); otherwise it is redrawn only for new data. */
  setRun(run: LandscapeRun, look: Look): Promise<unknown> {
    const w = run.window;
    const same = look === this.look;
    const base = same && run.grid === this.grid && w === this.window ? null : this.drawBase(run, look);
    const palette: Palette = look.palette;
    this.window = w;
    this.grid = run.grid;
    this.look = look;
    const predicted = { x: [] as number[], y: [] as number[] };
    for (let k = 0; k < run.predicted.length; k += 2) {
      const [p, q] = clampToWindow([run.predicted[k]!, run.predicted[k + 1]!], w);
      predicted.x.push(p);
      predicted.y.push(q);
    }
    // Same theme (an lr change, edited points): the overlay keeps its traces and takes the window's
    // axes; the next update() draws the new prediction with the new path in one Plotly call.
    if (same && isDrawn(this.live)) {
      this.predicted = predicted;
      return Promise.all([base, base ? setRanges(this.live, w.a1, w.a2) : null]);
    }
    this.predicted = null;
    const live = draw(
      this.live,
      [
        {
          type: 'scatter',
          mode: 'lines',
          ...predicted,
          name: 'float64 prediction',
          line: { color: palette.fg, width: 2, dash: 'dash' },
          opacity: 0.45,
          hoverinfo: 'skip',
        },
        { type: 'scatter', mode: 'lines', x: [], y: [], name: 'tfjs path', line: { color: RED, width: 2 } },
        {
          type: 'scatter',
          mode: 'markers',
          x: [],
          y: [],
          name: 'a at the cursor',
          marker: { size: 14, color: RED, line: { color: '#fff', width: 2 } },
        },
        { type: 'scatter', mode: 'markers', x: [], y: [], name: 'steps', marker: { size: 4, color: RED } },
      ],
      { ...this.layout(w, true, look), paper_bgcolor: 'rgba(0,0,0,0)', plot_bgcolor: 'rgba(0,0,0,0)' },
    );
    return Promise.all([base, live]);
  }

  /** The tfjs path a_0..a_upTo (thinned), and the marker at the replay cursor. `now`: drawn before this returns. */
  update(history: RunHistory, cursor: number, upTo: number, now = false): Promise<unknown> {
    const w = this.window;
    if (!w) return Promise.resolve();
    const x: number[] = [];
    const y: number[] = [];
    const last = Math.min(upTo, history.divergedStep >= 0 ? history.divergedStep : history.length);
    for (const k of thinIndices(last + 1, MAX_PATH_POINTS)) {
      const [p, q] = clampToWindow(history.aAt(k), w);
      x.push(p);
      y.push(q);
    }
    const [cx, cy] = clampToWindow(history.aAt(cursor), w);
    // Every step gets a dot while there are few (each dot is an SVG element, and 500 of them made a
    // frame a long task). Past that, one at the path's newest end: under the cursor while the run
    // plays. Never none: Plotly draws no SVG for an empty trace, and the next run's first dots
    // would then need a Plotly pass rather than a move of the SVG (plotly.ts).
    const dots = x.length <= MAX_STEP_DOTS ? { x, y } : { x: x.slice(-1), y: y.slice(-1) };
    const traces = [{ x, y }, { x: [cx], y: [cy] }, dots];
    const predicted = this.predicted;
    this.predicted = null;
    if (predicted) return updateTraces(this.live, [0, 1, 2, 3], [predicted, ...traces], now);
    return updateTraces(this.live, [1, 2, 3], traces, now);
  }
}
