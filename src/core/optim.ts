/**
 * torch.optim's SGD (momentum, Nesterov) and Adam as PyTorch 1.13 computes them for one float32
 * parameter (the single-tensor path), in JavaScript: every float32 operation rounded with
 * Math.fround in PyTorch's order. The fixtures from real PyTorch (test/fixtures/torch/optim) pin it;
 * the trainers do the same arithmetic in tfjs, and the X-ray cell shows these formulas.
 */
export type OptName = 'sgd' | 'adam';

export interface OptConfig {
  opt: OptName;
  lr: number;
  /** SGD only: 0 is plain gradient descent. */
  momentum: number;
  nesterov: boolean;
  beta1: number;
  beta2: number;
}

/** Adam's eps, PyTorch's default: not a parameter of the page. */
export const ADAM_EPS = 1e-8;

/** The state torch.optim keeps for `a`: SGD's momentum buffer, or Adam's m, v and step count. */
export interface OptState {
  /** SGD's momentum_buffer (null before the first step, or without momentum). */
  buf: [number, number] | null;
  /** Adam's exp_avg and exp_avg_sq. */
  m: [number, number];
  v: [number, number];
  /** Steps taken (Adam's bias corrections use it). */
  t: number;
}

export function initialState(): OptState {
  return { buf: null, m: [0, 0], v: [0, 0], t: 0 };
}

const f = Math.fround;

/**
 * a + alpha·b as PyTorch's CPU add(b, alpha=alpha) computes it on float32: one fused multiply-add
 * (checked against the fixtures: two roundings missed 1 in 30 steps). A float32 product is exact in
 * float64, so rounding the float64 sum once to float32 is the fused result.
 */
const addScaled = (a: number, alpha: number, b: number): number => f(a + f(alpha) * b);

/** The parameter after one optimizer step from `a` with gradient `g`, and the new state. */
export function optStep(
  cfg: OptConfig,
  a: readonly [number, number],
  g: readonly [number, number],
  s: OptState,
): { a: [number, number]; state: OptState } {
  return cfg.opt === 'adam' ? adamStep(cfg, a, g, s) : sgdStep(cfg, a, g, s);
}

function sgdStep(
  cfg: OptConfig,
  a: readonly [number, number],
  g: readonly [number, number],
  s: OptState,
): { a: [number, number]; state: OptState } {
  let d: [number, number] = [g[0], g[1]];
  let buf = s.buf;
  if (cfg.momentum !== 0) {
    // buf = clone(grad) at the first step; then buf.mul_(momentum).add_(grad)
    buf = buf ? [f(f(buf[0] * f(cfg.momentum)) + g[0]), f(f(buf[1] * f(cfg.momentum)) + g[1])] : [g[0], g[1]];
    d = cfg.nesterov ? [addScaled(g[0], cfg.momentum, buf[0]), addScaled(g[1], cfg.momentum, buf[1])] : buf;
  }
  // param.add_(d_p, alpha=-lr)
  return { a: [addScaled(a[0], -cfg.lr, d[0]), addScaled(a[1], -cfg.lr, d[1])], state: { ...s, buf, t: s.t + 1 } };
}

function adamStep(
  cfg: OptConfig,
  a: readonly [number, number],
  g: readonly [number, number],
  s: OptState,
): { a: [number, number]; state: OptState } {
  const t = s.t + 1;
  const { beta1, beta2 } = cfg;
  // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1); exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
  const m = [0, 1].map((i) => addScaled(f(s.m[i]! * f(beta1)), 1 - beta1, g[i]!)) as [number, number];
  // addcmul: (value·g) rounded, then its product with g fused into the add.
  const v = [0, 1].map((i) => f(f(s.v[i]! * f(beta2)) + f(f(1 - beta2) * g[i]!) * g[i]!)) as [number, number];
  // The bias corrections and the step size are Python floats (float64).
  const stepSize = cfg.lr / (1 - beta1 ** t);
  const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
  // denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps); param.addcdiv_(exp_avg, denom, value=-step_size)
  const next = [0, 1].map((i) => {
    const denom = f(f(f(Math.sqrt(v[i]!)) / f(bc2Sqrt)) + f(ADAM_EPS));
    return f(a[i]! + f(f(f(-stepSize) * m[i]!) / denom));
  }) as [number, number];
  return { a: next, state: { ...s, m, v, t } };
}

/**
 * Adam's effective learning rate per coordinate at state `s`: lr / (√v̂ᵢ + eps), with v̂ = v/(1 − β₂ᵗ);
 * the step is this times m̂ = m/(1 − β₁ᵗ). No bound on lr makes Adam converge: these rates adapt.
 */
export function adamEffectiveLr(cfg: OptConfig, s: OptState): [number, number] {
  if (s.t === 0) return [cfg.lr, cfg.lr];
  const bc2 = 1 - cfg.beta2 ** s.t;
  return [0, 1].map((i) => cfg.lr / (Math.sqrt(s.v[i]! / bc2) + ADAM_EPS)) as [number, number];
}
