import type { ControllerState } from '../controller/controller';
import { h, setText } from '../notebook/dom';

export type Action = 'run' | 'pause' | 'step' | 'reset';

export interface RunButtons {
  el: HTMLElement;
  sync(state: ControllerState): void;
}

/** Run / Pause / Step / Reset, the step counter and the status, enabled by the run's state alone. */
export function runButtons(onAction: (a: Action) => void): RunButtons {
  const button = (action: Action, label: string, title: string): HTMLButtonElement => {
    const b = h('button', { type: 'button', class: `btn btn-${action}`, 'data-action': action, title }, label);
    b.addEventListener('click', () => onAction(action));
    return b;
  };
  const run = button('run', 'Run all \u25B6', 'Train all the steps');
  const pause = button('pause', 'Pause', 'Pause training');
  const step = button('step', 'Step', 'Take exactly one gradient step');
  const reset = button('reset', 'Reset', 'Back to step 0');
  const counter = h('span', { class: 'step-counter' });
  const status = h('span', { class: 'run-status', role: 'status' });
  const el = h('div', { class: 'buttons' }, run, pause, step, reset, h('div', { class: 'progress' }, counter, status));
  return {
    el,
    sync({ snapshot: snap, status: st, busy, params }) {
      const ready = st !== 'loading' && !busy;
      const done = st === 'done' || st === 'diverged';
      run.disabled = !ready || st === 'running' || done;
      pause.disabled = !ready || st !== 'running';
      step.disabled = !ready || done;
      reset.disabled = !ready || (snap?.step ?? 0) === 0;
      setText(counter, `step ${snap?.step ?? 0} / ${snap?.history.steps ?? params.steps}`);
      counter.dataset.run = String(snap?.run ?? 0);
      setText(status, st === 'loading' ? 'loading TensorFlow.js\u2026' : st === 'ready' ? '' : st);
      status.dataset.status = st;
    },
  };
}
