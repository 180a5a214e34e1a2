import type { Dataset } from '../core/dataset';
import { STATE_COLS, type StepBatch } from '../core/history';
import { initialState, type OptConfig } from '../core/optim';
import { ContextLostError, watchContext } from './backend';
import { fusedRaceOrNull, type FusedRace } from './fused-race';
import { makeOptimizer, type TfOptimizer } from './optimizers';
import { another, designMatrix, padTo } from './stepper';
import { PACK_SLOTS, countReadback } from './trainer';
import { tf, type Tensor, type Tensor1D, type Tensor2D, type Variable } from './tf';

/** Floats a step packs for one racer: a after it (2) and the loss before it (1). */
const PER = 3;

/**
 * Several optimizers racing from the same a_init on all the points, in one computation: their a's
 * are the rows of one [k, 2] variable, one forward and backward pass gives every row's loss and
 * gradient (the rows do not interact), each row gets its own torch.optim update, and a batch of
 * steps of all of them comes back in one readback.
 */
export class RaceTrainer {
  private readonly x: Tensor2D;
  private readonly y: Tensor1D;
  private readonly a: Variable;
  private readonly opts: TfOptimizer[];
  /** On WebGL, the three updates as two programs of ours; elsewhere each racer's tfjs ops. */
  private readonly fused: FusedRace | null;
  private disposed = false;
  readonly backend = tf.getBackend();
  readonly maxBatch = this.backend === 'webgl' ? PACK_SLOTS : Infinity;
  private readonly context = watchContext();

  constructor(
    data: Dataset,
    private readonly configs: readonly OptConfig[],
  ) {
    this.x = designMatrix(data);
    this.y = tf.tensor1d(data.y);
    const init = tf.tensor2d(
      configs.flatMap(() => [data.aInit[0], data.aInit[1]]),
      [configs.length, 2],
    );
    this.a = tf.variable(init, true);
    init.dispose();
    this.fused = fusedRaceOrNull(configs);
    this.opts = this.fused ? [] : configs.map((c) => makeOptimizer(c, initialState()));
  }

  /** Every racer's mean squared error on all points: [k]. Row by row, as the Trainer (no matMul). */
  private losses(): Tensor {
    const k = this.configs.length;
    const yHat = tf.sum(tf.mul(tf.expandDims(this.x, 1), tf.expandDims(this.a, 0)), 2); // [n, k]
    return tf.reshape(tf.mean(tf.square(tf.sub(yHat, tf.reshape(this.y, [-1, 1]))), 0), [k]);
  }

  private one(): Tensor {
    let losses: Tensor | null = null;
    const { value, grads } = tf.variableGrads(() => {
      // Kept past the gradient's tidy: every racer's loss before the step, for the record.
      losses = tf.keep(this.losses());
      // The rows' losses are independent: the gradient of their sum is each row's own gradient.
      return tf.sum(losses);
    }, [this.a]);
    value.dispose();
    const grad = grads[this.a.name]!;
    this.update(grad);
    grad.dispose();
    // A step's row: every racer's a after it, then every racer's loss before it.
    const kept = losses!;
    const row = tf.tidy(() => tf.concat([tf.reshape(this.a, [-1]), kept]));
    kept.dispose();
    return row;
  }

  private update(grad: Tensor): void {
    if (this.fused) {
      const next = this.fused.step(this.a, grad);
      this.a.assign(next);
      next.dispose();
      return;
    }
    const gs = tf.unstack(grad);
    const rows = tf.unstack(this.a);
    const next = this.opts.map((o, i) => o.step(rows[i]!, gs[i]!));
    const stacked = tf.stack(next);
    this.a.assign(stacked);
    tf.dispose([...gs, ...rows, ...next, stacked]);
  }

  /** Up to k steps of every racer with one readback: a StepBatch per racer. */
  async run(k: number, deadline = Infinity): Promise<StepBatch[]> {
    if (this.disposed) throw new Error('RaceTrainer used after dispose');
    if (this.context?.isLost()) throw new ContextLostError();
    const rows: Tensor[] = [];
    while (another(rows.length, k, deadline)) rows.push(this.one());
    const slots = this.maxBatch === Infinity ? rows.length : this.maxBatch;
    const packed = tf.stack(padTo(rows, slots));
    tf.dispose(rows);
    try {
      countReadback();
      const read = packed.data() as Promise<Float32Array>;
      const data = await (this.context ? Promise.race([read, this.context.lost]) : read);
      if (this.context?.isLost()) throw new ContextLostError();
      return this.split(data, rows.length);
    } finally {
      packed.dispose();
    }
  }

  private split(data: Float32Array, count: number): StepBatch[] {
    const r = this.configs.length;
    const width = PER * r;
    return this.configs.map((_, i) => {
      const losses = new Float32Array(count);
      const aAfter = new Float32Array(2 * count);
      for (let t = 0; t < count; t++) {
        aAfter[2 * t] = data[width * t + 2 * i]!;
        aAfter[2 * t + 1] = data[width * t + 2 * i + 1]!;
        losses[t] = data[width * t + 2 * r + i]!;
      }
      return { losses, aAfter, grads: new Float32Array(2 * count), states: new Float32Array(STATE_COLS * count) };
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([this.x, this.y, this.a]);
    for (const o of this.opts) o.dispose();
    this.fused?.dispose();
  }
}
