import { STATE_COLS } from '../core/history';
import { fusedStep, stackPackedRows } from './fused-kernel';
import { another, padTo, type Queued, type Stepper } from './stepper';
import { tf, type Tensor } from './tf';

/**
 * The post's plain run with the closed-form gradient on WebGL: one fused pass over the data a step
 * (fused-kernel.ts). Its state [a₁, a₂, loss, g₁, g₂] is also the step's row, and plain gradient
 * descent keeps no optimizer state: those columns are zeros.
 */
export class FusedStepper implements Stepper {
  private state: Tensor;

  constructor(
    private readonly points: Tensor,
    private readonly lr: number,
    aStart: readonly [number, number],
  ) {
    this.state = tf.tensor1d([aStart[0], aStart[1], 0, 0, 0]);
  }

  queue(k: number, slots: number, deadline: number): Queued {
    const rows: Tensor[] = [];
    while (another(rows.length, k, deadline)) {
      const next = fusedStep(this.points, this.state, this.lr);
      this.state.dispose();
      this.state = next;
      // A clone shares the data (no copy): the row outlives the next step's dispose of its state.
      rows.push(tf.clone(next));
    }
    const packed = tf.tidy(() => tf.concat([stackPackedRows(padTo(rows, slots)), tf.zeros([slots, STATE_COLS])], 1));
    tf.dispose(rows);
    return { packed, count: rows.length };
  }

  dispose(): void {
    tf.dispose([this.state, this.points]);
  }
}
