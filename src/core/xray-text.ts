/**
 * The one-step X-ray as lines of text: the step that comes after a_t, for one point, with every
 * number printed as PyTorch prints it. Pure: the view puts the lines on the page, tests read them.
 */
import { pyFixed } from './exact-decimal';
import { optStep, type OptConfig, type OptState } from './optim';
import { formatLoss, formatParameter, formatScalar, formatVector } from './torch-format';
import { batchSums, positionInBatch, tracePoint, type BatchIndices, type PointTrace } from './xray';

const f = Math.fround;

/** What one step had (or will have) to work with. */
export interface StepInputs {
  x0: ArrayLike<number>;
  y: ArrayLike<number>;
  /** The step: a_t is a after t updates. */
  t: number;
  a: readonly [number, number];
  batch: BatchIndices;
  /** The point the reader picked (an index into the data). */
  point: number;
  cfg: OptConfig;
  /** torch.optim's state before the step. */
  state: OptState;
  /** What the trainer recorded for this step, when it has run: its loss, a.grad and a_{t+1}. */
  ran: { loss: number; grad: [number, number]; aNext: [number, number]; stateAfter: OptState } | null;
}

/** The shares the chart draws: the batch's first points, in batch order. */
export const CHART_POINTS = 100;

export interface StepXray {
  /** The batch's first CHART_POINTS points. */
  points: PointTrace[];
  size: number;
  /** a_t, the parameter the step starts from. */
  a: readonly [number, number];
  /** The picked point's trace, or null when this step's batch leaves it out. */
  picked: PointTrace | null;
  loss: number;
  grad: [number, number];
  aNext: [number, number];
  stateAfter: OptState;
  forward: string[];
  backward: string[];
  update: string[];
}

const n4 = (v: number): string => pyFixed(v, 4);
const signed = (v: number): string => (v < 0 ? `− ${n4(-v)}` : `+ ${n4(v)}`);

export function xrayStep(s: StepInputs): StepXray {
  const { sum, loss: lossHere, size: B } = batchSums(s.x0, s.y, s.batch, s.a);
  const points: PointTrace[] = [];
  for (let j = 0; j < Math.min(B, CHART_POINTS); j++)
    points.push(tracePoint(s.x0, s.y, s.batch ? s.batch[j]! : j, s.a, B));
  const at = positionInBatch(s.batch, s.point);
  const picked = at >= 0 ? tracePoint(s.x0, s.y, s.point, s.a, B) : null;
  // Before the step has run on the trainer, a.grad is the sum of the shares, rounded to float32.
  const grad = s.ran?.grad ?? ([f(sum[0]), f(sum[1])] as [number, number]);
  const next = s.ran ? { a: s.ran.aNext, state: s.ran.stateAfter } : optStep(s.cfg, s.a, grad, s.state);
  const loss = s.ran?.loss ?? f(lossHere);
  const i = s.point;
  const forward = [`a_${String(s.t)} = ${formatVector(s.a)}`];
  if (picked) {
    forward.push(
      `point ${String(i)}: x[${String(i)}] = [${n4(picked.x0)}, 1], y[${String(i)}] = ${n4(picked.y)}`,
      `y_hat[${String(i)}] = x[${String(i)}] @ a = ${n4(picked.x0)}·${n4(s.a[0])} ${signed(s.a[1])}  →  ${formatScalar(picked.yHat)}`,
      `r[${String(i)}] = y_hat[${String(i)}] − y[${String(i)}] = ${n4(picked.yHat)} ${signed(-picked.y)}  →  ${formatScalar(picked.r)}`,
    );
  } else
    forward.push(
      `point ${String(i)} is not in step ${String(s.t)}'s batch of ${String(B)}: it adds nothing to this step.`,
    );
  forward.push(`loss = mean(r²) over the ${String(B)} points of the batch  →  ${formatLoss(loss)}`);
  const backward: string[] = [];
  if (picked) {
    backward.push(
      `∂L/∂y_hat[${String(i)}] = 2·r[${String(i)}]/${String(B)} = 2·(${n4(picked.r)})/${String(B)}  →  ${formatScalar(picked.dyHat)}`,
      `share[${String(i)}] = ∂L/∂y_hat[${String(i)}] · x[${String(i)}]  →  ${formatVector(picked.share)}`,
    );
  }
  backward.push(`a.grad = Σ of the ${String(B)} shares  →  ${formatVector(grad)}`);
  return {
    points,
    size: B,
    a: s.a,
    picked,
    loss,
    grad,
    aNext: next.a,
    stateAfter: next.state,
    forward,
    backward,
    update: updateLines(s, grad, next),
  };
}

function updateLines(s: StepInputs, g: [number, number], next: { a: [number, number]; state: OptState }): string[] {
  const { cfg } = s;
  const lr = String(cfg.lr);
  const out: string[] = [];
  if (cfg.opt === 'adam') {
    const t = next.state.t;
    out.push(
      `m = ${String(cfg.beta1)}·m + ${pyFixed(1 - cfg.beta1, 3)}·a.grad  →  ${formatVector(next.state.m)}`,
      `v = ${String(cfg.beta2)}·v + ${pyFixed(1 - cfg.beta2, 3)}·a.grad²  →  ${formatVector(next.state.v)}`,
      `a = a − ${lr}/(1 − ${String(cfg.beta1)}^${String(t)}) · m / (√v/√(1 − ${String(cfg.beta2)}^${String(t)}) + 1e-8)`,
    );
  } else if (cfg.momentum !== 0) {
    const buf = next.state.buf ?? g;
    out.push(
      s.state.buf
        ? `buf = ${String(cfg.momentum)}·buf + a.grad = ${String(cfg.momentum)}·${formatVector(s.state.buf)} + ${formatVector(g)}  →  ${formatVector(buf)}`
        : `buf = a.grad (the first step)  →  ${formatVector(buf)}`,
      cfg.nesterov ? `a = a − ${lr}·(a.grad + ${String(cfg.momentum)}·buf)` : `a = a − ${lr}·buf`,
    );
  } else out.push(`a = a − lr·a.grad = ${formatVector(s.a)} − ${lr}·${formatVector(g)}`);
  out.push(`a  →  ${formatParameter(next.a)}`);
  return out;
}
