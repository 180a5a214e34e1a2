import type { RunStatus } from '../core/history';
import type { BackendName, Params } from '../params/table';
import type { Clock } from '../train/clock';
import type { Snapshot } from '../train/loop';
import type { RaceState } from './race';
import type { Run } from './run';
import type { StepEvent } from './step-event';

export type { StepEvent };

/** 'loading' until tfjs has started and the first run can play. */
export type Status = RunStatus | 'loading';

/** Everything a view shows, read from one place. */
export interface ControllerState {
  /** The newest Params asked for; `run` catches up with them once their data is made. */
  readonly params: Params;
  /** The run being trained, with everything derived from its Params. */
  readonly run: Run;
  readonly snapshot: Snapshot | null;
  /** The step the views show: the replay cursor, or the newest step when following. */
  readonly cursor: number;
  readonly status: Status;
  /** The backend this run's steps run on: the one truth (Params.backend is only the request). */
  readonly backend: BackendName | null;
  /** The latest backend comparison, in words; '' before one ran. */
  readonly advice: string;
  /** A backend comparison or switch is under way: commands wait for it. */
  readonly busy: boolean;
  readonly notices: readonly string[];
  /** The race of plain GD, momentum and Adam, once one was started for this run. */
  readonly race: RaceView | null;
}

/** A race as the views show it: each racer's history, its settings, and where the race is. */
export interface RaceView extends RaceState {
  readonly status: RunStatus;
  readonly step: number;
}

export interface ControllerEvents {
  /** The Params changed (after `set`, validated and merged). */
  change: Params;
  /** A new run is installed: its data, analysis and figure inputs are ready. */
  run: Run;
  /** Anything in the state changed; views redraw from `state` (coalesced per frame by them). */
  update: ControllerState;
  /** One step was taken. Every step of a run, in order. */
  step: StepEvent;
  /** The replay cursor moved: the state at that step. */
  seek: StepEvent;
  done: StepEvent;
  /** The loss blew up; the run stopped at this step. Once per run. */
  diverged: StepEvent;
  /** The backend the run trains on changed (started, fell back, switched, recovered). */
  backend: BackendName;
  notice: string;
  /** tfjs is loaded and warm: the first run can play. */
  ready: undefined;
  /** The race moved on. */
  race: RaceView;
}

export interface TrainDiagnostics {
  /** Tensors alive in tfjs: flat while training, or memory is leaking. Null before tfjs loads. */
  tensors: number | null;
  /** WebGL programs compiled: flat while playing, or batches compile (each a stall). Null off WebGL. */
  programs: number | null;
  /** The closed form can run as the fused WebGL kernel here (WebGL 2 with float32 render targets). */
  fused: boolean;
  kernelSteps: number;
  /** Adam steps taken by its fused WebGL update (fused-adam.ts). */
  adamSteps: number;
  kernelFallbacks: number;
  /** GPU→JS readbacks so far (one a batch: a frame's steps, of the run or of all three racers). */
  readbacks: number;
}

export interface ControllerOptions {
  /** Notices from reading the initial Params (a malformed URL), shown with the controller's own. */
  notices?: readonly string[];
  /** Frames for the loop; requestAnimationFrame in a browser, timers elsewhere. */
  clock?: Clock;
  /** Asked at each play: run to the end at once instead of animating (prefers-reduced-motion). */
  jump?: () => boolean;
  /**
   * A run that asks for WebGL starts on the cpu backend, ready at once, and goes on on WebGL from
   * the same step once WebGL has compiled its programs (a second or more on a software GPU): an
   * embed's cold start.
   */
  startOnCpu?: boolean;
}
