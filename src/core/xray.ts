/**
 * One step under the microscope: what `loss = mse(xb @ a, yb); loss.backward()` computes at a_t,
 * point by point, in float32 as PyTorch 1.13's CPU kernels do (the fixtures' `xray` entries pin
 * each printed number). The gradient the page shows is the one its trainer computed (RunHistory);
 * the shares here explain it: their sum is that gradient, up to the order of a float32 sum.
 */
const f = Math.fround;

/** What autograd records for one point of the batch (x = [x0, 1]). */
export interface PointTrace {
  /** The point's index in the data set. */
  index: number;
  x0: number;
  y: number;
  /** x @ a: x0·a1 + a2, in float32. */
  yHat: number;
  /** y_hat − y. */
  r: number;
  /** ∂L/∂y_hat = (1/B)·2r: MeanBackward's 1/B, then PowBackward's 2r. */
  dyHat: number;
  /** This point's share of a.grad: ∂L/∂y_hat · x, the terms mv's backward sums. */
  share: [number, number];
}

/** The batch a step trains on: the points' indices, or null for all of them. */
export type BatchIndices = ArrayLike<number> | null;

/** The trace of data point `index` at a (B is the batch size, for the mean's 1/B). */
export function tracePoint(
  x0: ArrayLike<number>,
  y: ArrayLike<number>,
  index: number,
  a: readonly [number, number],
  batchSize: number,
): PointTrace {
  const xi = x0[index]!;
  const yi = y[index]!;
  // x @ a on CPU: the product rounded, then the sum (a fused multiply-add misses 1 point in 4).
  const yHat = f(f(xi * a[0]) + a[1]);
  const r = f(yHat - yi);
  const dyHat = f(f(1 / batchSize) * f(2 * r));
  return { index, x0: xi, y: yi, yHat, r, dyHat, share: [f(dyHat * xi), dyHat] };
}

/** Every point of the batch at a, in batch order (the order PyTorch's idx gives). */
export function traceBatch(
  x0: ArrayLike<number>,
  y: ArrayLike<number>,
  batch: BatchIndices,
  a: readonly [number, number],
): PointTrace[] {
  const size = batch ? batch.length : x0.length;
  const out: PointTrace[] = [];
  for (let j = 0; j < size; j++) out.push(tracePoint(x0, y, batch ? batch[j]! : j, a, size));
  return out;
}

/**
 * Σ shares and the loss over the whole batch without a trace object per point: the X-ray follows
 * a run of a million points frame by frame. Same float32 arithmetic as tracePoint.
 */
export function batchSums(
  x0: ArrayLike<number>,
  y: ArrayLike<number>,
  batch: BatchIndices,
  a: readonly [number, number],
): { sum: [number, number]; loss: number; size: number } {
  const size = batch ? batch.length : x0.length;
  const inv = f(1 / size);
  let s0 = 0;
  let s1 = 0;
  let sq = 0;
  for (let j = 0; j < size; j++) {
    const i = batch ? batch[j]! : j;
    const xi = x0[i]!;
    const r = f(f(f(xi * a[0]) + a[1]) - y[i]!);
    const d = f(inv * f(2 * r));
    s0 += f(d * xi);
    s1 += d;
    sq += r * r;
  }
  return { sum: [s0, s1], loss: size ? sq / size : NaN, size };
}

/** The sum of the shares, in float64: what a.grad is, before float32 sums it in some order. */
export function sumShares(points: readonly PointTrace[]): [number, number] {
  let s0 = 0;
  let s1 = 0;
  for (const p of points) {
    s0 += p.share[0];
    s1 += p.share[1];
  }
  return [s0, s1];
}

/** Where the point `index` sits in the batch, or -1 when this step does not train on it. */
export function positionInBatch(batch: BatchIndices, index: number): number {
  if (!batch) return index;
  for (let j = 0; j < batch.length; j++) if (batch[j] === index) return j;
  return -1;
}
