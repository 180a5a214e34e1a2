import { ADAM_EPS, type OptConfig, type OptState } from '../core/optim';
import { fusedAdamOrNull } from './fused-adam';
import { tf, type Tensor } from './tf';

/**
 * torch.optim's update in tfjs ops, on the active backend: the same float32 operations in the same
 * order as core/optim.ts (which the PyTorch fixtures pin). Not tfjs's tf.train optimizers: their eps
 * and their order of operations differ from PyTorch's. Plain gradient descent (SGD without momentum)
 * is the post's `a.sub_(lr * a.grad)`.
 */
export interface TfOptimizer {
  /** a after one step with gradient g; the caller owns the result, and keeps a and g. */
  step(a: Tensor, g: Tensor): Tensor;
  /**
   * The state after the last step as 1-D tensors owned by the caller, at most STATE_COLS floats in
   * all: SGD's buffer (none for plain gradient descent), or Adam's m then v. Clones or reshapes: no
   * program runs for them.
   */
  stateParts(): Tensor[];
  dispose(): void;
}

const pair = (s: readonly [number, number]): Tensor => tf.tensor1d([s[0], s[1]]);

class Sgd implements TfOptimizer {
  private readonly lr: Tensor;
  private readonly beta: Tensor;
  private buf: Tensor | null;

  constructor(
    private readonly cfg: OptConfig,
    start: OptState,
  ) {
    this.lr = tf.scalar(cfg.lr);
    this.beta = tf.scalar(cfg.momentum);
    this.buf = start.buf ? pair(start.buf) : null;
  }

  step(a: Tensor, g: Tensor): Tensor {
    if (this.cfg.momentum === 0) return tf.tidy(() => tf.sub(a, tf.mul(this.lr, g)));
    const prev = this.buf;
    // buf = clone(grad) at the first step, then buf.mul_(momentum).add_(grad)
    this.buf = prev ? tf.tidy(() => tf.add(tf.mul(prev, this.beta), g)) : tf.clone(g);
    prev?.dispose();
    const buf = this.buf;
    return tf.tidy(() => {
      const d = this.cfg.nesterov ? tf.add(g, tf.mul(this.beta, buf)) : buf;
      return tf.sub(a, tf.mul(this.lr, d));
    });
  }

  stateParts(): Tensor[] {
    return this.cfg.momentum === 0 || !this.buf ? [] : [tf.clone(this.buf)];
  }

  dispose(): void {
    tf.dispose([this.lr, this.beta]);
    this.buf?.dispose();
  }
}

class Adam implements TfOptimizer {
  private m: Tensor;
  private v: Tensor;
  private t: number;
  private readonly b1: Tensor;
  private readonly b2: Tensor;
  private readonly c1: Tensor;
  private readonly c2: Tensor;
  private readonly eps: Tensor;

  constructor(
    private readonly cfg: OptConfig,
    start: OptState,
  ) {
    this.m = pair(start.m);
    this.v = pair(start.v);
    this.t = start.t;
    this.b1 = tf.scalar(cfg.beta1);
    this.b2 = tf.scalar(cfg.beta2);
    this.c1 = tf.scalar(1 - cfg.beta1);
    this.c2 = tf.scalar(1 - cfg.beta2);
    this.eps = tf.scalar(ADAM_EPS);
  }

  step(a: Tensor, g: Tensor): Tensor {
    this.t++;
    const [m, v] = [this.m, this.v];
    this.m = tf.tidy(() => tf.add(tf.mul(m, this.b1), tf.mul(this.c1, g)));
    this.v = tf.tidy(() => tf.add(tf.mul(v, this.b2), tf.mul(tf.mul(this.c2, g), g)));
    tf.dispose([m, v]);
    // Python floats in PyTorch: computed in float64 here too, then one float32 scalar each.
    const stepSize = this.cfg.lr / (1 - this.cfg.beta1 ** this.t);
    const bc2Sqrt = Math.sqrt(1 - this.cfg.beta2 ** this.t);
    const [m2, v2] = [this.m, this.v];
    return tf.tidy(() => {
      const denom = tf.add(tf.div(tf.sqrt(v2), tf.scalar(bc2Sqrt)), this.eps);
      return tf.add(a, tf.div(tf.mul(tf.scalar(-stepSize), m2), denom));
    });
  }

  stateParts(): Tensor[] {
    return [tf.clone(this.m), tf.clone(this.v)];
  }

  dispose(): void {
    tf.dispose([this.m, this.v, this.b1, this.b2, this.c1, this.c2, this.eps]);
  }
}

/** Adam on WebGL is two programs of ours (fused-adam.ts) where they run; elsewhere these ops. */
export function makeOptimizer(cfg: OptConfig, start: OptState): TfOptimizer {
  if (cfg.opt !== 'adam') return new Sgd(cfg, start);
  return fusedAdamOrNull(cfg, start) ?? new Adam(cfg, start);
}
