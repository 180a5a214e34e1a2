import { BatchPlan } from '../core/batches';
import type { Dataset } from '../core/dataset';
import { fusedPointsOrNull } from './fused-kernel';
import { FusedStepper } from './fused-stepper';
import { OptStepper } from './opt-stepper';
import type { StartState, Stepper, TrainSpec } from './stepper';

export type { StartState, Stepper, TrainSpec };

/** Plain gradient descent on every point each step: the post's own update. */
export function isPlainGd(spec: TrainSpec, n: number): boolean {
  return spec.opt.opt === 'sgd' && spec.opt.momentum === 0 && spec.batch >= n;
}

/**
 * The closed form of the post's plain run on WebGL is one fused pass (fused-kernel.ts); every other
 * run is tfjs ops: its gradient (autodiff or written out) on the step's batch, then torch.optim's update.
 */
export function makeStepper(data: Dataset, spec: TrainSpec, start: StartState): Stepper {
  const n = data.x0.length;
  if (spec.gradient === 'closed' && isPlainGd(spec, n)) {
    const points = fusedPointsOrNull(data.x0, data.y);
    if (points) return new FusedStepper(points, spec.opt.lr, start.a);
  }
  const plan = new BatchPlan(n, spec.batch, data.afterInit);
  return new OptStepper(data, spec, plan, start);
}
