import type { TorchGenerator } from './torch-rng';

/**
 * Which points each step trains on, as the page's program chooses them:
 *   per_epoch = ceil(n / batch)
 *   if t % per_epoch == 0: perm = torch.randperm(n)
 *   idx = perm[(t % per_epoch) * batch : (t % per_epoch + 1) * batch]
 * A batch of n or more is the full batch: every step sees all points, and nothing is drawn.
 */
export class BatchPlan {
  readonly perEpoch: number;
  readonly full: boolean;
  private perm: Int32Array | null = null;
  private epoch = -1;

  /** `rng` is the generator right after a_init's draws; the plan draws from its own copy. */
  constructor(
    readonly n: number,
    readonly batch: number,
    rng: TorchGenerator,
  ) {
    this.full = batch >= n;
    this.perEpoch = this.full ? 1 : Math.ceil(n / batch);
    this.rng = rng.clone();
  }

  private readonly rng: TorchGenerator;

  /** The indices step t trains on (steps are asked for in order, from 0; an epoch is never redrawn). */
  indices(t: number): Int32Array | null {
    if (this.full) return null;
    const epoch = Math.floor(t / this.perEpoch);
    while (this.epoch < epoch) {
      this.perm = this.rng.randperm(this.n);
      this.epoch++;
    }
    const k = t % this.perEpoch;
    return this.perm!.subarray(k * this.batch, Math.min(this.n, (k + 1) * this.batch));
  }
}
