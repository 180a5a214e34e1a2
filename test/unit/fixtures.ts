import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

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
