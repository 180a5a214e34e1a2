import type { ControllerState } from '../controller/controller';
import { trainSpecOf, type Run } from '../controller/run';
import { BatchPlan } from '../core/batches';
import { LARGE_N } from '../core/limits';
import { xrayStep, type StepXray } from '../core/xray-text';
import { h, setText } from '../notebook/dom';
import { NearViewport } from '../plots/near-viewport';
import { mountShares } from './xray-shares';
import { mountGraph } from './xray-graph';

/** The step's batch, from the run's own plan (remade when the cursor goes back, as a plan only goes forward). */
class Batches {
  private run: Run | null = null;
  private plan: BatchPlan | null = null;
  private last = -1;

  at(run: Run, t: number): Int32Array | null {
    if (run.params.batch >= run.params.n) return null;
    if (this.run !== run || t < this.last) {
      this.run = run;
      this.plan = new BatchPlan(run.params.n, run.params.batch, run.data.afterInit);
    }
    this.last = t;
    return this.plan!.indices(t);
  }
}

/**
 * "One step, slowly": for the step the counter and timeline show, the step that comes next: one
 * point's forward and backward, every point's share of a.grad, the graph autograd records, and the
 * update. The picked point lives in its input, the walk back through the graph in the graph's own
 * attribute: the view keeps no state of its own beyond the batch plan it caches.
 */
export interface XrayView {
  render: (s: ControllerState) => void;
  /** Show point i (a click in the data figure). */
  pick: (i: number) => void;
}

export function mountXrayView(out: HTMLElement, lazy: boolean): XrayView {
  const point = h('input', { type: 'number', id: 'xray-point', min: '0', step: '1', value: '0', inputmode: 'numeric' });
  const prev = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': 'previous point' }, '‹');
  const next = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': 'next point' }, '›');
  const forward = h('pre', { class: 'xray-lines xray-forward' });
  const backward = h('pre', { class: 'xray-lines xray-backward' });
  const update = h('pre', { class: 'xray-lines xray-update' });
  const shares = h('div', { class: 'xray-shares' });
  const note = h('p', { class: 'xray-note' });
  const graph = mountGraph();
  const drawShares = mountShares(shares);
  out.append(
    h('div', { class: 'xray-pick' }, h('label', { for: point.id }, 'point i'), prev, point, next, note),
    h('h4', {}, 'Forward'),
    forward,
    h('h4', {}, 'Backward: loss.backward()'),
    graph.el,
    backward,
    shares,
    h('h4', {}, 'The update: opt.step()'),
    update,
  );
  const batches = new Batches();
  let latest: ControllerState | null = null;
  let shown = '';
  let shownRun: Run | null = null;
  const near = lazy ? new NearViewport([out], () => latest && render(latest)) : null;
  const pick = (i: number): void => {
    const n = latest?.run.params.n ?? 1;
    point.value = String(Math.max(0, Math.min(n - 1, Math.round(Number.isFinite(i) ? i : 0))));
    if (latest) render(latest);
  };
  point.addEventListener('change', () => pick(Number(point.value)));
  prev.addEventListener('click', () => pick(Number(point.value) - 1));
  next.addEventListener('click', () => pick(Number(point.value) + 1));

  const render = (state: ControllerState): void => {
    latest = state;
    const { run, snapshot } = state;
    const last = String(run.params.n - 1);
    if (point.max !== last) point.max = last;
    if (Number(point.value) > run.params.n - 1) point.value = last;
    if (!snapshot || !(near?.isNear(out) ?? true)) return;
    const { history } = snapshot;
    const t = Math.min(state.cursor, history.length, run.params.steps - 1);
    // A million points cost a pass per frame: while such a run plays, the cell waits for a pause.
    // (The full batch is stored as FULL_BATCH whatever n is: the batch is the smaller of the two.)
    if (snapshot.status === 'running' && Math.min(run.params.batch, run.params.n) >= LARGE_N) {
      setText(note, 'The X-ray follows this run when it pauses: its batch is a pass over every point.');
      return;
    }
    // Drawn once per (run, step, point, ran or not): a frame that did not move the cursor costs nothing.
    const key = `${String(snapshot.run)}|${String(t)}|${point.value}|${String(t < history.length)}`;
    if (key === shown && run === shownRun) return;
    shown = key;
    shownRun = run;
    const t0 = performance.now();
    const x = explain(run, history, t, batches.at(run, t), Number(point.value));
    setText(forward, x.forward.join('\n'));
    setText(backward, x.backward.join('\n'));
    setText(update, x.update.join('\n'));
    setText(note, t < history.length ? `step ${String(t)}, as the run took it` : `step ${String(t)}, the next to run`);
    drawShares(x, Number(point.value));
    graph.show(x, Number(point.value));
    // What the cell cost this frame, for `npm run bench` (its target: 2 ms).
    out.dataset.renderMs = (performance.now() - t0).toFixed(3);
  };
  return { render, pick };
}

function explain(
  run: Run,
  history: NonNullable<ControllerState['snapshot']>['history'],
  t: number,
  batch: Int32Array | null,
  point: number,
): StepXray {
  const cfg = trainSpecOf(run.params).opt;
  const momentum = cfg.opt === 'sgd' && cfg.momentum !== 0;
  const ran =
    t < history.length && history.divergedStep !== t
      ? {
          loss: history.losses[t]!,
          grad: history.gradAt(t),
          aNext: history.aAt(t + 1),
          stateAfter: history.optStateAt(t + 1, momentum),
        }
      : null;
  return xrayStep({
    x0: run.data.x0,
    y: run.data.y,
    t,
    a: history.aAt(t),
    batch,
    point,
    cfg,
    state: history.optStateAt(t, momentum),
    ran,
  });
}
