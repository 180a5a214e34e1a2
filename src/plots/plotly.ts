/**
 * The one module that imports Plotly. The cartesian dist bundle has scatter and contour with the
 * full API at a third of plotly.js-dist-min's bytes; switching bundles is this one line.
 */
import Plotly from 'plotly.js-cartesian-dist-min';
import type { Config, Data, Layout } from 'plotly.js';

export type { Data, Layout };

/** No logo, no cloud link: the page makes no third-party requests. */
const CONFIG: Partial<Config> = {
  displaylogo: false,
  showSendToCloud: false,
  responsive: true,
  displayModeBar: false,
  scrollZoom: false,
};

export function draw(el: HTMLElement, data: Data[], layout: Partial<Layout>): Promise<unknown> {
  return Plotly.react(el, data, layout, CONFIG);
}

const sameRange = (shown: unknown, want: [number, number]): boolean =>
  Array.isArray(shown) && shown[0] === want[0] && shown[1] === want[1];

/**
 * Change only axis ranges: Plotly's zoom path, with no new defaults and no recalc of the traces.
 * Ranges already shown cost nothing: a relayout redraws the axes and every trace (4–7 ms here) even
 * when nothing moves, and most lr moves of a long run keep the loss plot's ranges.
 */
export function setRanges(el: HTMLElement, x: [number, number], y: [number, number]): Promise<unknown> {
  const layout = (el as HTMLElement & { layout?: Partial<Layout> }).layout;
  if (sameRange(layout?.xaxis?.range, x) && sameRange(layout?.yaxis?.range, y)) return Promise.resolve();
  return Plotly.relayout(el, { 'xaxis.range': x, 'yaxis.range': y });
}

export interface TraceUpdate {
  x?: ArrayLike<number>;
  y?: ArrayLike<number>;
}

/**
 * Replace the data of some traces with one call and no relayout. Plotly.animate with a zero-length
 * transition and redraw:false is the cheapest update path Plotly has (DESIGN.md §4: ~17 ms
 * against 60 ms for Plotly.react of everything). `now` draws before returning, for printing.
 */
export function updateTraces(el: HTMLElement, traces: number[], updates: TraceUpdate[], now = false): Promise<unknown> {
  if (now) {
    // Printing: restyle has drawn when it returns, where animate draws a tick later.
    const update: Record<string, number[][]> = {};
    for (const key of ['x', 'y'] as const) {
      if (updates.every((u) => u[key])) update[key] = updates.map((u) => Array.from(u[key]!));
    }
    return Plotly.restyle(el, update, traces);
  }
  return Plotly.animate(
    el,
    { data: updates as Data[], traces },
    { transition: { duration: 0 }, frame: { duration: 0, redraw: false }, mode: 'immediate' },
  ).catch(() => {
    // Plotly rejects (with no reason) an animation that a newer call interrupts. Nothing is lost:
    // the newer call draws the newer state. Seen as "pageerror: undefined" under a slider storm.
  });
}

/** A PNG data URL at twice the on-screen size, through Plotly's toImage. */
export function toPng(el: HTMLElement, width: number, height: number): Promise<string> {
  return Plotly.toImage(el, { format: 'png', width, height, scale: 2 });
}

export function purge(el: HTMLElement): void {
  Plotly.purge(el);
}

/**
 * Redraw now, synchronously, at the container's current width and in the theme's current colours.
 * Printing needs this: beforeprint handlers must finish their DOM work before the print layout is
 * taken, and Plotly's own resize waits on a timer. `follow` hands the width back to the container.
 */
export function refit(el: HTMLElement, colors: { fg: string; grid: string }, follow = false): void {
  const axis = { gridcolor: colors.grid, zerolinecolor: colors.grid, linecolor: colors.grid, tickcolor: colors.grid };
  const update: Record<string, unknown> = { width: follow ? null : el.clientWidth, 'font.color': colors.fg };
  for (const [key, value] of Object.entries(axis)) {
    update[`xaxis.${key}`] = value;
    update[`yaxis.${key}`] = value;
  }
  Plotly.relayout(el, update).catch(() => undefined); // the DOM work is done; a later redraw may supersede it
}
