/** Never queue more than this many steps in one frame, so a frame stays a frame. */
export const MAX_STEPS_PER_FRAME = 400;
/**
 * A batch should take about this long, readback included. The GPU runs batches in order, so a new
 * run's first step waits for the old run's batch in flight: 400 WebGL steps were ~700 ms of slider
 * lag. Not much smaller: each batch pays a readback, which waits for a composited frame in headless
 * Chromium on SwiftShader (20–90 ms; page raster and WebGL share the GPU process's thread).
 */
export const BATCH_BUDGET_MS = 100;
/**
 * A batch's synchronous part (queueing WebGL ops, ~1.7 ms a step at n = 100, or all of a cpu
 * step) stops at this deadline, so that it and a frame's drawing fit in one task under 50 ms: no
 * long tasks while playing. Not 20: that cost a third of the page's steps/s at full speed (more,
 * smaller batches, each waiting on a readback), and stalls of the main thread itself (GC, the GPU
 * process taking one of two cores) still made the odd 50 ms task.
 */
export const MAIN_THREAD_BUDGET_MS = 30;

/** The measured pace of one run's batches, and the batch size that fits both budgets at it. */
export class Pace {
  /** Wall-clock ms per step, readback included; 0 before the first batch. */
  msPerStep = 0;
  /** Main-thread ms per step: the synchronous part of run(k). */
  private syncMsPerStep = 0;

  /** A batch of `steps` took `wallMs` in all, `syncMs` of it on the main thread. */
  record(steps: number, wallMs: number, syncMs: number): void {
    const ms = wallMs / steps;
    const sync = syncMs / steps;
    // Smoothed, so the number can be read while it updates every frame.
    this.msPerStep = this.msPerStep === 0 ? ms : 0.8 * this.msPerStep + 0.2 * ms;
    // Up at once, down slowly: the main thread's pace jumps (GC, the GPU process taking a core),
    // and a smoothed estimate let the next batches run 50–60 ms tasks before it caught up.
    this.syncMsPerStep = sync >= this.syncMsPerStep ? sync : 0.8 * this.syncMsPerStep + 0.2 * sync;
  }

  /** Steps that fit both budgets at the measured pace (one until a pace is known) and `maxBatch`. */
  steps(maxBatch = Infinity): number {
    if (this.msPerStep === 0) return 1;
    const wall = Math.floor(BATCH_BUDGET_MS / this.msPerStep);
    const main = Math.floor(MAIN_THREAD_BUDGET_MS / Math.max(this.syncMsPerStep, 1e-3));
    return Math.max(1, Math.min(MAX_STEPS_PER_FRAME, maxBatch, wall, main));
  }
}
