/**
 * Moving a drawn scatter trace's SVG straight to new data, on the axes Plotly drew: no defaults, no
 * calc, no redraw of axes. Plotly's cheapest update (animate) still supplies defaults for the whole
 * figure and re-renders its traces, 3–8 ms a figure a frame here. This writes the same elements
 * Plotly made (`path.js-line`, one `path.point` per marker) and declines, returning false, whenever
 * the drawing does not have the shape to take the new data; the caller then asks Plotly.
 *
 * It reads Plotly's internals: the axes' `c2p`, the traces' uids and the SVG's classes (Plotly is
 * pinned exactly in package.json). plotly.ts owns it and has Plotly redraw from the data once a
 * plot stops moving; the browser tests compare the moved SVG with Plotly's own (live-figures.spec)
 * and read moveStats(), which counts every time the internals were not there: an upgrade that
 * quietly loses this path fails a test instead of only making the page slower.
 */

/**
 * moved: frames drawn here. declined: frames the data did not fit (an empty trace, which Plotly
 * draws no group for; a point far off the axes). fallbacks: frames where Plotly's internals were
 * not what this reads (no axes' c2p, no group or line for a trace Plotly drew): never, as pinned.
 */
const stats = { moved: 0, declined: 0, fallbacks: 0 };

export function moveStats(): { moved: number; declined: number; fallbacks: number } {
  return { ...stats };
}

type Outcome = 'moved' | 'declined' | 'fallbacks';

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

function planLine(group: Element, px: Float64Array, py: Float64Array): Plan | Outcome {
  const line = group.querySelector('path.js-line');
  // Only a path Plotly made: its style (colour, width, dash) is Plotly's.
  if (!line) return 'fallbacks';
  let d = '';
  for (let i = 0; i < px.length; i++) d += `${i ? 'L' : 'M'}${r2(px[i]!)},${r2(py[i]!)}`;
  return () => line.setAttribute('d', d);
}

function planMarkers(
  el: HTMLElement,
  index: number,
  group: Element,
  px: Float64Array,
  py: Float64Array,
): Plan | Outcome {
  const layer = group.querySelector(':scope > g.points');
  if (!layer) return 'fallbacks';
  const points = Array.from(layer.querySelectorAll(':scope > path.point'));
  const templates = markerTemplates.get(el) ?? new Map<number, Element>();
  markerTemplates.set(el, templates);
  if (points[0] && !templates.has(index)) templates.set(index, points[0].cloneNode(true) as Element);
  const template = templates.get(index);
  if (points.length < px.length && !template) return 'declined';
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
): Plan | Outcome {
  const parts = MODES[trace.mode ?? ''];
  const perPoint = Array.isArray(trace.marker?.size) || Array.isArray(trace.marker?.color);
  if (!parts || (parts.includes('markers') && perPoint)) return 'declined';
  const plans: Plan[] = [];
  for (const part of parts) {
    const plan = part === 'lines' ? planLine(group, px, py) : planMarkers(el, index, group, px, py);
    if (typeof plan === 'string') return plan;
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

/** Plans for every trace, or why the SVG cannot take the update. */
function plan(gd: PlotDiv, traces: number[], updates: TraceUpdate[]): Plan[] | Outcome {
  const xa = gd._fullLayout?.xaxis;
  const ya = gd._fullLayout?.yaxis;
  const data = gd.data;
  if (!xa || !ya || !data || typeof xa.c2p !== 'function' || typeof ya.c2p !== 'function') return 'fallbacks';
  const plans: Plan[] = [];
  for (let k = 0; k < traces.length; k++) {
    const i = traces[k]!;
    const trace = data[i];
    if (!trace) return 'fallbacks';
    const group = traceGroup(gd, i);
    // Plotly draws no group for an empty trace; one it drew with points has one.
    if (!group) return (trace.x?.length ?? 0) > 0 ? 'fallbacks' : 'declined';
    const x = updates[k]!.x ?? trace.x;
    const y = updates[k]!.y ?? trace.y;
    if (!x || !y || x.length !== y.length) return 'declined';
    const px = pixels(xa, x);
    const py = pixels(ya, y);
    if (!px || !py) return 'declined';
    const p = planTrace(gd, i, trace, group, px, py);
    if (typeof p === 'string') return p;
    plans.push(p);
  }
  return plans;
}

/**
 * Draw `updates` into traces `traces` of a drawn plot, and keep the div's data in step. False, with
 * nothing changed, if any trace cannot take them.
 */
export function moveTraces(el: HTMLElement, traces: number[], updates: TraceUpdate[]): boolean {
  const plans = plan(el, traces, updates);
  if (typeof plans === 'string') {
    stats[plans]++;
    return false;
  }
  for (const p of plans) p();
  writeData(el, traces, updates);
  stats.moved++;
  return true;
}
