import type { BatchPlan } from '../core/batches';
import type { Dataset } from '../core/dataset';
import { STATE_COLS } from '../core/history';
import { makeOptimizer, type TfOptimizer } from './optimizers';
import { another, designMatrix, padTo, type Queued, type StartState, type Stepper, type TrainSpec } from './stepper';
import { tf, type Scalar, type Tensor, type Tensor1D, type Tensor2D, type Variable } from './tf';

/**
 * The program the page shows, step by step: the step's batch (every point, or the next slice of
 * this epoch's torch.randperm), the loss on it and its gradient (tfjs autodiff, as loss.backward(),
 * or the closed form written out), then torch.optim's update (optimizers.ts).
 */
export class OptStepper implements Stepper {
  private readonly x: Tensor2D;
  private readonly y: Tensor1D;
  private readonly a: Variable;
  private readonly opt: TfOptimizer;
  private step: number;

  constructor(
    data: Dataset,
    private readonly spec: TrainSpec,
    private readonly plan: BatchPlan,
    start: StartState,
  ) {
    this.x = designMatrix(data);
    this.y = tf.tensor1d(data.y);
    const init = tf.tensor1d(Float32Array.from(start.a));
    this.a = tf.variable(init, true);
    init.dispose();
    this.opt = makeOptimizer(spec.opt, start.opt);
    this.step = start.step;
  }

  /**
   * ŷ = x @ a, written row by row: tfjs's WebGL matMul (with shape uniforms on) reuses a program
   * compiled at one n for an n whose texture is laid out differently, and returns wrong numbers
   * (tensorflow/tfjs#6478; gradient.spec pins it).
   */
  private residual(x: Tensor2D, y: Tensor1D, a: Tensor): Tensor {
    return tf.sub(tf.sum(tf.mul(x, a), 1), y);
  }

  /** The loss on the batch and its gradient: by autodiff, or (2/b)·Xᵀ(Xa − y) written out. */
  private lossAndGrad(x: Tensor2D, y: Tensor1D): { loss: Scalar; grad: Tensor } {
    if (this.spec.gradient === 'autodiff') {
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(this.residual(x, y, this.a))), [this.a]);
      return { loss: value, grad: grads[this.a.name]! };
    }
    return tf.tidy(() => {
      const b = y.shape[0];
      const r = this.residual(x, y, this.a);
      const grad = tf.mul(2 / b, tf.sum(tf.mul(x, tf.reshape(r, [b, 1])), 0));
      return { loss: tf.mean(tf.square(r)), grad };
    });
  }

  /** One step: its row's parts (a after it, the loss, a.grad, the optimizer's state), each owned here. */
  private one(): Tensor[] {
    const idx = this.plan.indices(this.step++);
    const picked = idx ? tf.tensor1d(idx, 'int32') : null;
    const x = picked ? tf.gather(this.x, picked) : this.x;
    const y = picked ? tf.gather(this.y, picked) : this.y;
    const { loss, grad } = this.lossAndGrad(x, y);
    if (picked) tf.dispose([picked, x, y]);
    const next = this.opt.step(this.a, grad);
    this.a.assign(next);
    next.dispose();
    // A clone keeps this step's a alive after the next assign replaces the variable's data.
    return [tf.clone(this.a), loss, grad, ...this.opt.stateParts()];
  }

  queue(k: number, slots: number, deadline: number): Queued {
    const rows: Tensor[][] = [];
    while (another(rows.length, k, deadline)) rows.push(this.one());
    const column = (i: number): Tensor =>
      tf.stack(
        padTo(
          rows.map((r) => r[i]!),
          slots,
        ),
      );
    // Packed once per batch, not per step: each step's own ops are all it pays for.
    const packed = tf.tidy(() => {
      const cols = [column(0), tf.reshape(column(1), [slots, 1]), column(2)];
      let width = 0;
      for (let p = 3; p < rows[0]!.length; p++) {
        cols.push(column(p));
        width += rows[0]![p]!.size;
      }
      if (width < STATE_COLS) cols.push(tf.zeros([slots, STATE_COLS - width]));
      return tf.concat(cols, 1);
    });
    tf.dispose(rows.flat());
    return { packed, count: rows.length };
  }

  dispose(): void {
    tf.dispose([this.x, this.y, this.a]);
    this.opt.dispose();
  }
}
