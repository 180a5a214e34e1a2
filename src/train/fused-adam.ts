import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { ADAM_EPS, type OptConfig, type OptState } from '../core/optim';
import type { TfOptimizer } from './optimizers';
import { tf, type Tensor } from './tf';
import { fellBack, programsRun, ranKernel, runProgram } from './webgl-programs';

/**
 * Adam's update on WebGL in two programs instead of thirteen ops: m and v (one [2, 2] tensor, m
 * then v), then a. The same operations in the same order as PyTorch's (core/optim.ts); the GPU may
 * fuse a multiply-add, which the WebGL tolerance of the fixtures (1e-4) allows.
 */
const moments: GPGPUProgram = {
  variableNames: ['mv', 'g'],
  outputShape: [2, 2],
  customUniforms: [
    { name: 'adamB1', type: 'float' },
    { name: 'adamC1', type: 'float' },
    { name: 'adamB2', type: 'float' },
    { name: 'adamC2', type: 'float' },
  ],
  userCode: `
    void main() {
      ivec2 rc = getOutputCoords();
      float g = getG(rc.y);
      if (rc.x == 0) setOutput(getMv(0, rc.y) * adamB1 + adamC1 * g);
      else setOutput(getMv(1, rc.y) * adamB2 + (adamC2 * g) * g);
    }`,
};

const update: GPGPUProgram = {
  variableNames: ['a', 'mv'],
  outputShape: [2],
  customUniforms: [
    { name: 'adamBc2', type: 'float' },
    { name: 'adamEps', type: 'float' },
    { name: 'adamStep', type: 'float' },
  ],
  userCode: `
    void main() {
      int i = getOutputCoords();
      float denom = sqrt(getMv(1, i)) / adamBc2 + adamEps;
      setOutput(getA(i) + (adamStep * getMv(0, i)) / denom);
    }`,
};

class FusedAdam implements TfOptimizer {
  private mv: Tensor;
  private t: number;

  constructor(
    private readonly cfg: OptConfig,
    start: OptState,
  ) {
    this.mv = tf.tensor2d([start.m, start.v]);
    this.t = start.t;
  }

  step(a: Tensor, g: Tensor): Tensor {
    this.t++;
    const { beta1, beta2, lr } = this.cfg;
    const prev = this.mv;
    this.mv = runProgram(moments, [prev, g], [[beta1], [1 - beta1], [beta2], [1 - beta2]]);
    prev.dispose();
    // Python floats in PyTorch: the bias corrections and the step size in float64, one float32 each.
    const stepSize = lr / (1 - beta1 ** this.t);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** this.t);
    ranKernel('adam');
    return runProgram(update, [a, this.mv], [[bc2Sqrt], [ADAM_EPS], [-stepSize]]);
  }

  stateParts(): Tensor[] {
    // m then v, one reshape (no program): the row's four state columns.
    return [tf.reshape(this.mv, [4])];
  }

  dispose(): void {
    this.mv.dispose();
  }
}

/**
 * Adam as two WebGL programs where they run, or null (a fallback, counted) for tfjs ops. A first
 * step on throwaway tensors proves the programs compile before the run relies on them.
 */
export function fusedAdamOrNull(cfg: OptConfig, start: OptState): TfOptimizer | null {
  if (tf.getBackend() !== 'webgl') return null;
  if (!programsRun()) {
    fellBack('this WebGL lacks WebGL 2 or float32 render targets');
    return null;
  }
  try {
    const probe = new FusedAdam(cfg, start);
    const a = tf.zeros([2]);
    const g = tf.zeros([2]);
    const out = tf.tidy(() => new FusedAdam(cfg, start).step(a, g));
    tf.dispose([a, g, out]);
    return probe;
  } catch (e) {
    // tfjs's program API is internal: a version that changed it must cost speed, never the run.
    fellBack(`the WebGL program API failed (${e instanceof Error ? e.message : String(e)})`);
    return null;
  }
}
