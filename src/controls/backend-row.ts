import type { ControllerState, TrainDiagnostics } from '../controller/controller';
import { LARGE_N } from '../core/limits';
import { h, setText } from '../notebook/dom';
import type { Params } from '../params/table';
import type { ParamControl } from './param-control';

/**
 * What the diagnostics beside the backend select show: tfjs's state, and how often the two fast
 * paths that read library internals ran and fell back (as data attributes, for tools and tests).
 */
export interface Diagnostics extends TrainDiagnostics {
  svgMoved: number;
  svgFallbacks: number;
}

/** What the chosen gradient does here, and when the other one is worth a try. */
export function gradientNote(params: Params, fused: boolean): string {
  const n = params.n.toLocaleString('en-US');
  if (params.grad === 'closed') {
    const how = fused
      ? 'computed in one fused WebGL pass over all the points'
      : 'computed with plain TensorFlow.js ops';
    return `The gradient written out by hand, ${how}. It gives the same numbers as autodiff (the tests check).`;
  }
  if (fused && params.n >= LARGE_N)
    return `At n = ${n}, autodiff runs over a dozen WebGL kernels across all the points each step; the closed form makes one fused pass. Try it: the numbers agree.`;
  return 'TensorFlow.js differentiates the loss, as PyTorch\u2019s loss.backward() does: the lesson of the post.';
}

/**
 * What the advice line says until a comparison has spoken. The line is never empty: its box keeps
 * the height of the longest advice, so the advice arriving while a run plays moves nothing below it.
 */
export const ADVICE_BEFORE = 'Which backend is fastest at this n? Compare backends times them here.';

export interface BackendExtras {
  sync(state: ControllerState, diagnostics: Diagnostics): void;
}

/**
 * Beside the backend select: the backend this run's steps run on and their pace, tensors and
 * programs (flat while training, or something leaks or recompiles), and the comparison. Beside
 * the gradient select: what that gradient does here.
 */
export function addBackendExtras(backend: ParamControl, grad: ParamControl, onCompare: () => void): BackendExtras {
  const speedOut = h('output', { id: 'ctl-ms-per-step', for: 'ctl-backend' });
  const tensorsOut = h('output', {
    id: 'ctl-tensors',
    class: 'tensor-count',
    title: 'tensors alive in TensorFlow.js, and WebGL programs compiled',
  });
  const compare = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'compare' }, 'Compare backends');
  compare.addEventListener('click', onCompare);
  const advice = h('p', { class: 'backend-advice', 'aria-live': 'polite' });
  backend.input.before(speedOut, tensorsOut);
  backend.row.append(compare, advice);
  const note = h('p', { class: 'gradient-note', id: 'ctl-grad-note' });
  grad.input.setAttribute('aria-describedby', note.id);
  grad.row.append(note);
  return {
    sync(state, d) {
      const ms = state.snapshot?.msPerStep ?? 0;
      const pace = ms > 0 ? `, ${ms < 1 ? ms.toPrecision(2) : ms.toFixed(1)} ms/step` : '';
      setText(speedOut, `${state.backend ?? '\u2026'}${pace}`);
      setText(advice, state.advice || ADVICE_BEFORE);
      const programs = d.programs === null ? '' : `, ${String(d.programs)} WebGL programs`;
      setText(tensorsOut, d.tensors === null ? '' : `${String(d.tensors)} tensors${programs}`);
      tensorsOut.dataset.kernelSteps = String(d.kernelSteps);
      tensorsOut.dataset.kernelFallbacks = String(d.kernelFallbacks);
      tensorsOut.dataset.adamSteps = String(d.adamSteps);
      tensorsOut.dataset.svgMoved = String(d.svgMoved);
      tensorsOut.dataset.svgFallbacks = String(d.svgFallbacks);
      tensorsOut.dataset.readbacks = String(d.readbacks);
      compare.disabled = state.status === 'loading' || state.busy || state.status === 'running';
      setText(note, gradientNote(state.run.params, d.fused));
    },
  };
}
