import type { DataParams } from '../params/table';
import type { OwnData } from './own-data';
import { TorchGenerator } from './torch-rng';

export type { DataParams };
/** What the post's generated line is made from. */
export type LineParams = Pick<DataParams, 'seed' | 'n' | 'noise'>;

/** The true weights of the post: y = 3·x + 2. */
export const A_TRUE: readonly [number, number] = [3, 2];

export interface Dataset {
  /** x[:, 0]; the second column of x is all ones. */
  readonly x0: Float32Array;
  readonly y: Float32Array;
  readonly aInit: readonly [number, number];
  /** The generator right after a_init's draws: mini-batches draw their permutations from a copy. */
  readonly afterInit: TorchGenerator;
  readonly params: Readonly<LineParams>;
  /** The reader's own points this was made from, or null for the post's line. */
  readonly own: OwnData | null;
}

/** Elements generated between two yields of makeLineAsync: a few ms of work. */
export const CHUNK = 1 << 16;

/**
 * The canonical draw order of the PyTorch notebook (docs/ARCHITECTURE.md, "Same seed, same numbers"):
 * n draws for x, n draws for the noise (always, even when noise is 0), 2 draws for a_init.
 * `pause` is awaited between chunks, so a million points never freeze the page; without it the
 * work runs straight through. Both give the same numbers.
 */
function* lineSteps(params: LineParams, out: { data?: Dataset }): Generator<void> {
  const { seed, n, noise } = params;
  const gen = new TorchGenerator(seed);
  const x0 = new Float32Array(n);
  const rand = new Float32Array(n);
  for (let i = 0; i < n; i += CHUNK) {
    gen.uniformInto(x0, i, Math.min(n, i + CHUNK), -1, 1);
    yield;
  }
  for (let i = 0; i < n; i += CHUNK) {
    gen.uniformInto(rand, i, Math.min(n, i + CHUNK), 0, 1);
    yield;
  }
  const init = gen.rand(2);
  const y = new Float32Array(n);
  const f = Math.fround;
  const noiseF = f(noise);
  for (let i = 0; i < n; i++) {
    // x @ a in float32: a dot product of the row [x0, 1] with [3, 2].
    const xa = f(f(x0[i]! * A_TRUE[0]) + A_TRUE[1]);
    y[i] = f(xa + f(noiseF * rand[i]!));
  }
  out.data = { x0, y, aInit: [init[0]!, init[1]!], afterInit: gen, params: { seed, n, noise }, own: null };
}

export function makeLine(params: LineParams): Dataset {
  const out: { data?: Dataset } = {};
  const steps = lineSteps(params, out);
  while (!steps.next().done);
  return out.data!;
}

export async function makeLineAsync(params: LineParams, pause: () => Promise<void>): Promise<Dataset> {
  const out: { data?: Dataset } = {};
  const steps = lineSteps(params, out);
  while (!steps.next().done) await pause();
  return out.data!;
}

/**
 * The reader's points, as the program for own data makes them: torch.tensor rounds each value to
 * float32 (as Float32Array does, to nearest), and a_init is the first two draws after the seed.
 */
export function ownDataset(own: OwnData, seed: number): Dataset {
  const gen = new TorchGenerator(seed);
  const init = gen.rand(2);
  const n = own.x.length;
  return {
    x0: Float32Array.from(own.x),
    y: Float32Array.from(own.y),
    aInit: [init[0]!, init[1]!],
    afterInit: gen,
    params: { seed, n, noise: 0 },
    own,
  };
}

/** The run's points: the reader's own when given, else the post's line. */
export function makeData(params: DataParams): Dataset {
  return params.data ? ownDataset(params.data, params.seed) : makeLine(params);
}
