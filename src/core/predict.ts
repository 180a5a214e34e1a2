import { gradient, loss, type Moments, type Path, type Vec2 } from './analysis';
import { BatchPlan } from './batches';
import type { Dataset } from './dataset';
import { ADAM_EPS, type OptConfig } from './optim';

/** Past this many point-visits a mini-batch path is not predicted (it would cost seconds). */
const MAX_BATCH_WORK = 5e6;

/** Float64 ∇ and loss over a batch of rows. */
function batchGradient(data: Dataset, idx: Int32Array, a: Vec2): { g: [number, number]; l: number } {
  let g1 = 0;
  let g2 = 0;
  let l = 0;
  for (const i of idx) {
    const x = data.x0[i]!;
    const r = a[0] * x + a[1] - data.y[i]!;
    g1 += r * x;
    g2 += r;
    l += r * r;
  }
  const b = idx.length;
  return { g: [(2 / b) * g1, (2 / b) * g2], l: l / b };
}

/**
 * The run in float64: torch.optim's update (cfg) on the same batches as the page (the same
 * torch.randperm draws), from a_init. The landscape draws it dashed under the tfjs path, and the
 * loss figure's axes are set from it. Null for a mini-batch run too long to predict cheaply.
 */
export function predictPath(m: Moments, data: Dataset, cfg: OptConfig, batch: number, steps: number): Path | null {
  const n = m.n;
  const plan = new BatchPlan(n, batch, data.afterInit);
  if (!plan.full && steps * Math.min(batch, n) > MAX_BATCH_WORK) return null;
  const losses = new Float64Array(steps);
  const a = new Float64Array(2 * (steps + 1));
  let cur: [number, number] = [data.aInit[0], data.aInit[1]];
  a.set(cur, 0);
  let buf: [number, number] | null = null;
  const mom: [number, number] = [0, 0];
  const vel: [number, number] = [0, 0];
  for (let t = 0; t < steps; t++) {
    const idx = plan.indices(t);
    const { g, l } = idx ? batchGradient(data, idx, cur) : { g: gradient(m, cur), l: loss(m, cur) };
    losses[t] = l;
    let d: [number, number];
    if (cfg.opt === 'adam') {
      const k = t + 1;
      const step = [0, 1].map((i) => {
        mom[i] = cfg.beta1 * mom[i]! + (1 - cfg.beta1) * g[i]!;
        vel[i] = cfg.beta2 * vel[i]! + (1 - cfg.beta2) * g[i]! * g[i]!;
        const denom = Math.sqrt(vel[i] / (1 - cfg.beta2 ** k)) + ADAM_EPS;
        return mom[i] / (1 - cfg.beta1 ** k) / denom;
      });
      d = [step[0]!, step[1]!];
    } else if (cfg.momentum !== 0) {
      buf = buf ? [cfg.momentum * buf[0] + g[0], cfg.momentum * buf[1] + g[1]] : [g[0], g[1]];
      d = cfg.nesterov ? [g[0] + cfg.momentum * buf[0], g[1] + cfg.momentum * buf[1]] : buf;
    } else d = g;
    cur = [cur[0] - cfg.lr * d[0], cur[1] - cfg.lr * d[1]];
    a[2 * t + 2] = cur[0];
    a[2 * t + 3] = cur[1];
  }
  return { losses, a };
}
