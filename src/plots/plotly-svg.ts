/**
 * Moving a drawn scatter trace's SVG straight to new data, on the axes Plotly drew: no defaults, no
 * calc, no redraw of axes. Plotly's cheapest update (animate) still supplies defaults for the whole
 * figure and re-renders its traces, 3–8 ms a figure a frame here. This writes the same elements
 * Plotly made (`path.js-line`, one `path.point` per marker) and declines, returning false, whenever
 * the drawing does not have the shape to take the new data; the caller then asks Plotly.
 *
 * It reads Plotly's internals: the axes' `c2p`, the traces' uids and the SVG's classes. plotly.ts
 * owns it and has Plotly redraw from the data once a plot stops moving; the browser tests compare
 * the moved SVG with Plotly's own (live-figures.spec), so a Plotly upgrade that changes them fails.
 */

export interface TraceUpdate {
  x?: ArrayLike<number>;
  y?: ArrayLike<number>;
}

interface Axis {
  c2p(v: number): number;
  _length: number;
}

type Trace = NonNullable<PlotDiv['data']>[number];

export interface PlotDiv extends HTMLElement {
  data?: {
    x?: ArrayLike<number>;
    y?: ArrayLike<number>;
    mode?: string;
    marker?: { size?: unknown; color?: unknown };
  }[];
  _fullData?: { uid?: string }[];
  _fullLayout?: { xaxis?: Axis; yaxis?: Axis };
}

/** A trace's SVG group, by the uid Plotly names it with (Plotly draws no group for an empty trace). */
function traceGroup(gd: PlotDiv, index: number): Element | null {
  const uid = gd._fullData?.[index]?.uid;
  return uid && /^[\w-]+$/.test(uid) ? gd.querySelector(`.scatterlayer > g.trace.trace${uid}`) : null;
}

/** Pixels this far outside the plot area are left to Plotly, which clips lines properly. */
const MARGIN = 4;

function pixels(ax: Axis, values: ArrayLike<number>): Float64Array | null {
  const out = new Float64Array(values.length);
  const lo = -MARGIN * ax._length;
  const hi = (1 + MARGIN) * ax._length;
  for (let i = 0; i < values.length; i++) {
    const p = ax.c2p(values[i]!);
    if (!(p >= lo && p <= hi)) return null;
    out[i] = p;
  }
  return out;
}

const r2 = (v: number): string => String(Math.round(v * 100) / 100);

/** The DOM writes for one trace, made only once every trace is known to take its data. */
type Plan = () => void;

/**
 * A marker of each drawn markers trace, kept to clone from when its points have all been moved
 * away (a loss cursor with no loss yet). Forgotten whenever Plotly draws the figure anew, since a
 * marker's look may have changed with it.
 */
const markerTemplates = new WeakMap<HTMLElement, Map<number, Element>>();

export function forgetTemplates(el: HTMLElement): void {
  markerTemplates.delete(el);
}

function planLine(group: Element, px: Float64Array, py: Float64Array): Plan | null {
  const line = group.querySelector('path.js-line');
  // Only a path Plotly made: its style (colour, width, dash) is Plotly's.
  if (!line) return null;
  let d = '';
  for (let i = 0; i < px.length; i++) d += `${i ? 'L' : 'M'}${r2(px[i]!)},${r2(py[i]!)}`;
  return () => line.setAttribute('d', d);
}

function planMarkers(el: HTMLElement, index: number, group: Element, px: Float64Array, py: Float64Array): Plan | null {
  const layer = group.querySelector(':scope > g.points');
  if (!layer) return null;
  const points = Array.from(layer.querySelectorAll(':scope > path.point'));
  const templates = markerTemplates.get(el) ?? new Map<number, Element>();
  markerTemplates.set(el, templates);
  if (points[0] && !templates.has(index)) templates.set(index, points[0].cloneNode(true) as Element);
  const template = templates.get(index);
  if (points.length < px.length && !template) return null;
  return () => {
    while (points.length > px.length) points.pop()!.remove();
    while (points.length < px.length) points.push(layer.appendChild(template!.cloneNode(true) as Element));
    for (let i = 0; i < px.length; i++) {
      points[i]!.setAttribute('transform', `translate(${r2(px[i]!)},${r2(py[i]!)})`);
    }
  };
}

/** Modes whose SVG this knows: a line, and markers of one look each (a clone of one is another). */
const MODES: Record<string, ('lines' | 'markers')[]> = {
  lines: ['lines'],
  markers: ['markers'],
  'lines+markers': ['lines', 'markers'],
};

function planTrace(
  el: HTMLElement,
  index: number,
  trace: Trace,
  group: Element,
  px: Float64Array,
  py: Float64Array,
): Plan | null {
  const parts = MODES[trace.mode ?? ''];
  const perPoint = Array.isArray(trace.marker?.size) || Array.isArray(trace.marker?.color);
  if (!parts || (parts.includes('markers') && perPoint)) return null;
  const plans: Plan[] = [];
  for (const part of parts) {
    const plan = part === 'lines' ? planLine(group, px, py) : planMarkers(el, index, group, px, py);
    if (!plan) return null;
    plans.push(plan);
  }
  return () => plans.forEach((p) => p());
}

/** Put `updates` into the div's data, where Plotly's next full draw (and the PNG export) reads it. */
export function writeData(el: HTMLElement, traces: number[], updates: TraceUpdate[]): void {
  const data = (el as PlotDiv).data ?? [];
  traces.forEach((i, k) => {
    const trace = data[i];
    const u = updates[k]!;
    if (!trace) return;
    // The figures hand over arrays they built for this frame: no copy on the hot path.
    if (u.x) trace.x = Array.isArray(u.x) ? u.x : Array.from(u.x);
    if (u.y) trace.y = Array.isArray(u.y) ? u.y : Array.from(u.y);
  });
}

/**
 * Draw `updates` into traces `traces` of a drawn plot, and keep the div's data in step. False, with
 * nothing changed, if any trace cannot take them.
 */
export function moveTraces(el: HTMLElement, traces: number[], updates: TraceUpdate[]): boolean {
  const gd = el as PlotDiv;
  const xa = gd._fullLayout?.xaxis;
  const ya = gd._fullLayout?.yaxis;
  const data = gd.data;
  if (!xa || !ya || !data || typeof xa.c2p !== 'function' || typeof ya.c2p !== 'function') return false;
  const plans: Plan[] = [];
  for (let k = 0; k < traces.length; k++) {
    const i = traces[k]!;
    const trace = data[i];
    const group = traceGroup(gd, i);
    if (!trace || !group) return false;
    const x = updates[k]!.x ?? trace.x;
    const y = updates[k]!.y ?? trace.y;
    if (!x || !y || x.length !== y.length) return false;
    const px = pixels(xa, x);
    const py = pixels(ya, y);
    if (!px || !py) return false;
    const plan = planTrace(el, i, trace, group, px, py);
    if (!plan) return false;
    plans.push(plan);
  }
  for (const plan of plans) plan();
  writeData(el, traces, updates);
  return true;
}
