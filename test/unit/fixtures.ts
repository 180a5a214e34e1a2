import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeLine, ownDataset, type Dataset } from '../../src/core/dataset';
import { STATE_COLS, type StepBatch } from '../../src/core/history';
import { ownData } from '../../src/core/own-data';
import type { OptConfig } from '../../src/core/optim';

/** JSON has no inf/nan, so the fixture script writes them as strings. */
export type FixtureNumber = number | 'inf' | '-inf' | 'nan';

export function num(v: FixtureNumber): number {
  if (typeof v === 'number') return v;
  return v === 'nan' ? NaN : v === 'inf' ? Infinity : -Infinity;
}

export interface TorchRun {
  name: string;
  params: { seed: number; n: number; noise: number; lr: number; steps: number };
  x0: number[];
  y: number[];
  a_init: [number, number];
  analysis: { a_star: [number, number]; hessian: [[number, number], [number, number]]; eigenvalues: [number, number] };
  losses: FixtureNumber[];
  a_path: [FixtureNumber, FixtureNumber][];
  printed: { x_head: string; a_true: string; a_init: string; losses: string[]; a_final: string };
}

export interface FormatCase {
  kind: 'vector' | 'loss' | 'matrix';
  values: FixtureNumber[];
  shape?: [number, number];
  str: string;
}

export const FIXTURE_DIR = join(import.meta.dirname, '..', 'fixtures', 'torch');

export function torchRuns(): TorchRun[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'format-cases.json')
    .sort()
    .map((f) => JSON.parse(readFileSync(join(FIXTURE_DIR, f), 'utf8')) as TorchRun);
}

export function formatCases(): FormatCase[] {
  const raw = JSON.parse(readFileSync(join(FIXTURE_DIR, 'format-cases.json'), 'utf8')) as { cases: FormatCase[] };
  return raw.cases;
}

/** A run is stable when every loss is finite and it ends below where it started. */
export function isStable(run: TorchRun): boolean {
  const l = run.losses.map(num);
  return l.every(Number.isFinite) && l[l.length - 1]! < l[0]!;
}

/** A batch of steps with only losses and a (gradients and optimizer state zero), for tests of views. */
export function batchOf(losses: Float32Array, aAfter: Float32Array): StepBatch {
  return {
    losses,
    aAfter,
    grads: new Float32Array(2 * losses.length),
    states: new Float32Array(STATE_COLS * losses.length),
  };
}

/** A run of real torch.optim (tools/torch_optim_fixtures.py). */
export interface OptimRun {
  name: string;
  params: {
    seed: number;
    n: number;
    noise: number;
    lr: number;
    steps: number;
    opt: 'sgd' | 'adam';
    momentum: number;
    nesterov: 0 | 1;
    beta1: number;
    beta2: number;
    batch: number;
  };
  data: [number, number][] | null;
  /** Own data only: what the program prints for x[:5] and y[:5]. */
  x_head_str?: string;
  y_head_str?: string;
  x0: number[];
  y: number[];
  a_init: [number, number];
  perms: number[][];
  steps: {
    loss: FixtureNumber;
    grad: [FixtureNumber, FixtureNumber];
    grad_str: string;
    a: [FixtureNumber, FixtureNumber];
    a_str: string;
    state: { buf?: [number, number]; m?: [number, number]; v?: [number, number] };
    /** The X-ray of the batch's first points at a_t (tools/torch_optim_fixtures.py, add_xray). */
    xray: {
      index: number[];
      y_hat_str: string;
      r_str: string;
      dy_hat_str: string;
      contrib: [number, number][];
      contrib_str: string;
    };
  }[];
  printed: string[];
}

const OPTIM_DIR = join(FIXTURE_DIR, 'optim');
export const optimRuns = (): OptimRun[] =>
  readdirSync(OPTIM_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'randperm.json')
    .sort()
    .map((f) => JSON.parse(readFileSync(join(OPTIM_DIR, f), 'utf8')) as OptimRun);

export const configOf = (r: OptimRun): OptConfig => ({
  opt: r.params.opt,
  lr: r.params.lr,
  momentum: r.params.momentum,
  nesterov: r.params.nesterov === 1,
  beta1: r.params.beta1,
  beta2: r.params.beta2,
});

/** The run's points as the page makes them: the seed's line, or the hand-written data given. */
export function fixtureData(r: OptimRun): Dataset {
  const p = r.params;
  if (!r.data) return makeLine({ seed: p.seed, n: p.n, noise: p.noise });
  return ownDataset(
    ownData(
      r.data.map((d) => d[0]),
      r.data.map((d) => d[1]),
    ),
    p.seed,
  );
}
