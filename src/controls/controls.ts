import type { Snapshot } from '../train/loop';
import { h } from '../notebook/dom';
import { fromSlider, numberSpec, PARAM_SPECS, SLIDER_STEPS, toSlider, type NumericParam, type Params } from '../params';

export type Action = 'run' | 'pause' | 'step' | 'reset';

export interface ControlEvents {
  onParam(name: NumericParam, value: number): void;
  onAction(action: Action): void;
}

export interface Controls {
  /** Make every control show params and the run's state; the controls keep no state of their own. */
  sync(params: Params, snap: Snapshot | null): void;
  setReady(ready: boolean): void;
}

const SLIDERS: NumericParam[] = ['lr', 'noise', 'n', 'steps', 'speed'];

export function formatValue(name: NumericParam, v: number): string {
  const { unit } = numberSpec(name);
  return unit ? `${v} ${unit}` : String(v);
}

function slider(
  name: NumericParam,
  events: ControlEvents,
): { row: HTMLElement; input: HTMLInputElement; out: HTMLOutputElement } {
  const id = `ctl-${name}`;
  const input = h('input', { type: 'range', id, name, min: '0', max: String(SLIDER_STEPS), step: '1' });
  const out = h('output', { for: id, id: `${id}-value` });
  input.addEventListener('input', () => events.onParam(name, fromSlider(name, Number(input.value))));
  const spec = PARAM_SPECS[name];
  const hint = spec.scale === 'log' ? ' (log scale)' : '';
  const row = h(
    'div',
    { class: 'control' },
    h('label', { for: id }, spec.label, h('span', { class: 'hint' }, hint)),
    out,
    input,
  );
  return { row, input, out };
}

export function mountControls(el: HTMLElement, events: ControlEvents): Controls {
  const sliders = SLIDERS.map((name) => ({ name, ...slider(name, events) }));
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
  const counter = h('span', { class: 'step-counter', role: 'status', 'aria-live': 'off' });
  const status = h('span', { class: 'run-status' });

  el.append(
    h('div', { class: 'buttons' }, run, pause, step, reset, h('div', { class: 'progress' }, counter, status)),
    h('div', { class: 'sliders' }, ...sliders.map((s) => s.row), seedRow),
  );

  let ready = false;
  let last: { params: Params; snap: Snapshot | null } | null = null;

  const sync = (params: Params, snap: Snapshot | null): void => {
    last = { params, snap };
    for (const s of sliders) {
      const v = params[s.name];
      // Do not fight the reader's finger: a slider being dragged already shows its value.
      if (document.activeElement !== s.input || fromSlider(s.name, Number(s.input.value)) !== v)
        s.input.value = String(toSlider(s.name, v));
      s.out.textContent = formatValue(s.name, v);
      s.input.setAttribute('aria-valuetext', formatValue(s.name, v));
    }
    if (document.activeElement !== seed) seed.value = String(params.seed);
    const st = snap?.status ?? 'ready';
    const done = st === 'done' || st === 'diverged';
    run.disabled = !ready || st === 'running' || done;
    pause.disabled = !ready || st !== 'running';
    step.disabled = !ready || done;
    reset.disabled = !ready || (snap?.step ?? 0) === 0;
    counter.textContent = `step ${snap?.step ?? 0} / ${params.steps}`;
    status.textContent = ready ? (st === 'ready' ? '' : st) : 'loading TensorFlow.js…';
    status.dataset.status = ready ? st : 'loading';
  };

  return {
    sync,
    setReady(r) {
      ready = r;
      if (last) sync(last.params, last.snap);
    },
  };
}
