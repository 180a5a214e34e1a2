/**
 * The one module that runs programs of its own through tfjs-backend-webgl's program API
 * (MathBackendWebGL.compileAndRun): an internal API, so tfjs is pinned exactly in package.json.
 * Its users (fused-kernel.ts, fused-adam.ts, fused-race.ts) fall back to plain tfjs ops when it fails, and every
 * fallback is counted here: the browser tests assert the programs ran (fast-paths.spec), so an
 * upgrade that quietly loses them fails a test instead of only making the page slower.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { tf, type Tensor } from './tf';

/** The part of MathBackendWebGL used here (typed by shape: the webgl chunk loads later, on demand). */
interface ProgramRunner {
  compileAndRun(program: GPGPUProgram, inputs: TensorInfo[], dtype: 'float32', uniforms?: number[][]): TensorInfo;
}

export function runProgram(program: GPGPUProgram, inputs: Tensor[], uniforms?: number[][]): Tensor {
  if (tf.getBackend() !== 'webgl') throw new Error('a WebGL program runs on the WebGL backend only');
  const backend = tf.backend() as unknown as ProgramRunner;
  return tf.engine().makeTensorFromTensorInfo(backend.compileAndRun(program, inputs, 'float32', uniforms));
}

const stats = { steps: 0, adamSteps: 0, fallbacks: 0, reason: '' };

/** A step ran on a program of ours: the fused gradient, or Adam's fused update. */
export function ranKernel(which: 'gradient' | 'adam'): void {
  if (which === 'gradient') stats.steps++;
  else stats.adamSteps++;
}

/** WebGL had to do without a program of ours, and why. */
export function fellBack(reason: string): void {
  stats.fallbacks++;
  stats.reason = reason;
}

/** Steps the programs took, and runs on WebGL that fell back to plain ops (with the last reason). */
export function kernelStats(): { steps: number; adamSteps: number; fallbacks: number; reason: string } {
  return { ...stats };
}

/**
 * The programs need WebGL 2 (loop bounds that are not constants) and float32 render targets (sums
 * that would overflow half floats; the page leaves such WebGL for cpu anyway, backend.ts, but the
 * programs do not rely on that).
 */
export function programsRun(): boolean {
  const env = tf.env();
  return (
    tf.getBackend() === 'webgl' && env.getNumber('WEBGL_VERSION') === 2 && env.getBool('WEBGL_RENDER_FLOAT32_ENABLED')
  );
}
