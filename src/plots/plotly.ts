/**
 * The one module that imports Plotly: its core (the full API and the scatter trace) and the contour
 * trace, built from plotly.js's sources. The prebuilt dist bundles register a dozen trace types and
 * a world calendar this page never draws; evaluating them was the longest task of a cold embed.
 */
import Plotly from 'plotly.js/lib/core';
import contour from 'plotly.js/lib/contour';
import type { Config, Data, Layout } from './plotly-types';
import type { Palette } from '../theme';
import { forgetTemplates, moveTraces, writeData, type PlotDiv, type TraceUpdate } from './plotly-svg';
import { pointHeld } from './point-hold';
import type { PlotSample } from '../core/subsample';
import type { Range } from '../core/ranges';
import type { Look } from './style';

export type { Data, Layout, TraceUpdate };
export type { Axis } from './plotly-types';

Plotly.register([contour]);

/** No logo, no cloud link: the page makes no third-party requests. */
const CONFIG: Partial<Config> = {
  displaylogo: false,
  showSendToCloud: false,
  responsive: true,
  displayModeBar: false,
  scrollZoom: false,
};

/** Plots drawn by draw() and not purged since: kept here, not read from Plotly's class names. */
const drawnPlots = new WeakSet<HTMLElement>();

export function draw(el: HTMLElement, data: Data[], layout: Partial<Layout>): Promise<unknown> {
  forgetTemplates(el);
  settled(el);
  drawnPlots.add(el);
  return Plotly.react(el, data, layout, CONFIG);
}

export function isDrawn(el: HTMLElement): boolean {
  return drawnPlots.has(el);
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
  const ranges = { 'xaxis.range': x, 'yaxis.range': y };
  // A relayout redraws the traces from Plotly's own state: one moved past it settles in the same pass.
  if (unsettled.has(el)) return Plotly.update(el, settleData(el), ranges);
  return Plotly.relayout(el, ranges);
}

/** Drawn plots whose SVG moveTraces moved past Plotly's own state, each with the timer that settles it. */
const unsettled = new Map<HTMLElement, ReturnType<typeof setTimeout>>();
/** A plot that has stopped moving for this long is redrawn by Plotly from its data (settle). */
const SETTLE_MS = 250;
/** Plots under the pointer: Plotly draws their every frame, so its hover reads what is drawn. */
const pointed = new WeakSet<HTMLElement>();
const watched = new WeakSet<HTMLElement>();

/** Settle `el` once it has rested SETTLE_MS and no point is held (a settle between a drag's moves would be a Plotly pass in one). */
function later(el: HTMLElement): void {
  unsettled.set(
    el,
    setTimeout(() => (pointHeld() ? later(el) : settle(el)), SETTLE_MS),
  );
}

/** Plotly's state is about to be made from the div's data: nothing left to settle. */
function settled(el: HTMLElement): void {
  clearTimeout(unsettled.get(el));
  unsettled.delete(el);
}

/** Every trace's data, as a restyle that recomputes all of Plotly's state from it: settled after. */
function settleData(el: HTMLElement): Record<string, unknown[]> {
  settled(el);
  const data = (el as PlotDiv).data ?? [];
  return { x: data.map((t) => t.x), y: data.map((t) => t.y) };
}

/**
 * Have Plotly draw a moved plot from its data, synchronously: its hover, and its own redraws (a
 * resize, a relayout), then see what the reader sees. Nothing to do for a plot Plotly drew last.
 */
export function settle(el: HTMLElement): void {
  if (!unsettled.has(el)) return;
  Plotly.restyle(el, settleData(el)).catch(() => undefined);
}

function watchPointer(el: HTMLElement): void {
  if (watched.has(el)) return;
  watched.add(el);
  el.addEventListener('pointerenter', () => {
    pointed.add(el);
    settle(el);
  });
  el.addEventListener('pointerleave', () => pointed.delete(el));
}

/**
 * Replace the data of some traces, drawn before this returns when it can be. Each frame moves the
 * drawn SVG (moveTraces: no Plotly pass, the new run's first frame among them), and Plotly redraws
 * the plot from its data once it stops moving. Where the SVG cannot take the data, or the pointer
 * is on the plot, Plotly draws: Plotly.animate with a zero-length transition and redraw:false is
 * its cheapest path (docs/ARCHITECTURE.md, "Measured facts"), but draws a tick later; restyle has drawn when it returns,
 * which printing (`now`) needs, and which redraws every trace of a moved plot.
 */
export function updateTraces(el: HTMLElement, traces: number[], updates: TraceUpdate[], now = false): Promise<unknown> {
  if (!now && !pointed.has(el) && moved(el, traces, updates)) {
    watchPointer(el);
    return Promise.resolve();
  }
  return plotlyTraces(el, traces, updates, now);
}

/** Plotly draws the traces' new data: restyle when `now` or over a moved plot, else animate. */
function plotlyTraces(el: HTMLElement, traces: number[], updates: TraceUpdate[], now: boolean): Promise<unknown> {
  if (now || unsettled.has(el)) {
    writeData(el, traces, updates);
    return Plotly.restyle(el, settleData(el));
  }
  return Plotly.animate(
    el,
    { data: updates, traces },
    { transition: { duration: 0 }, frame: { duration: 0, redraw: false }, mode: 'immediate' },
  ).catch(() => {
    // Plotly rejects (with no reason) an animation that a newer call interrupts. Nothing is lost:
    // the newer call draws the newer state. Seen as "pageerror: undefined" under a slider storm.
  });
}

/** Move the drawn SVG to `updates`, and have Plotly draw the plot from its data once it rests. */
function moved(el: HTMLElement, traces: number[], updates: TraceUpdate[]): boolean {
  if (!moveTraces(el, traces, updates)) return false;
  settled(el);
  later(el);
  return true;
}

/** The frame (ranges, titles, look) each plot was last drawn in by drawPoints. */
const frames = new WeakMap<HTMLElement, readonly unknown[]>();
const sameFrame = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * New points for a plot whose frame is the one it was drawn in: they are moved in as a frame's
 * are, with no Plotly pass over the axes; any other frame is drawn in full by `drawAll`. A dragged
 * point redraws the data figure, Original and Calculated this way on every move (a Plotly.react
 * of each took 25–40 ms there).
 */
export function drawPoints(
  el: HTMLElement,
  frame: readonly unknown[],
  traces: number[],
  updates: TraceUpdate[],
  drawAll: () => Promise<unknown>,
): Promise<unknown> {
  const before = frames.get(el);
  frames.set(el, frame);
  if (!before || !isDrawn(el) || !sameFrame(before, frame)) return drawAll();
  // Moved even under the pointer: the pointer dragging a point reads no hover, and a Plotly pass on
  // each move (or on the pointer entering) cost a drag more than all else.
  return moved(el, traces, updates) ? Promise.resolve() : plotlyTraces(el, traces, updates, false);
}

/** What a points figure is drawn in: its ranges, the subsample's note and the look. */
export function pointsFrame(sample: PlotSample, yRange: Range, look: Look): readonly unknown[] {
  return [...sample.xRange, ...yRange, sample.note, look];
}

/** A PNG data URL at twice the on-screen size, through Plotly's toImage. */
export function toPng(el: HTMLElement, width: number, height: number): Promise<string> {
  return Plotly.toImage(el, { format: 'png', width, height, scale: 2 });
}

export function purge(el: HTMLElement): void {
  settled(el);
  drawnPlots.delete(el);
  Plotly.purge(el);
}

/**
 * Redraw now, synchronously, at the container's current width and in the theme's current colours.
 * Printing needs this: beforeprint handlers must finish their DOM work before the print layout is
 * taken, and Plotly's own resize waits on a timer. `follow` hands the width back to the container.
 */
export function refit(el: HTMLElement, colors: Palette, follow = false): void {
  settle(el);
  const axis = { gridcolor: colors.grid, zerolinecolor: colors.grid, linecolor: colors.grid, tickcolor: colors.grid };
  const update: Record<string, unknown> = { width: follow ? null : el.clientWidth, 'font.color': colors.fg };
  for (const [key, value] of Object.entries(axis)) {
    update[`xaxis.${key}`] = value;
    update[`yaxis.${key}`] = value;
  }
  Plotly.relayout(el, update).catch(() => undefined); // the DOM work is done; a later redraw may supersede it
}
