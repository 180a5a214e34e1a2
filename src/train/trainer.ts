import type { Dataset } from '../core/dataset';
import { STATE_COLS, type StepBatch } from '../core/history';
import { initialState } from '../core/optim';
import { ContextLostError, watchContext } from './backend';
import { COLS, plainSpec, type StartState, type TrainSpec } from './stepper';
import { makeStepper, type Stepper } from './steppers';
import { tf } from './tf';

export type { StartState, StepBatch, TrainSpec };
export { plainSpec };

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

/** A trainer is about to read back a batch. */
export function countReadback(): void {
  readbacks++;
}

/**
 * Runs one run's steps in batches, each with a single readback. The model is the post's
 * y_hat = x @ a and its MSE; `spec` says how a step gets its gradient, which points it sees and
 * how it updates a (steppers.ts).
 */
export class Trainer {
  private readonly stepper: Stepper;
  private disposed = false;
  /** Tensors live on the backend that was active when they were made. */
  readonly backend = tf.getBackend();

  /**
   * The most steps one batch may take. WebGL packs a fixed PACK_SLOTS (see run); the other
   * backends compile nothing, so they pack exactly k.
   */
  readonly maxBatch = this.backend === 'webgl' ? PACK_SLOTS : Infinity;

  /** Null off WebGL. */
  private readonly context = watchContext();

  /** `start`: step 0 at a_init for a new run; a later step (a, optimizer state) when a run moves backend. */
  constructor(data: Dataset, spec: TrainSpec, start: StartState = { step: 0, a: data.aInit, opt: initialState() }) {
    this.stepper = makeStepper(data, spec, start);
  }

  /** Slots of the packed result: fixed on WebGL, where each new packing shape compiles. */
  private slots(k: number): number {
    return this.maxBatch === Infinity ? k : this.maxBatch;
  }

  /**
   * Run k steps with exactly one asynchronous readback; fewer if queueing them passes `deadline`
   * (performance.now() time), so a batch's main-thread part stays bounded however the pace jumps.
   */
  async run(k: number, deadline = Infinity): Promise<StepBatch> {
    if (this.disposed) throw new Error('Trainer used after dispose');
    if (k < 1 || k > this.maxBatch)
      throw new Error(`batch of ${String(k)} steps; this trainer takes 1 to ${String(this.maxBatch)}`);
    if (this.context?.isLost()) throw new ContextLostError();
    // Slots past the steps taken repeat the last one, so the packing ops see the same shapes
    // whatever k is: WebGL compiles them once (in the warm-up) instead of once per new k, each
    // compile a 50–150 ms long task on SwiftShader.
    const { packed, count } = this.stepper.queue(k, this.slots(k), deadline);
    try {
      readbacks++;
      const read = packed.data() as Promise<Float32Array>;
      const data = await (this.context ? Promise.race([read, this.context.lost]) : read);
      // Numbers read back around a loss may be garbage: never hand them on.
      if (this.context?.isLost()) throw new ContextLostError();
      const losses = new Float32Array(count);
      const aAfter = new Float32Array(2 * count);
      const grads = new Float32Array(2 * count);
      const states = new Float32Array(STATE_COLS * count);
      for (let i = 0; i < count; i++) {
        const row = COLS * i;
        aAfter[2 * i] = data[row]!;
        aAfter[2 * i + 1] = data[row + 1]!;
        losses[i] = data[row + 2]!;
        grads[2 * i] = data[row + 3]!;
        grads[2 * i + 1] = data[row + 4]!;
        states.set(data.subarray(row + 5, row + COLS), STATE_COLS * i);
      }
      return { losses, aAfter, grads, states };
    } finally {
      packed.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stepper.dispose();
  }
}
