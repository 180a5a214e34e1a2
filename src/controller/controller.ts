import { COMPARE_AT_START_MAX_N } from '../core/limits';
import { applyChange } from '../params/query';
import { reachOf } from '../params/same';
import type { BackendName, Params } from '../params/table';
import { defaultClock } from '../train/clock';
import type { Snapshot } from '../train/loop';
import { Emitter } from './emitter';
import { deriveRun, deriveRunAsync, type Run } from './run';
import { stepAt } from './step-event';
import { Training } from './training';
import { WorkQueue } from './work-queue';
import type { ControllerEvents, ControllerOptions, ControllerState, RaceView, TrainDiagnostics } from './types';

export type * from './types';

/**
 * The one owner of a run: Params → Run → Trainer → Loop → Snapshot. Views and host pages send
 * commands and listen to events; none of them touches the trainer, the loop or the backends.
 * Independent of the DOM: the unit tests drive it in Node on the cpu backend.
 */
export class RunController {
  private readonly events = new Emitter<ControllerEvents>();
  private readonly training: Training;
  /** Backend work, one piece at a time; commands wait while a piece holds them. */
  private readonly work = new WorkQueue(() => this.changed());
  private target: Params;
  private current: Run;
  private snap: Snapshot | null = null;
  private replay: number | null = null;
  private pending: Params | null = null;
  /** Counts changes that make a new run: a run made for an older one is dropped. */
  private token = 0;
  private endedRun = -1;
  private readonly noticeList: string[];
  private raceNow: RaceView | null = null;
  /** The start's own backend comparison gives way to the reader: set when anything is asked of it. */
  private yieldStartCompare = false;
  /** While a point is held (`holdPlay`): whether a run made since waits to play. */
  private held: { waits: boolean } | null = null;
  /** New runs on their way (made from a change, not yet installed). */
  private deriving = 0;
  private readonly startOnCpu: boolean;

  private constructor(first: Run, opts: ControllerOptions) {
    this.current = first;
    this.target = first.params;
    this.noticeList = [...(opts.notices ?? [])];
    this.startOnCpu = opts.startOnCpu ?? false;
    this.training = new Training(
      {
        onSnapshot: (s) => this.onSnapshot(s),
        onRace: (race, s) => {
          this.raceNow = { ...race, status: s.status, step: s.step };
          this.events.emit('race', this.raceNow);
          this.changed();
        },
        onBackend: (name) => this.events.emit('backend', name),
        onNotice: (t) => this.notify(t),
      },
      opts.clock ?? defaultClock,
      opts.jump ?? (() => false),
    );
  }

  /** A controller with its first run derived (in chunks for a large n); call start() to load tfjs. */
  static async create(initial: Params, opts: ControllerOptions = {}): Promise<RunController> {
    return new RunController(await deriveRunAsync(initial), opts);
  }

  /** The same, synchronously (small n, tests). */
  static createNow(initial: Params, opts: ControllerOptions = {}): RunController {
    return new RunController(deriveRun(initial), opts);
  }

  on<K extends keyof ControllerEvents>(type: K, listener: (payload: ControllerEvents[K]) => void): () => void {
    return this.events.on(type, listener);
  }

  get state(): ControllerState {
    const snap = this.snap;
    return {
      params: this.target,
      run: this.current,
      snapshot: snap,
      cursor: Math.min(this.replay ?? Infinity, snap?.history.length ?? 0),
      status: this.training.started ? (snap?.status ?? 'ready') : 'loading',
      backend: this.training.backend,
      advice: this.training.advice,
      busy: this.work.busy,
      notices: this.noticeList,
      race: this.raceNow,
    };
  }

  /**
   * Load tfjs, start the requested backend (or its fallback), warm it up, and make the first run.
   * With startOnCpu a WebGL run is made on cpu, ready at once, and moves to WebGL when it is warm.
   */
  async start(): Promise<void> {
    const cpuFirst = this.startOnCpu && this.current.params.backend === 'webgl';
    await this.work.serial(() => this.training.useBackend(this.current, cpuFirst));
    this.training.started = true;
    this.training.install(this.current, false);
    this.events.emit('ready', undefined);
    this.changed();
    void this.afterStart(cpuFirst);
  }

  private async afterStart(cpuFirst: boolean): Promise<void> {
    if (cpuFirst) {
      await this.training.quiet(() => this.state.status === 'running' || this.state.busy || this.pending !== null);
      // Commands wait for the move, the controls live (a change's new run comes after it, on WebGL).
      const move = this.work.serial(() => this.training.moveToRequested(this.current));
      await this.work.hold(move, false).catch((e: unknown) => this.fail('Starting WebGL', e));
    }
    // Is WebGL worth it at this n? Compare with the cpu backend, already loaded, before any Run;
    // the reader's first command or change stops it (their run must not wait for our probe).
    if (this.training.backend === 'webgl' && this.current.params.n <= COMPARE_AT_START_MAX_N)
      void this.compare(['webgl', 'cpu'], () => this.yieldStartCompare, false);
  }

  // Commands.

  /**
   * Change some Params. Values are checked against the table as URL values are (bad ones are
   * corrected, with a notice). Changes made in the same task (a preset sets several) restart once.
   */
  set(change: Partial<Record<keyof Params, unknown>>): void {
    const { params, notices } = applyChange(this.pending ?? this.target, change);
    for (const n of notices) this.notify(n);
    const first = this.pending === null;
    this.pending = params;
    this.yieldStartCompare = true;
    // Not at the next frame: Chromium already sends a dragged slider's input once a frame.
    if (first) queueMicrotask(() => this.apply());
  }

  play(): void {
    if (this.defer(() => this.play())) return;
    this.replay = null;
    this.training.play();
  }

  pause(): void {
    this.training.pause();
  }

  /** Exactly one step; resolves when it is in the history. */
  async step(): Promise<void> {
    if (this.defer(() => void this.step())) return;
    this.replay = null;
    await this.training.step();
  }

  /** Back to step 0 of the same run. */
  reset(): void {
    if (this.defer(() => this.reset())) return;
    this.replay = null;
    this.training.install(this.current, false);
  }

  /** Show step `step` in every view; null, or the newest step, follows the run again. */
  seek(step: number | null): void {
    const h = this.snap?.history;
    const length = h?.length ?? 0;
    this.replay = step === null || step >= length ? null : Math.max(0, Math.floor(step));
    if (h) this.events.emit('seek', stepAt(h, this.state.cursor));
    this.changed();
  }

  /** Race plain GD, momentum and Adam from this run's a_init on its data (the run itself pauses). */
  race(): void {
    if (this.defer(() => this.race())) return;
    this.training.startRace(this.current);
  }

  stopRace(): void {
    this.training.stopRace();
    this.raceNow = null;
    this.changed();
  }

  /**
   * A dragged point makes new data on every move: while held, each new run waits at step 0 (a tfjs
   * start and read-back between moves, for a run the next move drops). On release the newest plays.
   */
  holdPlay(held: boolean): void {
    const waits = this.held?.waits ?? false;
    this.held = held ? { waits } : null;
    // A change still on its way installs a run that plays by itself.
    if (!held && waits && this.pending === null && this.deriving === 0) this.play();
  }

  /** Off-screen or hidden: pause a running run, and resume it where it was when visible again. */
  setVisible(visible: boolean): void {
    this.training.setVisible(visible, this.snap?.status === 'running');
  }

  /** Time the backends at this n (training must be idle) and keep the advice. */
  compareBackends(names?: readonly BackendName[]): Promise<void> {
    return this.compare(names);
  }

  /** `shown`: the controls grey out meanwhile (not for the start's own comparison: see WorkQueue.hold). */
  private compare(names?: readonly BackendName[], stop?: () => boolean, shown = true): Promise<void> {
    if (this.work.holding || !this.training.hasRun || this.snap?.status === 'running') return Promise.resolve();
    const comparing = this.work.serial(() => this.training.compare(this.current, names, stop));
    return this.work.hold(comparing, shown).then(
      () => undefined,
      (e: unknown) => this.fail('Comparing backends', e),
    );
  }

  /** What tfjs holds now, and how often the fused kernel ran and fell back. */
  diagnostics(): TrainDiagnostics {
    return this.training.diagnostics();
  }

  /** Show a notice with the controller's own (once each). */
  notify(text: string): void {
    if (this.noticeList.includes(text)) return;
    this.noticeList.push(text);
    this.events.emit('notice', text);
    this.changed();
  }

  /** Stop and free every tensor of the run (tests, and a page that unmounts an embed). */
  dispose(): void {
    this.token++;
    this.training.dispose();
  }

  // Internals.

  private apply(): void {
    const next = this.pending;
    if (!next) return;
    this.pending = null;
    const token = ++this.token;
    const reach = reachOf(this.current.params, next);
    this.target = next;
    this.events.emit('change', next);
    if (reach !== 'data' && reach !== 'run') {
      // Speed, theme, panels: the run the code describes is the same, so it goes on.
      this.current = { ...this.current, params: next };
      this.training.setSpeed(next.speed);
      this.changed();
      return;
    }
    this.deriving++;
    void deriveRunAsync(next, this.current)
      .then((r) => this.work.serial(() => this.install(r, token)))
      .catch((e: unknown) => this.fail('Starting the new run', e))
      .finally(() => this.deriving--);
  }

  private async install(r: Run, token: number): Promise<void> {
    // A newer change arrived while this data was being made: it wins.
    if (token !== this.token) return;
    if (r.params.backend !== this.current.params.backend) {
      await this.work.hold(this.training.useBackend(r));
      if (token !== this.token) return;
    }
    this.current = r;
    this.replay = null;
    this.raceNow = null;
    // The first step goes to the backend first; the views draw the new run while it runs.
    this.training.install(r, !this.held);
    if (this.held) this.held.waits = true;
    this.events.emit('run', r);
  }

  private onSnapshot(s: Snapshot): void {
    const prev = this.snap;
    this.snap = s;
    const h = s.history;
    const from = prev?.run === s.run ? prev.step : 0;
    for (let k = from + 1; k <= s.step; k++) this.events.emit('step', stepAt(h, k));
    if ((s.status === 'done' || s.status === 'diverged') && this.endedRun !== s.run) {
      this.endedRun = s.run;
      this.events.emit(s.status, stepAt(h, s.step));
    }
    if (s.error) this.notify(s.error);
    this.changed();
  }

  private fail(what: string, e: unknown): void {
    this.notify(`${what} failed: ${e instanceof Error ? e.message : String(e)}`);
  }

  private changed(): void {
    this.events.emit('update', this.state);
  }

  private defer(command: () => void): boolean {
    this.yieldStartCompare = true;
    return this.work.defer(command);
  }
}
