/**
 * The whole run, kept in JS so that every view (and replay) reads it without another readback.
 * Step k's loss is measured at a_k, before the k-th update, as the post prints it.
 */
export type RunStatus = 'ready' | 'running' | 'paused' | 'done' | 'diverged';

/** A loss more than this many times the first one counts as divergence, even if still finite. */
export const DIVERGENCE_FACTOR = 1e6;

export class RunHistory {
  readonly losses: Float32Array;
  /** a_k for k = 0..steps, interleaved [a1, a2, ...]; a_0 is the initial parameter. */
  readonly a: Float32Array;
  private count = 0;
  private divergedAt = -1;

  constructor(
    readonly steps: number,
    aInit: readonly [number, number],
  ) {
    this.losses = new Float32Array(steps);
    this.a = new Float32Array(2 * (steps + 1));
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
  append(losses: Float32Array, aAfter: Float32Array): void {
    for (let i = 0; i < losses.length && !this.isDone(); i++) {
      const loss = losses[i]!;
      const k = this.count;
      this.losses[k] = loss;
      if (!Number.isFinite(loss) || (k > 0 && loss > DIVERGENCE_FACTOR * this.losses[0]!)) {
        this.divergedAt = k;
        this.count = k + 1;
        return;
      }
      this.a[2 * k + 2] = aAfter[2 * i]!;
      this.a[2 * k + 3] = aAfter[2 * i + 1]!;
      this.count = k + 1;
    }
  }

  /** a after `step` steps (a_0 = a_init). After divergence, the a at which it was detected. */
  aAt(step: number): [number, number] {
    let k = Math.max(0, Math.min(step, this.count));
    if (this.divergedAt >= 0) k = Math.min(k, this.divergedAt);
    return [this.a[2 * k]!, this.a[2 * k + 1]!];
  }
}
