import { RunHistory, type RunStatus } from '../core/history';
import { MAIN_THREAD_BUDGET_MS, Pace } from './pace';
import type { StepBatch } from '../core/history';
import { defaultClock, type Clock } from './clock';

/** Anything that can run k steps with one readback: the Trainer, or a fake in tests. */
export interface StepSource {
  /**
   * Up to k steps with one readback. A source may stop queueing early once performance.now() passes
   * `deadline` (after at least one step); the batch says how many it took.
   */
  run(k: number, deadline?: number): Promise<StepBatch>;
  /** The most steps one run(k) may take; no limit if absent. */
  readonly maxBatch?: number;
}

export interface Snapshot {
  /** Which run this is: counts resets, so a view (or a test) can tell a new run's step 1 from the old one's. */
  readonly run: number;
  readonly history: RunHistory;
  readonly status: RunStatus;
  /** Steps taken. */
  readonly step: number;
  /** Why training stopped unexpectedly (a backend failure), for a visible message. */
  readonly error: string;
  /** Wall-clock ms per step of recent batches, readback included; 0 before the first batch. */
  readonly msPerStep: number;
}

/**
 * What to do when a batch fails (a lost WebGL context, say): a new source that goes on from the
 * history's `step` (its a and optimizer state there), or null to stop with the error shown. The
 * failed batch is dropped, never half-kept.
 */
export type Recovery = (history: RunHistory, step: number, error: unknown) => Promise<StepSource | null>;

/** While jumping, the counter still moves this often. */
const PROGRESS_MS = 500;
/** A stalled tab must not come back to a burst of backlog. */
const MAX_BACKLOG_S = 0.25;

/**
 * requestAnimationFrame driver: each frame queues the steps the speed asks for and awaits their
 * single packed readback before the next batch, so the GPU queue never grows.
 */
export class Loop {
  private history: RunHistory;
  private status: RunStatus = 'ready';
  private frameId = 0;
  private lastT = -1;
  private owed = 0;
  private busy: Promise<void> = Promise.resolve();
  private inFlight = false;
  /** A batch is due in a task of its own (see frame). */
  private starting = false;
  private generation = 0;
  private error = '';
  private pace = new Pace();
  private recover: Recovery | null = null;
  /** A move to another source in progress (handOver): no batch starts until it has settled. */
  private handing: Promise<void> | null = null;

  constructor(
    private source: StepSource,
    steps: number,
    aInit: readonly [number, number],
    private speed: number,
    private readonly onSnapshot: (s: Snapshot) => void,
    private readonly clock: Clock = defaultClock,
  ) {
    this.history = new RunHistory(steps, aInit);
  }

  snapshot(): Snapshot {
    return {
      run: this.generation,
      history: this.history,
      status: this.status,
      step: this.history.length,
      error: this.error,
      msPerStep: this.pace.msPerStep,
    };
  }

  setRecovery(recover: Recovery): void {
    this.recover = recover;
  }

  setSpeed(stepsPerSecond: number): void {
    this.speed = stepsPerSecond;
  }

  play(): void {
    if (this.history.isDone() || this.status === 'running') return;
    this.status = 'running';
    this.lastT = -1;
    this.owed = 0;
    this.emit();
    // The first step starts now, not at the next frame: Run (and a slider's new run) answers sooner.
    if (this.inFlight || this.starting || this.handing) this.owed = 1;
    else this.startBatch(1);
    this.schedule();
  }

  /**
   * Run to the end without animating (prefers-reduced-motion): batches back to back, a snapshot at
   * most every PROGRESS_MS so the counter moves, and the result at once. Pause stops it as usual.
   */
  async jump(): Promise<void> {
    if (this.history.isDone() || this.status === 'running') return;
    const gen = this.generation;
    this.status = 'running';
    this.emit();
    let shown = performance.now();
    while (this.stillJumping(gen)) {
      if (this.handing) {
        await this.handing.catch(() => undefined);
        continue;
      }
      await this.runBatch(Math.min(this.budgetSteps(), this.history.remaining()));
      // Let input and painting in between batches, even when a backend answers without a task.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (performance.now() - shown > PROGRESS_MS && gen === this.generation) {
        shown = performance.now();
        this.emit();
      }
    }
    if (gen === this.generation) this.emit();
  }

  private budgetSteps(): number {
    return this.pace.steps(this.source.maxBatch);
  }

  /** Read through a call: a pause may have changed the status during an await. */
  private stillJumping(gen: number): boolean {
    return gen === this.generation && this.status === 'running' && !this.history.isDone();
  }

  pause(): void {
    if (this.status !== 'running') return;
    this.status = 'paused';
    this.clock.cancelFrame(this.frameId);
    this.emit();
  }

  /**
   * Exactly one step, then paused. Resolves when its result is in the history. A reset while it
   * waits (a slider moved in the same task as the click) makes a new run that it never touches:
   * no step of its own on the new source, and no pause of the new run's play.
   */
  async stepOnce(): Promise<void> {
    if (this.status === 'running') this.pause();
    const gen = this.generation;
    await this.busy;
    if (gen !== this.generation || this.history.isDone()) return;
    const source = this.source;
    await this.runBatch(1);
    // A batch lost to a failure that was recovered from: take the step on the new source.
    if (gen === this.generation && this.source !== source) await this.runBatch(1);
    if (gen !== this.generation) return;
    // Run pressed while the step was in flight: the run goes on.
    if (!this.history.isDone() && this.status !== 'running') this.status = 'paused';
    this.emit();
  }

  /**
   * Go on from the same step on another source (a backend that has become ready): after the batch
   * in flight, and with no batch started until `make` has settled. Playing goes on afterwards. A
   * reset meanwhile makes a new run, which the source made here never touches.
   */
  handOver(make: (history: RunHistory, step: number) => Promise<StepSource | null>): Promise<void> {
    const gen = this.generation;
    const handing: Promise<void> = this.busy
      .then(async () => {
        if (gen !== this.generation) return;
        const next = await make(this.history, this.history.length);
        if (next && gen === this.generation) this.source = next;
      })
      .finally(() => {
        if (this.handing === handing) this.handing = null;
      });
    this.handing = handing;
    this.busy = handing.catch(() => undefined);
    return handing;
  }

  /** Start over on a new run. Any batch still in flight belongs to the old run and is dropped. */
  reset(source: StepSource, steps: number, aInit: readonly [number, number]): void {
    this.clock.cancelFrame(this.frameId);
    this.generation++;
    this.source = source;
    this.history = new RunHistory(steps, aInit);
    this.status = 'ready';
    this.error = '';
    this.pace = new Pace();
    this.inFlight = false;
    this.starting = false;
    // A move to another source still in progress holds the new run's batches too.
    this.busy = this.handing ? this.handing.catch(() => undefined) : Promise.resolve();
    this.emit();
  }

  /** Resolves when no batch is in flight. */
  idle(): Promise<void> {
    return this.busy;
  }

  private schedule(): void {
    this.frameId = this.clock.requestFrame((t) => this.frame(t));
  }

  private frame(t: number): void {
    if (this.status !== 'running') return;
    const dt = this.lastT < 0 ? 0 : (t - this.lastT) / 1000;
    this.lastT = t;
    this.owed = Math.min(this.owed + dt * this.speed, Math.max(1, this.speed * MAX_BACKLOG_S));
    const k = Math.min(Math.floor(this.owed), this.budgetSteps(), this.history.remaining());
    if (k > 0 && !this.inFlight && !this.starting) {
      this.owed -= k;
      // Queued in a task of its own, not in this frame's: the batch's synchronous part and the
      // frame's drawing would add up to a long task together.
      this.starting = true;
      const gen = this.generation;
      this.clock.soon(() => {
        if (gen !== this.generation) return;
        this.starting = false;
        if (this.status === 'running' && !this.inFlight && !this.handing) this.startBatch(k);
        else this.owed += k;
      });
    }
    this.schedule();
  }

  /** A batch while playing: its snapshot is emitted when it lands, unless the run was replaced. */
  private startBatch(k: number): void {
    const gen = this.generation;
    void this.runBatch(k).then((taken) => {
      if (gen !== this.generation) return;
      // Steps a deadline cut off are still owed: the next frame asks for them again.
      if (taken > 0) this.owed += k - taken;
      if (this.history.isDone()) this.status = this.history.divergedStep >= 0 ? 'diverged' : 'done';
      this.emit();
    });
  }

  /** Resolves with the steps the batch took (0 if it failed or belongs to an older run). */
  private runBatch(k: number): Promise<number> {
    const gen = this.generation;
    this.inFlight = true;
    const t0 = performance.now();
    // The deadline is the hard limit on the synchronous part; budgetSteps only sizes k to fit it.
    const running = this.source.run(k, t0 + MAIN_THREAD_BUDGET_MS);
    const syncMs = performance.now() - t0;
    const work = running.then((batch) => {
      if (gen !== this.generation) return 0;
      const taken = batch.losses.length;
      this.pace.record(taken, performance.now() - t0, syncMs);
      this.history.append(batch);
      this.inFlight = false;
      if (this.history.isDone()) {
        this.clock.cancelFrame(this.frameId);
        this.status = this.history.divergedStep >= 0 ? 'diverged' : 'done';
      }
      return taken;
    });
    const guarded = work.catch(async (e: unknown): Promise<number> => {
      if (gen !== this.generation) return 0;
      const step = this.history.length;
      const next = this.recover ? await this.recover(this.history, step, e).catch(() => null) : null;
      if (gen !== this.generation) return 0;
      this.inFlight = false;
      if (next) {
        // Frames kept coming meanwhile; the next one takes up the run on the new source.
        this.source = next;
        this.emit();
        return 0;
      }
      this.clock.cancelFrame(this.frameId);
      this.status = 'paused';
      this.error = `Training stopped: ${e instanceof Error ? e.message : String(e)}`;
      this.emit();
      return 0;
    });
    this.busy = guarded.then(() => undefined);
    return guarded;
  }

  private emit(): void {
    this.onSnapshot(this.snapshot());
  }
}
