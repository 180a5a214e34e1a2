import type { RunHistory } from '../core/history';

/** One step of a run, as events carry it. */
export interface StepEvent {
  /** Updates taken: the step counter. */
  step: number;
  /**
   * The loss that update printed (measured at a before it, as `print(loss)` in the post); null at
   * step 0, where no update has been taken. Not finite at the step where a run diverged.
   */
  loss: number | null;
  /** a after `step` updates (a_init at 0; at a divergence, the last a before it). */
  a: [number, number];
}

export function stepAt(history: RunHistory, step: number): StepEvent {
  return { step, loss: step > 0 ? history.losses[step - 1]! : null, a: history.aAt(step) };
}
