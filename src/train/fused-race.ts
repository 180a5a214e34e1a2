import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { ADAM_EPS, type OptConfig } from '../core/optim';
import { tf, type Tensor } from './tf';
import { fellBack, programsRun, ranKernel, runProgram } from './webgl-programs';

/**
 * The race's three updates on WebGL in two programs: rows 0, 1, 2 of a are plain GD, SGD with
 * momentum and Adam. The state S [3, 4] holds row 1's buffer and row 2's m and v (row 0 none).
 * The same operations as core/optim.ts row by row (a first momentum buffer of g is β·0 + g).
 */
const state: GPGPUProgram = {
  variableNames: ['s', 'g'],
  outputShape: [3, 4],
  customUniforms: [
    { name: 'raceBeta', type: 'float' },
    { name: 'raceB1', type: 'float' },
    { name: 'raceC1', type: 'float' },
    { name: 'raceB2', type: 'float' },
    { name: 'raceC2', type: 'float' },
  ],
  userCode: `
    void main() {
      ivec2 rc = getOutputCoords();
      int j = rc.y < 2 ? rc.y : rc.y - 2;
      float g = getG(rc.x, j);
      float s = getS(rc.x, rc.y);
      float o = 0.0;
      if (rc.x == 1 && rc.y < 2) o = s * raceBeta + g;
      else if (rc.x == 2) o = rc.y < 2 ? s * raceB1 + raceC1 * g : s * raceB2 + (raceC2 * g) * g;
      setOutput(o);
    }`,
};

const params: GPGPUProgram = {
  variableNames: ['a', 'g', 's'],
  outputShape: [3, 2],
  customUniforms: [
    { name: 'raceLr', type: 'float' },
    { name: 'raceBeta', type: 'float' },
    { name: 'raceNesterov', type: 'float' },
    { name: 'raceBc2', type: 'float' },
    { name: 'raceEps', type: 'float' },
    { name: 'raceStep', type: 'float' },
  ],
  userCode: `
    void main() {
      ivec2 rc = getOutputCoords();
      float a = getA(rc.x, rc.y);
      float g = getG(rc.x, rc.y);
      float o;
      if (rc.x == 0) o = a - raceLr * g;
      else if (rc.x == 1) {
        float buf = getS(1, rc.y);
        float d = raceNesterov > 0.5 ? g + raceBeta * buf : buf;
        o = a - raceLr * d;
      } else {
        float denom = sqrt(getS(2, rc.y + 2)) / raceBc2 + raceEps;
        o = a + (raceStep * getS(2, rc.y)) / denom;
      }
      setOutput(o);
    }`,
};

/** The race's updates fused: new to old a and state, each step. */
export class FusedRace {
  private s: Tensor = tf.zeros([3, 4]);
  private t = 0;

  constructor(
    private readonly momentum: OptConfig,
    private readonly adam: OptConfig,
  ) {}

  /** a [3, 2] after one step of all three with gradients g [3, 2]; the caller owns the result. */
  step(a: Tensor, g: Tensor): Tensor {
    this.t++;
    const { beta1, beta2, lr } = this.adam;
    const prev = this.s;
    this.s = runProgram(state, [prev, g], [[this.momentum.momentum], [beta1], [1 - beta1], [beta2], [1 - beta2]]);
    prev.dispose();
    ranKernel('adam');
    const stepSize = lr / (1 - beta1 ** this.t);
    const bc2 = Math.sqrt(1 - beta2 ** this.t);
    const nesterov = this.momentum.nesterov ? 1 : 0;
    return runProgram(
      params,
      [a, g, this.s],
      [[lr], [this.momentum.momentum], [nesterov], [bc2], [ADAM_EPS], [-stepSize]],
    );
  }

  dispose(): void {
    this.s.dispose();
  }
}

/** The fused race where the configs are the race's (GD, momentum, Adam at one lr) and the programs run. */
export function fusedRaceOrNull(configs: readonly OptConfig[]): FusedRace | null {
  const [gd, mom, adam] = configs;
  const canonical =
    configs.length === 3 &&
    gd?.opt === 'sgd' &&
    gd.momentum === 0 &&
    mom?.opt === 'sgd' &&
    adam?.opt === 'adam' &&
    gd.lr === mom.lr &&
    mom.lr === adam.lr;
  if (!canonical || tf.getBackend() !== 'webgl') return null;
  if (!programsRun()) {
    fellBack('this WebGL lacks WebGL 2 or float32 render targets');
    return null;
  }
  try {
    const probe = new FusedRace(mom, adam);
    const out = tf.tidy(() => probe.step(tf.zeros([3, 2]), tf.zeros([3, 2])));
    out.dispose();
    probe.dispose();
    return new FusedRace(mom, adam);
  } catch (e) {
    fellBack(`the WebGL program API failed (${e instanceof Error ? e.message : String(e)})`);
    return null;
  }
}
