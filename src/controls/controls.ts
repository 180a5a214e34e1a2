import type { Stability, Verdict } from '../core/analysis';
import { h, setText } from '../notebook/dom';
import {
  BACKENDS,
  fromSlider,
  numberSpec,
  PARAM_SPECS,
  SLIDER_STEPS,
  toSlider,
  GRADIENTS,
  type BackendName,
  type Gradient,
  type NumericParam,
  type Params,
} from '../params';
import type { Snapshot } from '../train/loop';

export type Action = 'run' | 'pause' | 'step' | 'reset';

export interface ControlEvents {
  onParam(name: NumericParam, value: number): void;
  onAction(action: Action): void;
  /** The replay cursor moved to `step`. */
  onScrub(step: number): void;
  onBackend(name: BackendName): void;
  onGradient(gradient: Gradient): void;
  onCompareBackends(): void;
}

/** Everything the controls show. They keep no state of their own. */
export interface ControlView {
  params: Params;
  snap: Snapshot | null;
  /** The step the views show (the replay cursor). */
  cursor: number;
  stability: Stability;
  verdict: Verdict;
  /** The backend that runs (the requested one may have fallen back). */
  backend: BackendName | null;
  /** The latest backend comparison, in words; '' before one ran. */
  advice: string;
  /** Tensors alive in tfjs: flat while training, or memory is leaking. Null before tfjs loads. */
  tensors: number | null;
  /** WebGL programs compiled: flat while playing, or batches compile (each a stall). Null off WebGL. */
  programs: number | null;
  /** The closed form runs as the fused WebGL kernel here (WebGL 2 with float32 render targets). */
  fused: boolean;
}

export interface Controls {
  sync(view: ControlView): void;
  setReady(ready: boolean): void;
  /** Where the live equation ŷ = a₁x + a₂ goes. */
  equation: HTMLElement;
}

const GRADIENT_LABELS: Record<Gradient, string> = {
  autodiff: 'autodiff: loss.backward()',
  closed: 'closed form: (2/n)\u00B7X\u1D40(Xa \u2212 y)',
};

/** What the chosen gradient does here, and when the other one is worth a try. */
export function gradientNote(params: Params, fused: boolean): string {
  const n = params.n.toLocaleString('en-US');
  if (params.grad === 'closed') {
    const how = fused
      ? 'computed in one fused WebGL pass over all the points'
      : 'computed with plain TensorFlow.js ops';
    return `The gradient written out by hand, ${how}. It gives the same numbers as autodiff (the tests check).`;
  }
  if (fused && params.n >= 100_000)
    return `At n = ${n}, autodiff runs over a dozen WebGL kernels across all the points each step; the closed form makes one fused pass. Try it: the numbers agree.`;
  return 'TensorFlow.js differentiates the loss, as PyTorch\u2019s loss.backward() does: the lesson of the post.';
}

const SLIDERS: NumericParam[] = ['lr', 'noise', 'n', 'steps', 'speed'];

export function formatValue(name: NumericParam, v: number): string {
  const { unit } = numberSpec(name);
  return unit ? `${v} ${unit}` : String(v);
}

/** Thumb centre for a slider position, as CSS: the thumb (16 px) never leaves the track. */
function thumbLeft(pos: number): string {
  return `calc(8px + (100% - 16px) * ${pos / SLIDER_STEPS})`;
}

function slider(name: NumericParam, events: ControlEvents) {
  const id = `ctl-${name}`;
  const input = h('input', { type: 'range', id, name, min: '0', max: String(SLIDER_STEPS), step: '1' });
  const out = h('output', { for: id, id: `${id}-value` });
  input.addEventListener('input', () => events.onParam(name, fromSlider(name, Number(input.value))));
  const spec = PARAM_SPECS[name];
  const hint = spec.scale === 'log' ? ' (log scale)' : '';
  const track = h('div', { class: 'track' }, input);
  const row = h(
    'div',
    { class: 'control' },
    h('label', { for: id }, spec.label, h('span', { class: 'hint' }, hint)),
    out,
    track,
  );
  return { name, row, input, out, track };
}

export function mountControls(el: HTMLElement, events: ControlEvents): Controls {
  const sliders = SLIDERS.map((name) => slider(name, events));
  const lr = sliders[0]!;
  // The stability bound and the fastest lr, marked on the learning-rate track.
  const boundMark = h(
    'span',
    { class: 'mark mark-bound', 'aria-hidden': 'true' },
    h('span', { class: 'mark-label' }, '2/\u03BBmax'),
  );
  const fastMark = h(
    'span',
    { class: 'mark mark-fastest', 'aria-hidden': 'true' },
    h('span', { class: 'mark-label' }, 'fastest'),
  );
  lr.track.append(boundMark, fastMark);
  const verdictEl = h('p', { class: 'verdict-line', id: 'lr-verdict', 'aria-live': 'polite' });
  lr.row.append(verdictEl);
  lr.input.setAttribute('aria-describedby', 'lr-verdict');

  const seed = h('input', {
    type: 'number',
    id: 'ctl-seed',
    name: 'seed',
    min: '0',
    max: String(PARAM_SPECS.seed.max),
    step: '1',
    inputmode: 'numeric',
  });
  seed.addEventListener('change', () => {
    const v = Number(seed.value);
    if (seed.value.trim() !== '' && Number.isInteger(v) && v >= 0 && v <= PARAM_SPECS.seed.max)
      events.onParam('seed', v);
    else seed.setCustomValidity('The seed is a whole number from 0 to 4294967295.');
    seed.reportValidity();
  });
  seed.addEventListener('input', () => seed.setCustomValidity(''));
  const seedRow = h('div', { class: 'control' }, h('label', { for: 'ctl-seed' }, 'seed'), seed);

  const button = (action: Action, label: string, title: string): HTMLButtonElement => {
    const b = h('button', { type: 'button', class: `btn btn-${action}`, 'data-action': action, title }, label);
    b.addEventListener('click', () => events.onAction(action));
    return b;
  };
  const run = button('run', 'Run all \u25B6', 'Train all the steps');
  const pause = button('pause', 'Pause', 'Pause training');
  const step = button('step', 'Step', 'Take exactly one gradient step');
  const reset = button('reset', 'Reset', 'Back to step 0');
  const counter = h('span', { class: 'step-counter' });
  const status = h('span', { class: 'run-status', role: 'status' });

  const replay = h('input', {
    type: 'range',
    id: 'ctl-replay',
    name: 'replay',
    min: '0',
    max: '0',
    step: '1',
    value: '0',
  });
  const replayOut = h('output', { for: 'ctl-replay', id: 'ctl-replay-value' });
  replay.addEventListener('input', () => events.onScrub(Number(replay.value)));
  const equation = h('div', { class: 'equation', 'aria-live': 'off' });
  const replayRow = h(
    'div',
    { class: 'control replay' },
    h('label', { for: 'ctl-replay' }, 'timeline', h('span', { class: 'hint' }, ' (replay)')),
    replayOut,
    replay,
    equation,
  );

  const backendSelect = h(
    'select',
    { id: 'ctl-backend', name: 'backend' },
    ...BACKENDS.map((b) => h('option', { value: b }, b)),
  );
  backendSelect.addEventListener('change', () => events.onBackend(backendSelect.value as BackendName));
  const speedOut = h('output', { id: 'ctl-ms-per-step', for: 'ctl-backend' });
  const tensorsOut = h('output', {
    id: 'ctl-tensors',
    class: 'tensor-count',
    title: 'tensors alive in TensorFlow.js, and WebGL programs compiled',
  });
  const compare = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'compare' }, 'Compare backends');
  compare.addEventListener('click', () => events.onCompareBackends());
  const advice = h('p', { class: 'backend-advice', 'aria-live': 'polite' });
  const backendRow = h(
    'div',
    { class: 'control backend-row' },
    h('label', { for: 'ctl-backend' }, 'backend'),
    speedOut,
    tensorsOut,
    backendSelect,
    compare,
    advice,
  );

  const gradientSelect = h(
    'select',
    { id: 'ctl-grad', name: 'grad' },
    ...GRADIENTS.map((g) => h('option', { value: g }, GRADIENT_LABELS[g])),
  );
  gradientSelect.addEventListener('change', () => events.onGradient(gradientSelect.value as Gradient));
  const gradientNoteEl = h('p', { class: 'gradient-note', id: 'ctl-grad-note' });
  gradientSelect.setAttribute('aria-describedby', gradientNoteEl.id);
  const gradientRow = h(
    'div',
    { class: 'control backend-row' },
    h('label', { for: 'ctl-grad' }, 'gradient'),
    gradientSelect,
    gradientNoteEl,
  );

  el.append(
    h('div', { class: 'buttons' }, run, pause, step, reset, h('div', { class: 'progress' }, counter, status)),
    replayRow,
    h('div', { class: 'sliders' }, ...sliders.map((s) => s.row), seedRow, backendRow, gradientRow),
  );

  let ready = false;
  let last: ControlView | null = null;

  const sync = (view: ControlView): void => {
    last = view;
    const { params, snap, cursor, stability } = view;
    for (const s of sliders) {
      const v = params[s.name];
      // Do not fight the reader's finger: a slider being dragged already shows its value.
      if (document.activeElement !== s.input || fromSlider(s.name, Number(s.input.value)) !== v) {
        s.input.value = String(toSlider(s.name, v));
      }
      setText(s.out, formatValue(s.name, v));
      s.input.setAttribute('aria-valuetext', formatValue(s.name, v));
    }
    for (const [mark, value] of [
      [boundMark, stability.lrBound],
      [fastMark, stability.lrFastest],
    ] as const) {
      mark.style.left = thumbLeft(toSlider('lr', Math.min(PARAM_SPECS.lr.max, value)));
      mark.dataset.lr = String(value);
      mark.title = `${mark === boundMark ? '2/\u03BBmax' : 'fastest, 2/(\u03BBmin+\u03BBmax)'} = ${value.toPrecision(3)}`;
    }
    setText(verdictEl, `lr ${params.lr} ${view.verdict} (2/\u03BBmax = ${stability.lrBound.toPrecision(3)})`);
    verdictEl.dataset.verdict = view.verdict;
    if (document.activeElement !== seed) seed.value = String(params.seed);
    backendSelect.value = params.backend;
    gradientSelect.value = params.grad;
    setText(gradientNoteEl, gradientNote(params, view.fused));
    const ms = snap?.msPerStep ?? 0;
    // The backend of this run's own steps: a switch shows only once the new run has stepped.
    const runsOn = snap?.backend || view.backend || '\u2026';
    setText(speedOut, `${runsOn}${ms > 0 ? `, ${ms < 1 ? ms.toPrecision(2) : ms.toFixed(1)} ms/step` : ''}`);
    setText(advice, view.advice);
    const programs = view.programs === null ? '' : `, ${String(view.programs)} WebGL programs`;
    setText(tensorsOut, view.tensors === null ? '' : `${String(view.tensors)} tensors${programs}`);
    compare.disabled = !ready || snap?.status === 'running';

    const st = snap?.status ?? 'ready';
    const done = st === 'done' || st === 'diverged';
    run.disabled = !ready || st === 'running' || done;
    pause.disabled = !ready || st !== 'running';
    step.disabled = !ready || done;
    reset.disabled = !ready || (snap?.step ?? 0) === 0;
    setText(counter, `step ${snap?.step ?? 0} / ${params.steps}`);
    counter.dataset.run = String(snap?.run ?? 0);
    setText(status, ready ? (st === 'ready' ? '' : st) : 'loading TensorFlow.js\u2026');
    status.dataset.status = ready ? st : 'loading';

    const length = snap?.history.length ?? 0;
    replay.max = String(length);
    if (document.activeElement !== replay || Number(replay.value) !== cursor) replay.value = String(cursor);
    replay.disabled = length === 0;
    setText(replayOut, `step ${cursor}`);
    replay.setAttribute('aria-valuetext', `step ${cursor} of ${length}`);
  };

  return {
    sync,
    equation,
    setReady(r) {
      ready = r;
      if (last) sync(last);
    },
  };
}
