/**
 * The hand-derived gradient of the post's MSE, ∇ = (2/n)·Xᵀ(Xa − y), as two custom WebGL programs:
 * one pass over all n points that sums r·x₁, r and r² (r = x₁a₁ + a₂ − y) in PARTS chunks, then one
 * small pass that adds the chunks and takes the step. Autodiff spends about 28 elementwise passes
 * over the data per step (measured: 323 ms at n = 1e6 on SwiftShader); this spends one.
 *
 * Everything is packed (four floats a texel): one fetch reads two points, one write holds a chunk's
 * three sums. Its programs run through webgl-programs.ts, which counts the steps and the times
 * WebGL had to do without them.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { tf, type Tensor } from './tf';
import { fellBack, programsRun, ranKernel, runProgram as run } from './webgl-programs';

/** The fused kernel can run here (WebGL 2 with float32 render targets). */
export const fusedKernelRuns = programsRun;

/** Chunks of the first pass: enough fragments to keep every core busy, few enough to add up at once. */
export const PARTS = 1024;

/** A packed copy of the n × 2 points [x₁, y], made once per run so that no step repacks them. */
const packPoints: GPGPUProgram = {
  variableNames: ['points'],
  outputShape: [],
  packedInputs: true,
  packedOutput: true,
  enableShapeUniforms: true,
  userCode: `
    void main() {
      ivec2 rc = getOutputCoords();
      setOutput(getPoints(rc.x, rc.y));
    }`,
};

/** Texel b holds chunk b's [Σ r·x₁, Σ r, Σ r², 0]; `chunk` is even, so a fetch never straddles chunks. */
const partialSums: GPGPUProgram = {
  variableNames: ['points', 'state'],
  outputShape: [2, 2 * PARTS],
  packedInputs: true,
  packedOutput: true,
  enableShapeUniforms: true,
  customUniforms: [
    { name: 'chunk', type: 'int' },
    { name: 'count', type: 'int' },
  ],
  userCode: `
    void main() {
      int start = (getOutputCoords().y / 2) * chunk;
      int end = min(start + chunk, count);
      vec2 a = getState(0).xy;
      vec3 s = vec3(0.0);
      for (int i = start; i < end; i += 2) {
        vec4 p = getPoints(i, 0);
        float r = a.x * p.x + a.y - p.y;
        s += vec3(r * p.x, r, r * r);
        if (i + 1 < end) {
          r = a.x * p.z + a.y - p.w;
          s += vec3(r * p.z, r, r * r);
        }
      }
      setOutput(vec4(s, 0.0));
    }`,
};

/**
 * state' = [a₁ − step·Σr·x₁, a₂ − step·Σr, Σr²/n, g₁, g₂]: a after the update, and the loss and the
 * gradient (2/n)·[Σr·x₁, Σr] before it. A packed 1-D tensor holds two elements a texel.
 */
const applyStep: GPGPUProgram = {
  variableNames: ['sums', 'state'],
  outputShape: [5],
  packedInputs: true,
  packedOutput: true,
  enableShapeUniforms: true,
  customUniforms: [
    { name: 'step', type: 'float' },
    { name: 'invCount', type: 'float' },
    { name: 'gradScale', type: 'float' },
  ],
  userCode: `
    void main() {
      vec4 s = vec4(0.0);
      for (int b = 0; b < ${String(PARTS)}; b++) s += getSums(0, 2 * b);
      vec2 a = getState(0).xy - step * s.xy;
      vec2 g = gradScale * s.xy;
      int c = getOutputCoords();
      if (c == 0) setOutput(vec4(a, 0.0, 0.0));
      else if (c == 2) setOutput(vec4(s.z * invCount, g.x, 0.0, 0.0));
      else setOutput(vec4(g.y, 0.0, 0.0, 0.0));
    }`,
};

/**
 * The n points as the packed [x₁, y] pairs fusedStep reads (x₂ is the post's column of ones), or
 * null, counted as a fallback, where the kernel cannot run: the caller uses plain tfjs ops.
 */
export function fusedPointsOrNull(x1: Float32Array, y: Float32Array): Tensor | null {
  if (tf.getBackend() !== 'webgl') return null;
  const why = fusedKernelRuns() ? tryPack(x1, y) : 'this WebGL lacks WebGL 2 or float32 render targets';
  if (typeof why !== 'string') return why;
  fellBack(why);
  return null;
}

function tryPack(x1: Float32Array, y: Float32Array): Tensor | string {
  try {
    return packedPoints(x1, y);
  } catch (e) {
    // tfjs's program API is internal: a version that changed it must cost speed, never the run.
    return `the WebGL program API failed (${e instanceof Error ? e.message : String(e)})`;
  }
}

function packedPoints(x1: Float32Array, y: Float32Array): Tensor {
  const n = x1.length;
  const pairs = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    pairs[2 * i] = x1[i]!;
    pairs[2 * i + 1] = y[i]!;
  }
  const plain = tf.tensor2d(pairs, [n, 2]);
  try {
    return run({ ...packPoints, outputShape: [n, 2] }, [plain]);
  } finally {
    plain.dispose();
  }
}

/** One GD step on WebGL: from state [a₁, a₂, …] to [a₁', a₂', loss, g₁, g₂] at (a₁, a₂). */
export function fusedStep(points: Tensor, state: Tensor, lr: number): Tensor {
  const n = points.shape[0];
  const chunk = 2 * Math.ceil(n / (2 * PARTS));
  ranKernel('gradient');
  const sums = run(partialSums, [points, state], [[chunk], [n]]);
  try {
    return run(applyStep, [sums, state], [[(2 * lr) / n], [1 / n], [2 / n]]);
  } finally {
    sums.dispose();
  }
}

/**
 * The kernel's rows (packed [3] tensors) stacked by tfjs's packed concat. The page turns packed
 * built-in ops off (backend.ts), and the unpacked concat would first unpack every row: 1.6 more
 * programs a step, 0.53 → 0.76 ms a step at n = 100. The flag is read as the op runs, and restored.
 */
export function stackPackedRows(rows: Tensor[]): Tensor {
  const env = tf.env();
  const flag = 'WEBGL_PACK_ARRAY_OPERATIONS';
  const was = env.getBool(flag);
  env.set(flag, true);
  try {
    return tf.stack(rows);
  } finally {
    env.set(flag, was);
  }
}
