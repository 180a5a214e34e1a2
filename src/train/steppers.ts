import type { Dataset } from '../core/dataset';
import type { Gradient } from '../params';
import { fusedStep, packedPoints } from './fused-kernel';
import { tf, type Scalar, type Tensor, type Tensor1D, type Tensor2D, type Variable } from './tf';

/** One GD step at a time, on the active backend. */
export interface Stepper {
  /** Take one step and return [a₁, a₂ after it, loss before it]; the caller owns the tensor. */
  step(): Tensor;
  dispose(): void;
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

  private mse(): Scalar {
    const yHat = tf.sum(tf.mul(this.x, this.a), 1);
    return tf.mean(tf.square(tf.sub(yHat, this.y)));
  }

  step(): Tensor {
    const { value, grads } = tf.variableGrads(() => this.mse(), [this.a]);
    const grad = grads[this.a.name]!;
    const next = tf.tidy(() => {
      this.a.assign(tf.sub(this.a, tf.mul(this.lr, grad)));
      return tf.concat([this.a, tf.reshape(value, [1])]);
    });
    tf.dispose([value, grad]);
    return next;
  }

  dispose(): void {
    tf.dispose([this.x, this.y, this.lr, this.a]);
  }
}

/** Closed-form steppers keep [a₁, a₂, loss] in one tensor and hand out a copy after each step. */
abstract class StateStepper implements Stepper {
  private state: Tensor;

  constructor(aStart: readonly [number, number]) {
    this.state = tf.tensor1d([aStart[0], aStart[1], 0]);
  }

  protected abstract next(state: Tensor): Tensor;

  step(): Tensor {
    const next = this.next(this.state);
    this.state.dispose();
    this.state = next;
    // A clone shares the data (no copy): the caller owns it, the stepper keeps its own.
    return tf.clone(next);
  }

  dispose(): void {
    this.state.dispose();
  }
}

/** The gradient written out, (2/n)·Xᵀ(Xa − y), in plain tfjs ops: on cpu and wasm nothing compiles. */
class ClosedFormStepper extends StateStepper {
  private readonly x: Tensor2D;
  private readonly y: Tensor2D;

  constructor(
    data: Dataset,
    private readonly lr: number,
    aStart: readonly [number, number],
  ) {
    super(aStart);
    this.x = designMatrix(data);
    this.y = tf.tensor2d(data.y, [data.y.length, 1]);
  }

  protected next(state: Tensor): Tensor {
    return tf.tidy(() => {
      const n = this.y.shape[0];
      const a = tf.reshape(tf.slice(state, 0, 2), [2, 1]);
      const r = tf.sub(tf.matMul(this.x, a), this.y);
      const grad = tf.mul(2 / n, tf.matMul(this.x, r, true, false));
      const next = tf.sub(a, tf.mul(this.lr, grad));
      return tf.concat([tf.reshape(next, [2]), tf.reshape(tf.mean(tf.square(r)), [1])]);
    });
  }

  override dispose(): void {
    super.dispose();
    tf.dispose([this.x, this.y]);
  }
}

/** The same closed form on WebGL as one fused pass over the data (fused-kernel.ts). */
class FusedStepper extends StateStepper {
  private readonly points: Tensor;

  constructor(
    data: Dataset,
    private readonly lr: number,
    aStart: readonly [number, number],
  ) {
    super(aStart);
    this.points = packedPoints(data.x0, data.y);
  }

  protected next(state: Tensor): Tensor {
    return fusedStep(this.points, state, this.lr);
  }

  override dispose(): void {
    super.dispose();
    this.points.dispose();
  }
}

export function makeStepper(gradient: Gradient, data: Dataset, lr: number, aStart: readonly [number, number]): Stepper {
  if (gradient === 'autodiff') return new AutodiffStepper(data, lr, aStart);
  return tf.getBackend() === 'webgl' ? new FusedStepper(data, lr, aStart) : new ClosedFormStepper(data, lr, aStart);
}
