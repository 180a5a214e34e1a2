import type { ControllerState } from '../controller/controller';
import { trainSpecOf, type Run } from '../controller/run';
import { gradient, type Vec2 } from '../core/analysis';
import { clampToWindow, type Window } from '../core/landscape';
import { plotArea } from '../plots/plot-area';

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** The step at the cursor: where a goes, and where −lr·∇L alone would take it (they differ for momentum, Adam, batches). */
export interface StepAt {
  from: Vec2;
  step: Vec2 | null;
  descent: Vec2 | null;
}

/**
 * The step the run takes at the cursor t: a_t → a_{t+1} from the history once taken; before, the
 * plain full-batch step a_t − lr·∇L(a_t) (float64), which is the step plain GD will take. The
 * descent arrow a_t − lr·∇L uses the gradient the step used (the batch's, from the history).
 */
export function stepAt(run: Run, state: ControllerState): StepAt | null {
  const history = state.snapshot?.history;
  if (!history) return null;
  const t = Math.min(state.cursor, history.length);
  if (t >= run.params.steps || (history.divergedStep >= 0 && t >= history.divergedStep)) return null;
  const from = history.aAt(t);
  const lr = run.params.lr;
  const ran = t < history.length;
  const g = ran ? history.gradAt(t) : gradient(run.moments, from);
  const descent: Vec2 = [from[0] - lr * g[0], from[1] - lr * g[1]];
  const spec = trainSpecOf(run.params);
  const plain = spec.opt.opt === 'sgd' && spec.opt.momentum === 0 && spec.batch >= run.params.n;
  const step = ran ? history.aAt(t + 1) : plain ? descent : null;
  return { from, step, descent };
}

/**
 * The gradient step on the loss landscape, typeset over the figure: an arrow from a_t along the
 * step the run takes, and a dashed one along −lr·∇L where that differs. Drawn in an SVG laid over the
 * figure (Plotly is not asked for anything, so a frame costs a few attribute writes); the plot area
 * is measured once per run and on resize.
 */
export function mountStepArrow(stack: HTMLElement, live: HTMLElement): (s: ControllerState) => void {
  const root = svg('svg', { class: 'step-arrow', 'aria-hidden': 'true' });
  const defs = svg('defs', {});
  const head = (id: string): SVGMarkerElement => {
    const m = svg('marker', {
      id,
      viewBox: '0 0 10 10',
      refX: '9',
      refY: '5',
      markerWidth: '6',
      markerHeight: '6',
      orient: 'auto',
    });
    m.append(svg('path', { d: 'M0,0 L10,5 L0,10 z' }));
    return m;
  };
  defs.append(head('step-arrow-step-tip'), head('step-arrow-descent-tip'));
  const descent = svg('line', { class: 'step-arrow-descent', 'marker-end': 'url(#step-arrow-descent-tip)' });
  const step = svg('line', { class: 'step-arrow-step', 'marker-end': 'url(#step-arrow-step-tip)' });
  root.append(defs, descent, step);
  stack.append(root);
  let box: DOMRect | null = null;
  let boxRun: Run | null = null;
  let shown = '';
  new ResizeObserver(() => {
    box = null;
    shown = '';
  }).observe(stack);

  const place = (line: SVGLineElement, from: Vec2, to: Vec2 | null, w: Window, b: DOMRect): void => {
    if (!to || Math.hypot(to[0] - from[0], to[1] - from[1]) === 0) {
      line.setAttribute('visibility', 'hidden');
      return;
    }
    const px = (a: Vec2): [number, number] => {
      const [p, q] = clampToWindow(a, w);
      return [
        b.left + ((p - w.a1[0]) / (w.a1[1] - w.a1[0])) * b.width,
        b.top + ((w.a2[1] - q) / (w.a2[1] - w.a2[0])) * b.height,
      ];
    };
    const [x1, y1] = px(from);
    const [x2, y2] = px(to);
    line.setAttribute('x1', x1.toFixed(1));
    line.setAttribute('y1', y1.toFixed(1));
    line.setAttribute('x2', x2.toFixed(1));
    line.setAttribute('y2', y2.toFixed(1));
    line.setAttribute('visibility', 'visible');
  };

  return (state) => {
    const run = state.run;
    const at = stepAt(run, state);
    const key = at ? `${String(state.snapshot?.run)}|${String(state.cursor)}|${at.from.join()}|${String(at.step)}` : '';
    if (key === shown && boxRun === run) return;
    // Not drawn yet (the figure waits until it is near the view): try again next frame.
    if (!at || !live.querySelector('.nsewdrag')) {
      root.setAttribute('visibility', 'hidden');
      return;
    }
    shown = key;
    if (!box || boxRun !== run) {
      const s = stack.getBoundingClientRect();
      const p = plotArea(live);
      box = new DOMRect(p.left - s.left, p.top - s.top, p.width, p.height);
      boxRun = run;
    }
    const w = run.figure.landscape.window;
    root.setAttribute('visibility', 'visible');
    place(step, at.from, at.step, w, box);
    const same = at.step && at.descent && Math.hypot(at.step[0] - at.descent[0], at.step[1] - at.descent[1]) < 1e-12;
    place(descent, at.from, same ? null : at.descent, w, box);
  };
}
