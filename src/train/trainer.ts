import type { Dataset } from '../core/dataset';
import { ContextLostError, watchContext } from './backend';
import { tf, type Scalar, type Tensor, type Tensor1D, type Tensor2D, type Variable } from './tf';

/** What one batch of steps returns after its single readback. */
export interface StepBatch {
  /** loss at a_k before each update: the number the post prints. */
  losses: Float32Array;
  /** a after each update, interleaved [a1, a2, a1, a2, ...]. */
  aAfter: Float32Array;
}

/**
 * Steps per WebGL batch. The Loop's main-thread budget (30 ms) already stops a batch at ~16–20 steps
 * at n = 100 on SwiftShader (~1.5–1.9 ms a step to queue); 32 leaves room on a faster machine.
 */
export const PACK_SLOTS = 32;

let readbacks = 0;
/** Total GPU→JS readbacks so far; tests use it to pin "one readback per frame". */
export function readbackCount(): number {
  return readbacks;
}

/**
 * Owns every tensor of one run: x, y, lr and the variable a. The model is the post's y_hat = x @ a,
 * the loss its MSE, the gradient tfjs autodiff (PyTorch's loss.backward()).
 */
export class Trainer {
  private readonly x: Tensor2D;
  private readonly y: Tensor1D;
  private readonly lr: Scalar;
  private readonly a: Variable;
  private disposed = false;
  /** Tensors live on the backend that was active when they were made. */
  readonly backend = tf.getBackend();

  /**
   * The most steps one batch may take. WebGL packs a fixed PACK_SLOTS (see queue); the other
   * backends compile nothing, so they pack exactly k.
   */
  readonly maxBatch = this.backend === 'webgl' ? PACK_SLOTS : Infinity;

  /** Null off WebGL. */
  private readonly context = watchContext();

  /** `aStart`: where the run is now; a_init for a new run, the last a when a run moves backend. */
  constructor(data: Dataset, lr: number, aStart: readonly [number, number] = data.aInit) {
    const n = data.x0.length;
    const xy = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      xy[2 * i] = data.x0[i]!;
      xy[2 * i + 1] = 1;
    }
    this.x = tf.tensor2d(xy, [n, 2]);
    this.y = tf.tensor1d(data.y);
    this.lr = tf.scalar(lr);
    const init = tf.tensor1d(Float32Array.from(aStart));
    this.a = tf.variable(init, true);
    init.dispose();
  }

  private mse(): Scalar {
    const yHat = tf.reshape(tf.matMul(this.x, tf.reshape(this.a, [2, 1])), [-1]);
    return tf.mean(tf.square(tf.sub(yHat, this.y)));
  }

  /**
   * Queue k steps on the backend and return one packed tensor [losses, a after each step], each
   * part `slots` long. Slots past k repeat step k, so the packing ops see the same inputs whatever k
   * is: WebGL then compiles them once (in the warm-up) instead of once per new k, each compile a
   * 50–150 ms long task on SwiftShader.
   */
  private queue(k: number): Tensor {
    const losses: Tensor[] = [];
    const as: Tensor[] = [];
    for (let i = 0; i < k; i++) {
      const { value, grads } = tf.variableGrads(() => this.mse(), [this.a]);
      const grad = grads[this.a.name]!;
      tf.tidy(() => {
        this.a.assign(tf.sub(this.a, tf.mul(this.lr, grad)));
      });
      grad.dispose();
      losses.push(value);
      // A clone keeps this step's a alive after the next assign replaces the variable's data.
      as.push(tf.clone(this.a));
    }
    const pad = <T>(xs: T[]): T[] => [...xs, ...Array<T>(this.slots(k) - k).fill(xs[k - 1]!)];
    const packed = tf.tidy(() => tf.concat([tf.stack(pad(losses)), tf.reshape(tf.stack(pad(as)), [-1])]));
    tf.dispose([...losses, ...as]);
    return packed;
  }

  /** Slots of the packed result: fixed on WebGL, where each new packing shape compiles. */
  private slots(k: number): number {
    return this.maxBatch === Infinity ? k : this.maxBatch;
  }

  /** Run k steps with exactly one asynchronous readback. */
  async run(k: number): Promise<StepBatch> {
    if (this.disposed) throw new Error('Trainer used after dispose');
    if (k < 1 || k > this.maxBatch)
      throw new Error(`batch of ${String(k)} steps; this trainer takes 1 to ${String(this.maxBatch)}`);
    if (this.context?.isLost()) throw new ContextLostError();
    const packed = this.queue(k);
    try {
      readbacks++;
      const read = packed.data() as Promise<Float32Array>;
      const data = await (this.context ? Promise.race([read, this.context.lost]) : read);
      // Numbers read back around a loss may be garbage: never hand them on.
      if (this.context?.isLost()) throw new ContextLostError();
      const slots = this.slots(k);
      return { losses: data.slice(0, k), aAfter: data.slice(slots, slots + 2 * k) };
    } finally {
      packed.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([this.x, this.y, this.lr, this.a]);
  }
}
