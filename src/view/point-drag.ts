import type { ControllerState } from '../controller/controller';
import { withPoint, type OwnData } from '../core/own-data';
import { MAX_PLOT_POINTS } from '../core/subsample';
import { plotArea } from '../plots/plot-area';
import { holdPoint } from '../plots/point-hold';
import { pointsOf } from './own-data-view';

/** How near (CSS px) a press must be to a point to take it. */
const HIT_PX = 12;
/** A press that moves less than this is a click. */
const CLICK_PX = 4;

export interface PointDragOptions {
  state: () => ControllerState | null;
  use: (d: OwnData) => void;
  /** A click on a point: the X-ray shows it. */
  pick: (i: number) => void;
  refuse: (reason: string) => void;
  /** A drag holds new runs at step 0 (true at its first move) and lets the newest play (false). */
  hold: (held: boolean) => void;
}

/**
 * The data figure as an editor: drag a point to move it, click a point to pick it for the X-ray,
 * click empty space to add a point there. Positions are read against the axes the figure shows
 * (the run's ranges), so the point follows the pointer. Every move makes new points (one set per
 * frame at most), and with them a new run: a*, the bound and the landscape follow. The runs wait
 * while the point is held, and the last one plays when it is let go.
 */
export function bindPointDrag(el: HTMLElement, opts: PointDragOptions): void {
  let press: { id: number; x: number; y: number; index: number; moved: boolean } | null = null;
  let pending: OwnData | null = null;

  const inside = (e: PointerEvent): boolean => {
    const b = plotArea(el);
    return e.clientX >= b.left && e.clientX <= b.right && e.clientY >= b.top && e.clientY <= b.bottom;
  };
  const flush = (): void => {
    if (pending) opts.use(pending);
    pending = null;
  };
  /** The press is over: its last points go in now, not a frame later, and the newest run plays. */
  const end = (p: { moved: boolean }): void => {
    if (!p.moved) return;
    flush();
    opts.hold(false);
    holdPoint(false);
  };

  el.addEventListener('pointerdown', (e) => {
    const s = opts.state();
    if (!s || e.button !== 0 || !inside(e)) return;
    press = { id: e.pointerId, x: e.clientX, y: e.clientY, index: nearest(el, s, e), moved: false };
    // Captured, the release comes here and not to the cover Plotly lays over the page on a press.
    el.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  keepFingerOnPoint(el, () => {
    const n = opts.state()?.run.data.x0.length ?? Infinity;
    return press !== null && press.index >= 0 && n <= MAX_PLOT_POINTS;
  });
  el.addEventListener('pointermove', (e) => {
    const s = opts.state();
    if (!press || !s || e.pointerId !== press.id || press.index < 0) return;
    if (!press.moved && Math.hypot(e.clientX - press.x, e.clientY - press.y) < CLICK_PX) return;
    if (s.run.data.x0.length > MAX_PLOT_POINTS) {
      press.moved = true;
      return;
    }
    if (!press.moved) {
      opts.hold(true);
      holdPoint(true);
    }
    press.moved = true;
    const [x, y] = toData(el, s, e);
    if (!pending) requestAnimationFrame(flush);
    pending = withPoint(pointsOf(s), press.index, x, y);
  });
  el.addEventListener('pointerup', (e) => {
    const s = opts.state();
    const p = press;
    press = null;
    if (!p || !s || e.pointerId !== p.id) return;
    end(p);
    if (p.moved) {
      if (s.run.data.x0.length > MAX_PLOT_POINTS)
        opts.refuse(
          `Dragging works up to ${MAX_PLOT_POINTS.toLocaleString('en-US')} points; edit larger sets as a CSV.`,
        );
      return;
    }
    if (p.index >= 0) {
      opts.pick(sampleToPoint(s, p.index));
      return;
    }
    if (s.run.data.x0.length >= MAX_PLOT_POINTS) {
      opts.refuse(`Clicking adds points up to ${MAX_PLOT_POINTS.toLocaleString('en-US')}; edit larger sets as a CSV.`);
      return;
    }
    const d = pointsOf(s);
    const [x, y] = toData(el, s, e);
    opts.use(withPoint(d, d.x.length, x, y));
  });
  el.addEventListener('pointercancel', () => {
    if (press) end(press);
    press = null;
  });
}

/**
 * A finger on a point drags it rather than scrolling the page; a finger elsewhere, or on a set too
 * large to drag, still scrolls. The pointerdown comes before the touchstart, so `onPoint` knows.
 */
function keepFingerOnPoint(el: HTMLElement, onPoint: () => boolean): void {
  el.addEventListener(
    'touchstart',
    (e) => {
      if (onPoint()) e.preventDefault();
    },
    { passive: false },
  );
}

/** The data index of a drawn point: the same up to MAX_PLOT_POINTS, else the subsample's index. */
function sampleToPoint(s: ControllerState, i: number): number {
  const n = s.run.data.x0.length;
  const k = s.run.sample.x0.length;
  return k === n ? i : Math.floor((i * n) / k);
}

/** The data coordinates under the pointer, on the axes the figure shows. */
function toData(el: HTMLElement, s: ControllerState, e: PointerEvent): [number, number] {
  const box = plotArea(el);
  const [x0, x1] = s.run.sample.xRange;
  const [y0, y1] = s.run.yRange;
  // Rounded to a thousandth of the axis (about a pixel): the program prints 0.42, not 0.4213571.
  const round = (v: number, span: number): number => {
    const unit = 10 ** (Math.floor(Math.log10(span)) - 2);
    return Number((Math.round(v / unit) * unit).toPrecision(12));
  };
  return [
    round(x0 + ((e.clientX - box.left) / box.width) * (x1 - x0), x1 - x0),
    round(y1 - ((e.clientY - box.top) / box.height) * (y1 - y0), y1 - y0),
  ];
}

/** The drawn point within HIT_PX of the pointer, nearest first; -1 if none. */
function nearest(el: HTMLElement, s: ControllerState, e: PointerEvent): number {
  const box = plotArea(el);
  const [x0, x1] = s.run.sample.xRange;
  const [y0, y1] = s.run.yRange;
  const { x0: xs, y: ys } = s.run.sample;
  let best = -1;
  let bestD = HIT_PX;
  for (let i = 0; i < xs.length; i++) {
    const px = box.left + ((xs[i]! - x0) / (x1 - x0)) * box.width;
    const py = box.top + ((y1 - ys[i]!) / (y1 - y0)) * box.height;
    const d = Math.hypot(px - e.clientX, py - e.clientY);
    if (d < bestD) [best, bestD] = [i, d];
  }
  return best;
}
