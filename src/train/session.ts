import type { Dataset } from '../core/dataset';
import type { BackendName, Gradient } from '../params/table';
import { chooseBackend, type BackendChoice } from './backend';
import { tf } from './tf';
import { fusedKernelRuns } from './fused-kernel';
import { kernelStats } from './webgl-programs';
import { RaceTrainer } from './race-trainer';
import { plainSpec, readbackCount, Trainer } from './trainer';

/** Everything the page needs from the tfjs side, behind one dynamic import. */
export { chooseBackend, fusedKernelRuns, kernelStats, RaceTrainer, readbackCount, Trainer };
export type { BackendChoice };

/**
 * Compile the backend's programs for this n with one throwaway step, so the reader's first
 * Run does not pay for shader compilation (280–600 ms on WebGL, docs/ARCHITECTURE.md, "Measured facts").
 */
export async function warmUp(data: Dataset, gradient: Gradient): Promise<void> {
  const t = new Trainer(data, plainSpec(0, gradient));
  try {
    await t.run(1);
  } finally {
    t.dispose();
  }
}

export function tensorCount(): number {
  return tf.memory().numTensors;
}

/** WebGL programs compiled so far (each compile stalls the page), or null off WebGL. */
export function compiledPrograms(): number | null {
  if (tf.getBackend() !== 'webgl') return null;
  const cache = (tf.backend() as unknown as { binaryCache?: Record<string, unknown> }).binaryCache;
  return cache ? Object.keys(cache).length : null;
}

export function activeBackend(): BackendName {
  return tf.getBackend() as BackendName;
}

export interface BackendTiming {
  name: BackendName;
  msPerStep: number;
}

/**
 * Time the same steps (with the run's gradient) on every backend this browser can run, for the current n, then return to
 * `active`. Training must be idle: backends are global in tfjs. Once `stop()` says so (the reader
 * asked for something), it stops at the next backend and returns what it has.
 */
export async function compareBackends(
  data: Dataset,
  active: BackendName,
  gradient: Gradient,
  names: readonly BackendName[] = ['webgl', 'wasm', 'cpu'],
  stop: () => boolean = () => false,
): Promise<BackendTiming[]> {
  const out: BackendTiming[] = [];
  try {
    for (const name of names) {
      if (stop()) break;
      const choice = await chooseBackend(name);
      if (choice.name !== name) continue;
      const t = new Trainer(data, plainSpec(0.01, gradient));
      try {
        await t.run(2); // compile and upload first
        // cpu runs on the main thread: at large n keep the probe to a few steps.
        const k = data.x0.length > 100_000 ? 1 : 10;
        const times: number[] = [];
        for (let i = 0; i < 3 && !stop(); i++) {
          const t0 = performance.now();
          await t.run(k);
          times.push((performance.now() - t0) / k);
        }
        times.sort((a, b) => a - b);
        if (times.length === 3) out.push({ name, msPerStep: times[1]! });
      } finally {
        t.dispose();
      }
    }
  } finally {
    await chooseBackend(active);
  }
  return out;
}

/** One plain sentence about which backend is fastest at this n, measured here. */
export function backendAdvice(timings: readonly BackendTiming[], active: BackendName, n: number): string {
  const mine = timings.find((t) => t.name === active);
  const best = [...timings].sort((a, b) => a.msPerStep - b.msPerStep)[0];
  if (!mine || !best) return '';
  const list = timings.map((t) => `${t.name} ${t.msPerStep.toPrecision(2)} ms`).join(', ');
  if (best.name === active) return `At n = ${n}, ${active} is the fastest backend here (${list} per step).`;
  const ratio = mine.msPerStep / best.msPerStep;
  return `At n = ${n}, ${best.name} is ${ratio.toPrecision(2)}\u00D7 faster than ${active} here (${list} per step).`;
}
