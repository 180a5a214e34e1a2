import type { Dataset } from '../core/dataset';
import { STATE_COLS } from '../core/history';
import type { OptConfig, OptState } from '../core/optim';
import type { Gradient } from '../params/table';
import { tf, type Tensor, type Tensor2D } from './tf';

/** Columns of a packed row: a₁, a₂ after the step; the loss before it; a.grad; the optimizer's state. */
export const COLS = 5 + STATE_COLS;

/** A batch as queued: `packed` is [slots, COLS], a row per step. */
export interface Queued {
  packed: Tensor;
  /** Steps queued: k, or fewer if the deadline passed first. Rows past it repeat its row. */
  count: number;
}

/** Steps on the active backend, queued a batch at a time. */
export interface Stepper {
  /**
   * Queue up to k steps, stopping early once performance.now() passes `deadline` (never before the
   * first step). The caller owns the packed tensor.
   */
  queue(k: number, slots: number, deadline: number): Queued;
  dispose(): void;
}

/** How a run trains: its gradient, torch.optim's update, and the batch size. */
export interface TrainSpec {
  gradient: Gradient;
  opt: OptConfig;
  /** n or more: the full batch. */
  batch: number;
}

/** Where a trainer starts: step 0 at a_init, or a step of a run that moves to another backend. */
export interface StartState {
  step: number;
  a: readonly [number, number];
  opt: OptState;
}

interface InputScheduling {
  isInputPending?(options?: { includeContinuous?: boolean }): boolean;
}

/**
 * The reader has pressed, typed or dragged and the event waits behind this batch (Chromium's
 * navigator.scheduling; elsewhere, and in Node, never). A slider's new run then starts sooner.
 */
function inputPending(): boolean {
  if (typeof navigator === 'undefined') return false;
  const scheduling = (navigator as { scheduling?: InputScheduling }).scheduling;
  return scheduling?.isInputPending?.({ includeContinuous: true }) ?? false;
}

/** Another step fits: none taken yet, or fewer than k, the deadline not passed and no input waiting. */
export function another(taken: number, k: number, deadline: number): boolean {
  return taken === 0 || (taken < k && performance.now() < deadline && !inputPending());
}

/** xs, then its last item again up to `slots` items. */
export function padTo<T>(xs: T[], slots: number): T[] {
  return [...xs, ...Array<T>(slots - xs.length).fill(xs[xs.length - 1]!)];
}

/** The post's x: column x₁ uniform in [−1, 1], column x₂ all ones. */
export function designMatrix(data: Dataset): Tensor2D {
  const n = data.x0.length;
  const xy = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = data.x0[i]!;
    xy[2 * i + 1] = 1;
  }
  return tf.tensor2d(xy, [n, 2]);
}

/** The post's own run: plain gradient descent with learning rate `lr` on every point. */
export function plainSpec(lr: number, gradient: Gradient = 'autodiff'): TrainSpec {
  return { gradient, opt: { opt: 'sgd', lr, momentum: 0, nesterov: false, beta1: 0.9, beta2: 0.999 }, batch: Infinity };
}
