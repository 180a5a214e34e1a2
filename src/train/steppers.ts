import type { Dataset } from '../core/dataset';
import type { Gradient } from '../params/table';
import { fusedPointsOrNull, fusedStep, stackPackedRows } from './fused-kernel';
import { tf, type Scalar, type Tensor, type Tensor1D, type Tensor2D, type Variable } from './tf';

/** A batch as queued: `packed` is [slots, 3], a row per step (a₁ and a₂ after it, the loss before it). */
export interface Queued {
  packed: Tensor;
  /** Steps queued: k, or fewer if the deadline passed first. Rows past it repeat its row. */
  count: number;
}

/** GD steps on the active backend, queued a batch at a time. */
export interface Stepper {
  /**
   * Queue up to k steps, stopping early once performance.now() passes `deadline` (never before the
   * first step). The caller owns the packed tensor.
   */
  queue(k: number, slots: number, deadline: number): Queued;
  dispose(): void;
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
function another(taken: number, k: number, deadline: number): boolean {
  return taken === 0 || (taken < k && performance.now() < deadline && !inputPending());
}

/** xs, then its last item again up to `slots` items. */
function padTo<T>(xs: T[], slots: number): T[] {
  return [...xs, ...Array<T>(slots - xs.length).fill(xs[xs.length - 1]!)];
}

/** The post's x: column x₁ uniform in [−1, 1], column x₂ all ones. */
function designMatrix(data: Dataset): Tensor2D {
  const n = data.x0.length;
  const xy = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = data.x0[i]!;
    xy[2 * i + 1] = 1;
  }
  return tf.tensor2d(xy, [n, 2]);
}

/** The lesson: y_hat = x @ a, loss = MSE, gradient by tfjs autodiff (PyTorch's loss.backward()). */
class AutodiffStepper implements Stepper {
  private readonly x: Tensor2D;
  private readonly y: Tensor1D;
  private readonly lr: Scalar;
  private readonly a: Variable;

  constructor(data: Dataset, lr: number, aStart: readonly [number, number]) {
    this.x = designMatrix(data);
    this.y = tf.tensor1d(data.y);
    this.lr = tf.scalar(lr);
    const init = tf.tensor1d(Float32Array.from(aStart));
    this.a = tf.variable(init, true);
    init.dispose();
  }

  /**
   * ŷ = x @ a, written row by row: tfjs's WebGL matMul (with shape uniforms on) reuses a program
   * compiled at one n for an n whose texture is laid out differently, and returns wrong numbers
   * (tensorflow/tfjs#6478; gradient.spec pins it).
   */
  private mse(): Scalar {
    const yHat = tf.sum(tf.mul(this.x, this.a), 1);
    return tf.mean(tf.square(tf.sub(yHat, this.y)));
  }

  queue(k: number, slots: number, deadline: number): Queued {
    const losses: Tensor[] = [];
    const as: Tensor[] = [];
    while (another(as.length, k, deadline)) {
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
    // Packed once per batch, not per step: each step's own ops are all it pays for.
    const packed = tf.tidy(() =>
      tf.concat([tf.stack(padTo(as, slots)), tf.reshape(tf.stack(padTo(losses, slots)), [slots, 1])], 1),
    );
    tf.dispose([...losses, ...as]);
    return { packed, count: as.length };
  }

  dispose(): void {
    tf.dispose([this.x, this.y, this.lr, this.a]);
  }
}

/** Closed-form steppers keep [a₁, a₂, loss] in one tensor, which is also the step's row. */
abstract class StateStepper implements Stepper {
  private state: Tensor;

  constructor(aStart: readonly [number, number]) {
    this.state = tf.tensor1d([aStart[0], aStart[1], 0]);
  }

  protected abstract next(state: Tensor): Tensor;

  /** The batch's rows as one [slots, 3] tensor. */
  protected stack(rows: Tensor[]): Tensor {
    return tf.stack(rows);
  }

  queue(k: number, slots: number, deadline: number): Queued {
    const rows: Tensor[] = [];
    while (another(rows.length, k, deadline)) {
      const next = this.next(this.state);
      this.state.dispose();
      this.state = next;
      // A clone shares the data (no copy): the row outlives the next step's dispose of its state.
      rows.push(tf.clone(next));
    }
    const packed = this.stack(padTo(rows, slots));
    tf.dispose(rows);
    return { packed, count: rows.length };
  }

  dispose(): void {
    this.state.dispose();
  }
}

/**
 * The gradient written out, (2/n)·Xᵀ(Xa − y), in plain tfjs ops: cpu, wasm, and WebGL where the
 * fused kernel cannot run. Row by row, not matMul, for the reason AutodiffStepper.mse gives.
 */
class ClosedFormStepper extends StateStepper {
  private readonly x: Tensor2D;
  private readonly y: Tensor1D;

  constructor(
    data: Dataset,
    private readonly lr: number,
    aStart: readonly [number, number],
  ) {
    super(aStart);
    this.x = designMatrix(data);
    this.y = tf.tensor1d(data.y);
  }

  protected next(state: Tensor): Tensor {
    return tf.tidy(() => {
      const n = this.y.shape[0];
      const a = tf.slice(state, 0, 2);
      const r = tf.sub(tf.sum(tf.mul(this.x, a), 1), this.y);
      const grad = tf.mul(2 / n, tf.sum(tf.mul(this.x, tf.reshape(r, [n, 1])), 0));
      const next = tf.sub(a, tf.mul(this.lr, grad));
      return tf.concat([next, tf.reshape(tf.mean(tf.square(r)), [1])]);
    });
  }

  override dispose(): void {
    super.dispose();
    tf.dispose([this.x, this.y]);
  }
}

/** The same closed form on WebGL as one fused pass over the data (fused-kernel.ts). */
class FusedStepper extends StateStepper {
  constructor(
    private readonly points: Tensor,
    private readonly lr: number,
    aStart: readonly [number, number],
  ) {
    super(aStart);
  }

  protected next(state: Tensor): Tensor {
    return fusedStep(this.points, state, this.lr);
  }

  protected override stack(rows: Tensor[]): Tensor {
    return stackPackedRows(rows);
  }

  override dispose(): void {
    super.dispose();
    this.points.dispose();
  }
}

/** The closed form runs as the fused kernel on WebGL where it can, and as plain tfjs ops elsewhere. */
export function makeStepper(gradient: Gradient, data: Dataset, lr: number, aStart: readonly [number, number]): Stepper {
  if (gradient === 'autodiff') return new AutodiffStepper(data, lr, aStart);
  const points = fusedPointsOrNull(data.x0, data.y);
  return points ? new FusedStepper(points, lr, aStart) : new ClosedFormStepper(data, lr, aStart);
}
