import type { BackendName } from '../params/table';
import { BackendControl } from '../train/backend-control';
import type { Clock } from '../train/clock';
import { Loop, type Snapshot } from '../train/loop';
import type { RunHistory } from '../core/history';
import { RACERS, RaceSource, raceConfigs, type RaceState } from './race';
import { trainSpecOf, type Run } from './run';
import type { TrainDiagnostics } from './types';

type Session = typeof import('../train/session');
type TrainerT = InstanceType<Session['Trainer']>;

/** How long a run started on cpu stays quiet before it moves to WebGL: about 0.4 s at 60 Hz. */
const QUIET_FRAMES = 24;

export interface TrainingHooks {
  onSnapshot(s: Snapshot): void;
  /** The race moved on (a batch of all three racers, or its status). */
  onRace(race: RaceState, s: Snapshot): void;
  /** The backend the run's steps run on changed. */
  onBackend(name: BackendName): void;
  onNotice(text: string): void;
}

/**
 * The tfjs side of the controller: the backends, the run's Trainer and the Loop that drives it,
 * and the move to cpu when a backend fails mid-run. Only the controller uses it.
 */
export class Training {
  private readonly backends: BackendControl;
  private trainer: TrainerT | null = null;
  private loop: Loop | null = null;
  private running: BackendName | null = null;
  private autoPaused = false;
  private race: { loop: Loop; source: RaceSource } | null = null;
  private races = 0;
  /** tfjs is loaded and warm: runs can be installed. */
  started = false;

  constructor(
    private readonly hooks: TrainingHooks,
    private readonly clock: Clock,
    private readonly jump: () => boolean,
  ) {
    this.backends = new BackendControl({ onNotice: (t) => hooks.onNotice(t) });
  }

  get backend(): BackendName | null {
    return this.running;
  }

  get advice(): string {
    return this.backends.advice;
  }

  get hasRun(): boolean {
    return this.loop !== null;
  }

  /** Start `run`'s backend (or its fallback) and warm it up for its data; `cpu` starts the cpu backend instead. */
  async useBackend(run: Run, cpu = false): Promise<void> {
    this.loop?.pause();
    // The old trainer's tensors live on the old backend: they go before it is left.
    const backend = cpu ? 'cpu' : run.params.backend;
    if (this.started && backend !== this.backends.active) this.dropTrainer();
    await this.backends.use(backend, run.data, run.params.grad);
  }

  /** Plain GD, momentum and Adam from the run's a_init, all at once (the main run pauses). */
  startRace(run: Run): void {
    const session = this.backends.session;
    if (!session || !this.started) return;
    this.pause();
    this.stopRace();
    const configs = raceConfigs(run);
    const source = new RaceSource(
      new session.RaceTrainer(
        run.data,
        RACERS.map((r) => configs[r]),
      ),
      run,
    );
    const state = { histories: source.histories, configs, run: ++this.races };
    const { steps, speed } = run.params;
    const loop = new Loop(source, steps, run.data.aInit, speed, (s) => this.hooks.onRace(state, s), this.clock);
    source.bind(loop);
    this.race = { loop, source };
    this.hooks.onRace(state, loop.snapshot());
    loop.play();
  }

  stopRace(): void {
    if (!this.race) return;
    this.race.loop.pause();
    this.race.source.dispose();
    this.race = null;
  }

  /** A fresh Trainer and Loop state for `run` from step 0; `autoplay` plays it at once. */
  install(run: Run, autoplay: boolean): void {
    const session = this.backends.session;
    if (!session || !this.started) return;
    // A race belongs to the run it started from.
    this.stopRace();
    const { data, params } = run;
    this.trainer?.dispose();
    this.trainer = new session.Trainer(data, trainSpecOf(params));
    this.setBackend(this.trainer.backend as BackendName);
    if (!this.loop) {
      const loop = new Loop(
        this.trainer,
        params.steps,
        data.aInit,
        params.speed,
        (s) => this.hooks.onSnapshot(s),
        this.clock,
      );
      loop.setRecovery((history, step, error) => this.moveToCpu(run, history, step, error));
      this.loop = loop;
      this.hooks.onSnapshot(loop.snapshot());
    } else {
      this.loop.setRecovery((history, step, error) => this.moveToCpu(run, history, step, error));
      this.loop.reset(this.trainer, params.steps, data.aInit);
    }
    if (autoplay) this.play();
  }

  /**
   * Resolves after QUIET_FRAMES frames in a row in which nothing was `busy` (a run playing, a command
   * waiting). WebGL's compile holds the main thread for a moment (a second on a software GPU): not
   * while the first figures are on their way to the screen, nor while a run plays or a host page
   * drives an embed. A frame off-screen or in a hidden tab gets no frames, so it waits too.
   */
  quiet(busy: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      let calm = 0;
      const tick = (): void => {
        calm = busy() ? 0 : calm + 1;
        if (calm >= QUIET_FRAMES) resolve();
        else this.clock.requestFrame(tick);
      };
      this.clock.requestFrame(tick);
    });
  }

  /**
   * A run that started on cpu (a cold start) moves on to the backend it asks for: that backend
   * starts and compiles its programs, then the run goes on from the same step and the same a.
   * The loop takes no step meanwhile; play, pause and step keep working.
   */
  async moveToRequested(run: Run): Promise<void> {
    const { loop } = this;
    if (!loop || run.params.backend === this.running) return;
    await loop
      .handOver(async (history, step) => {
        await this.backends.use(run.params.backend, run.data, run.params.grad);
        // The backend fell back to cpu (with its notice): the cpu trainer goes on.
        if (this.backends.active === this.running) return null;
        return this.continueAt(run, history, step);
      })
      // It failed while warming up: the cpu trainer, still the loop's, goes on (with a notice).
      .catch(async (e: unknown) => {
        if (this.backends.active !== 'cpu') await this.backends.abandonActive(loop.snapshot().step, e);
      });
  }

  play(): void {
    if (!this.loop) return;
    this.autoPaused = false;
    // Reduced motion: jump to the result (Step still goes one at a time).
    if (this.jump()) void this.loop.jump();
    else this.loop.play();
  }

  pause(): void {
    this.loop?.pause();
  }

  async step(): Promise<void> {
    await this.loop?.stepOnce();
  }

  setSpeed(stepsPerSecond: number): void {
    this.loop?.setSpeed(stepsPerSecond);
    this.race?.loop.setSpeed(stepsPerSecond);
  }

  /** Off-screen or hidden: pause a running run, and resume it where it was when visible again. */
  setVisible(visible: boolean, running: boolean): void {
    if (!this.loop) return;
    if (!visible && running) {
      this.loop.pause();
      this.autoPaused = true;
    } else if (visible && this.autoPaused) this.play();
  }

  compare(run: Run, names?: readonly BackendName[], stop?: () => boolean): Promise<string> {
    return this.backends.compare(run.data, run.params.grad, names, stop);
  }

  diagnostics(): TrainDiagnostics {
    const s = this.backends.session;
    const kernel = s?.kernelStats() ?? { steps: 0, adamSteps: 0, fallbacks: 0, reason: '' };
    return {
      tensors: s?.tensorCount() ?? null,
      programs: s?.compiledPrograms() ?? null,
      fused: s?.fusedKernelRuns() ?? false,
      kernelSteps: kernel.steps,
      adamSteps: kernel.adamSteps,
      kernelFallbacks: kernel.fallbacks,
      readbacks: s?.readbackCount() ?? 0,
    };
  }

  dispose(): void {
    this.loop?.pause();
    this.stopRace();
    this.dropTrainer();
  }

  /**
   * A batch failed on webgl or wasm (most often the browser took back the WebGL context): go on
   * from the same step and the same a on the CPU backend. Nothing is restarted and nothing is lost.
   */
  private async moveToCpu(run: Run, history: RunHistory, step: number, error: unknown): Promise<TrainerT | null> {
    const session = this.backends.session;
    if (!session || !this.backends.active || this.backends.active === 'cpu') return null;
    const failed = this.trainer;
    await this.backends.abandonActive(step, error);
    // A restart while the backend changed made its own trainer, and the loop has dropped this run.
    if (this.trainer !== failed) return null;
    return this.continueAt(run, history, step);
  }

  /** A new trainer on the active backend that goes on from the history's `step`; the old one goes. */
  private continueAt(run: Run, history: RunHistory, step: number): TrainerT | null {
    const session = this.backends.session;
    if (!session) return null;
    this.trainer?.dispose();
    const spec = trainSpecOf(run.params);
    const opt = history.optStateAt(step, spec.opt.opt === 'sgd' && spec.opt.momentum > 0);
    this.trainer = new session.Trainer(run.data, spec, { step, a: history.aAt(step), opt });
    this.setBackend(this.trainer.backend as BackendName);
    return this.trainer;
  }

  private setBackend(name: BackendName): void {
    if (name === this.running) return;
    this.running = name;
    this.hooks.onBackend(name);
  }

  private dropTrainer(): void {
    this.trainer?.dispose();
    this.trainer = null;
  }
}
