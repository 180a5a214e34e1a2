/**
 * Benchmark harness (bench.html), driven by tools/bench.mjs. Whole runs go through the run
 * controller, as the page's do (the memory soak, the WebGL losses the tests read); below it, the
 * Trainer is timed with no rendering, against a float64 JS floor, and the figures' update paths.
 */
import { RunController } from '../controller/controller';
import { figureStep, setupFigures } from './figures-bench';
import { makeLine } from '../core/dataset';
import { defaultParams, type BackendName, type Gradient, type Params } from '../params/table';
import { chooseBackend, RaceTrainer, Trainer } from '../train/session';
import { plainSpec, type TrainSpec } from '../train/trainer';
import { tf, type Tensor } from '../train/tf';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export interface StepTiming {
  backend: string;
  n: number;
  msPerStep: number;
  stepsPerSecond: number;
  samples: number;
  /** Untimed batches before the samples (see WARM_UP_MS). */
  warmUps: number;
  /** WebGL programs dispatched per step, batch packing included; null off WebGL. */
  programsPerStep?: number | null;
  /** How many of those were packed programs (4 floats a texel, or a pack/unpack pass). */
  packedPerStep?: number | null;
}

/** The part of MathBackendWebGL that every program passes through. */
interface ProgramDispatch {
  runWebGLProgram(program: { packedInputs?: boolean; packedOutput?: boolean }, ...rest: unknown[]): unknown;
}

/** WebGL programs dispatched while `f` runs, and how many were packed; nulls off WebGL. */
async function countPrograms<T>(f: () => Promise<T>): Promise<{ result: T; programs: number | null; packed: number | null }> {
  if (tf.getBackend() !== 'webgl') return { result: await f(), programs: null, packed: null };
  const backend = tf.backend() as unknown as ProgramDispatch;
  const own = Object.getOwnPropertyDescriptor(backend, 'runWebGLProgram');
  const dispatch = backend.runWebGLProgram.bind(backend);
  let programs = 0;
  let packed = 0;
  backend.runWebGLProgram = (program, ...rest) => {
    programs++;
    if (program.packedInputs || program.packedOutput) packed++;
    return dispatch(program, ...rest);
  };
  try {
    return { result: await f(), programs, packed };
  } finally {
    if (own) Object.defineProperty(backend, 'runWebGLProgram', own);
    else delete (backend as Partial<ProgramDispatch>).runWebGLProgram;
  }
}

/**
 * Untimed batches first, for at least this long: shader compilation and first allocations, and
 * V8's optimizing compiler for the JavaScript backends. cpu at n = 100 ran 0.26–0.30 ms a step in
 * its first 250 ms and 0.10–0.15 ms after, the pace of a reader's run after its first moments.
 */
const WARM_UP_MS = 500;

/**
 * ms per step of `batch` (k steps and their one readback), after the warm-up, over about `ms` and
 * at least 3 batches: the median.
 */
async function timeBatches(backend: string, n: number, k: number, ms: number, batch: () => Promise<unknown>): Promise<StepTiming> {
  const warm = performance.now() + WARM_UP_MS;
  let warmUps = 0;
  do {
    await batch();
    warmUps++;
  } while (performance.now() < warm);
  const perStep: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end || perStep.length < 3) {
    const t0 = performance.now();
    await batch();
    perStep.push((performance.now() - t0) / k);
  }
  const m = median(perStep);
  return { backend, n, msPerStep: m, stepsPerSecond: 1000 / m, samples: perStep.length, warmUps };
}

/** The optimizers the bench times: the post's plain descent, momentum 0.9, and Adam. */
export type BenchOptimizer = 'gd' | 'momentum' | 'adam';

function benchSpec(gradient: Gradient, optimizer: BenchOptimizer): TrainSpec {
  const spec = plainSpec(0.01, gradient);
  if (optimizer === 'momentum') return { ...spec, opt: { ...spec.opt, momentum: 0.9 } };
  if (optimizer === 'adam') return { ...spec, opt: { ...spec.opt, opt: 'adam' } };
  return spec;
}

/**
 * GD steps/s of the page's own Trainer with no rendering: batches of k steps, one readback each.
 * `gradient`: autodiff (what the page teaches) or the closed form (a fused kernel on WebGL).
 */
async function stepRate(
  backend: BackendName,
  n: number,
  k: number,
  ms: number,
  gradient: Gradient = 'autodiff',
  optimizer: BenchOptimizer = 'gd',
): Promise<StepTiming> {
  const choice = await chooseBackend(backend);
  const data = makeLine({ seed: 42, n, noise: 0.5 });
  const trainer = new Trainer(data, benchSpec(gradient, optimizer));
  try {
    const { result, programs, packed } = await countPrograms(() => timeBatches(choice.name, n, k, ms, () => trainer.run(k)));
    // timeBatches runs warm-up batches besides the `samples` it times.
    const steps = (result.samples + result.warmUps) * k;
    return {
      ...result,
      programsPerStep: programs === null ? null : programs / steps,
      packedPerStep: packed === null ? null : packed / steps,
    };
  } finally {
    trainer.dispose();
  }
}

/**
 * Steps/s of the race: plain GD, momentum 0.9 and Adam as one computation, k steps of all three
 * per readback. A step here is a step of all three.
 */
async function raceRate(backend: BackendName, n: number, k: number, ms: number): Promise<StepTiming> {
  const choice = await chooseBackend(backend);
  const data = makeLine({ seed: 42, n, noise: 0.5 });
  const opt = (o: BenchOptimizer) => benchSpec('autodiff', o).opt;
  const race = new RaceTrainer(data, [opt('gd'), opt('momentum'), opt('adam')]);
  try {
    return await timeBatches(choice.name, n, k, ms, () => race.run(k));
  } finally {
    race.dispose();
  }
}

/**
 * One elementwise pass over n floats (x + 1), k passes chained per readback: the least any GD step
 * costs per pass over the data on this backend. A step needs several (Xa − y, its square and mean,
 * the gradient Xᵀr), so this bounds what any kernel, fused or not, could reach here.
 */
async function passRate(backend: BackendName, n: number, k: number, ms: number): Promise<StepTiming> {
  const choice = await chooseBackend(backend);
  const x = tf.tensor1d(new Float32Array(n).fill(1));
  const one = tf.scalar(1);
  const batch = async (): Promise<void> => {
    let y: Tensor = tf.clone(x);
    for (let i = 0; i < k; i++) {
      const next = tf.add(y, one);
      y.dispose();
      y = next;
    }
    const total = tf.sum(y);
    y.dispose();
    await total.data();
    total.dispose();
  };
  try {
    return await timeBatches(choice.name, n, k, ms, batch);
  } finally {
    tf.dispose([x, one]);
  }
}

/** The floor: the same math in a float64 JS loop over all n points (no sufficient statistics). */
function jsFloor(n: number, ms: number): Promise<StepTiming> {
  const data = makeLine({ seed: 42, n, noise: 0.5 });
  const x = Float64Array.from(data.x0);
  const y = Float64Array.from(data.y);
  let a1 = data.aInit[0];
  let a2 = data.aInit[1];
  // Timers are coarse (≥ 5 µs), so time a batch of steps large enough to read.
  const steps = Math.max(1, Math.ceil(1e6 / n));
  return timeBatches('js-float64', n, steps, ms, () => {
    for (let s = 0; s < steps; s++) {
      let g1 = 0;
      let g2 = 0;
      for (let i = 0; i < n; i++) {
        const r = a1 * x[i]! + a2 - y[i]!;
        g1 += r * x[i]!;
        g2 += r;
      }
      a1 -= (0.01 * 2 * g1) / n;
      a2 -= (0.01 * 2 * g2) / n;
    }
    return Promise.resolve();
  });
}

declare global {
  interface Window {
    bench: {
      stepRate: typeof stepRate;
      raceRate: typeof raceRate;
      passRate: typeof passRate;
      runSteps: (k: number) => Promise<number>;
      jsFloor: typeof jsFloor;
      webglLosses: typeof webglLosses;
      setupFigures: typeof setupFigures;
      figureStep: (f: number) => Promise<void>;
      tensors: () => number;
      gpu: () => string;
    };
  }
}

/**
 * A whole run through the run controller, as the page makes one: started on `params.backend`, then
 * played to its end without animating (batches back to back). The finished controller is returned.
 */
async function runToEnd(params: Params): Promise<RunController> {
  const ctl = RunController.createNow(params, { jump: () => true });
  await ctl.start();
  const ended = new Promise<void>((resolve) => {
    ctl.on('done', () => resolve());
    ctl.on('diverged', () => resolve());
  });
  ctl.play();
  await ended;
  return ctl;
}

/** The losses of a WebGL run of `steps` steps, for tests that change n within one page. */
async function webglLosses(n: number, seed: number, gradient: Gradient, steps: number): Promise<number[]> {
  const ctl = await runToEnd({ ...defaultParams(), n, seed, grad: gradient, steps, noise: 0.5, lr: 0.1, backend: 'webgl' });
  const losses = Array.from(ctl.state.snapshot!.history.losses);
  ctl.dispose();
  return losses;
}

/** The GPU WebGL reports, unmasked where the browser allows (the bench prints it with its numbers). */
function unmaskedRenderer(): string {
  const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
  if (!gl) return 'no WebGL';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

let soak: RunController | null = null;
window.bench = {
  stepRate,
  raceRate,
  passRate,
  /**
   * A cpu run of `steps` steps through the controller, to its end; the controller of the run before
   * is disposed first. Returns the tensors alive after: flat from 10 steps to 10,000, or a leak.
   */
  runSteps: async (steps) => {
    soak?.dispose();
    soak = await runToEnd({ ...defaultParams(), steps, noise: 0.5, lr: 0.01, backend: 'cpu' });
    return tf.memory().numTensors;
  },
  jsFloor,
  webglLosses,
  setupFigures,
  figureStep,
  tensors: () => tf.memory().numTensors,
  gpu: unmaskedRenderer,
};
document.documentElement.dataset.ready = 'true';
