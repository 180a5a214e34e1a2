/**
 * The whole run, kept in JS so that every view (and replay) reads it without another readback.
 * Step k's loss is measured at a_k, before the k-th update, as the post prints it; so are its
 * gradient (a.grad at step k) and, after the update, the optimizer's state.
 */
import type { OptState } from './optim';

export type RunStatus = 'ready' | 'running' | 'paused' | 'done' | 'diverged';

/** A loss more than this many times the first one counts as divergence, even if still finite. */
export const DIVERGENCE_FACTOR = 1e6;

/** The optimizer state a step leaves, as the trainers pack it: SGD's buffer, or Adam's m then v. */
export const STATE_COLS = 4;

/** What one batch of steps returns after its single readback. */
export interface StepBatch {
  /** loss at a_k before each update: the number the post prints (the batch's loss with mini-batches). */
  losses: Float32Array;
  /** a after each update, interleaved [a1, a2, a1, a2, ...]. */
  aAfter: Float32Array;
  /** a.grad at each step, interleaved like aAfter. */
  grads: Float32Array;
  /** The optimizer's state after each step, STATE_COLS a step (zeros for plain gradient descent). */
  states: Float32Array;
}

export class RunHistory {
  readonly losses: Float32Array;
  /** a_k for k = 0..steps, interleaved [a1, a2, ...]; a_0 is the initial parameter. */
  readonly a: Float32Array;
  /** a.grad of step k, interleaved. */
  readonly grads: Float32Array;
  /** The optimizer's state after step k, STATE_COLS each. */
  readonly states: Float32Array;
  private count = 0;
  private divergedAt = -1;

  constructor(
    readonly steps: number,
    aInit: readonly [number, number],
  ) {
    this.losses = new Float32Array(steps);
    this.a = new Float32Array(2 * (steps + 1));
    this.grads = new Float32Array(2 * steps);
    this.states = new Float32Array(STATE_COLS * steps);
    this.a[0] = aInit[0];
    this.a[1] = aInit[1];
  }

  /** Steps taken so far. */
  get length(): number {
    return this.count;
  }

  isDone(): boolean {
    return this.count >= this.steps || this.divergedAt >= 0;
  }

  /** The step whose loss showed divergence, or -1. */
  get divergedStep(): number {
    return this.divergedAt;
  }

  /** The largest batch the run still needs. */
  remaining(): number {
    return this.isDone() ? 0 : this.steps - this.count;
  }

  /**
   * Append a batch. Stops at the first diverged loss, so the record never holds a step after it:
   * the views then show the last finite state and never a NaN.
   */
  append(b: StepBatch): void {
    for (let i = 0; i < b.losses.length && !this.isDone(); i++) {
      const loss = b.losses[i]!;
      const k = this.count;
      this.losses[k] = loss;
      this.grads[2 * k] = b.grads[2 * i]!;
      this.grads[2 * k + 1] = b.grads[2 * i + 1]!;
      if (!Number.isFinite(loss) || (k > 0 && loss > DIVERGENCE_FACTOR * this.losses[0]!)) {
        this.divergedAt = k;
        this.count = k + 1;
        return;
      }
      this.a[2 * k + 2] = b.aAfter[2 * i]!;
      this.a[2 * k + 3] = b.aAfter[2 * i + 1]!;
      this.states.set(b.states.subarray(STATE_COLS * i, STATE_COLS * (i + 1)), STATE_COLS * k);
      this.count = k + 1;
    }
  }

  /** a after `step` steps (a_0 = a_init). After divergence, the a at which it was detected. */
  aAt(step: number): [number, number] {
    let k = Math.max(0, Math.min(step, this.count));
    if (this.divergedAt >= 0) k = Math.min(k, this.divergedAt);
    return [this.a[2 * k]!, this.a[2 * k + 1]!];
  }

  /** a.grad of step k (taken at a_k), for k below length. */
  gradAt(k: number): [number, number] {
    return [this.grads[2 * k]!, this.grads[2 * k + 1]!];
  }

  /**
   * torch.optim's state after `step` steps, to go on from there (a move to another backend): the
   * packed columns read as SGD's buffer (null before the first step or without momentum) or Adam's.
   */
  optStateAt(step: number, momentum: boolean): OptState {
    if (step === 0) return { buf: null, m: [0, 0], v: [0, 0], t: 0 };
    const s = this.states.subarray(STATE_COLS * (step - 1), STATE_COLS * step);
    return { buf: momentum ? [s[0]!, s[1]!] : null, m: [s[0]!, s[1]!], v: [s[2]!, s[3]!], t: step };
  }
}
