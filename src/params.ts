/**
 * One declarative table of every parameter. It drives the controls, the defaults and URL
 * parsing/writing, so the three can never disagree.
 */
export type Scale = 'linear' | 'log';

export interface NumberSpec {
  kind: 'number' | 'int';
  label: string;
  default: number;
  min: number;
  max: number;
  scale: Scale;
  /** Significant digits kept, so that the value shown is exactly the value used. */
  digits?: number;
  /** Step for linear sliders. */
  step?: number;
  unit?: string;
}

interface ChoiceSpec<T extends string> {
  kind: 'choice';
  label: string;
  default: T;
  options: readonly T[];
}

export const BACKENDS = ['webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export const PARAM_SPECS = {
  lr: { kind: 'number', label: 'learning rate', default: 0.1, min: 1e-3, max: 3, scale: 'log', digits: 3 },
  noise: { kind: 'number', label: 'noise', default: 0, min: 0, max: 2, scale: 'linear', step: 0.05 },
  n: { kind: 'int', label: 'n (points)', default: 100, min: 2, max: 1000, scale: 'log' },
  steps: { kind: 'int', label: 'steps', default: 100, min: 1, max: 10000, scale: 'log' },
  seed: { kind: 'int', label: 'seed', default: 42, min: 0, max: 4294967295, scale: 'linear', step: 1 },
  speed: { kind: 'number', label: 'speed', default: 50, min: 1, max: 2000, scale: 'log', digits: 2, unit: 'steps/s' },
  backend: { kind: 'choice', label: 'backend', default: 'webgl', options: BACKENDS },
} as const satisfies Record<string, NumberSpec | ChoiceSpec<string>>;

export type ParamName = keyof typeof PARAM_SPECS;
export type NumericParam = { [K in ParamName]: (typeof PARAM_SPECS)[K] extends NumberSpec ? K : never }[ParamName];

export interface Params {
  lr: number;
  noise: number;
  n: number;
  steps: number;
  seed: number;
  speed: number;
  backend: BackendName;
}

export const PARAM_NAMES = Object.keys(PARAM_SPECS) as ParamName[];
export const NUMERIC_PARAMS = PARAM_NAMES.filter((k): k is NumericParam => PARAM_SPECS[k].kind !== 'choice');

export function defaultParams(): Params {
  return {
    lr: PARAM_SPECS.lr.default,
    noise: PARAM_SPECS.noise.default,
    n: PARAM_SPECS.n.default,
    steps: PARAM_SPECS.steps.default,
    seed: PARAM_SPECS.seed.default,
    speed: PARAM_SPECS.speed.default,
    backend: PARAM_SPECS.backend.default,
  };
}

export function numberSpec(name: NumericParam): NumberSpec {
  return PARAM_SPECS[name];
}

function roundSignificant(v: number, digits: number): number {
  if (v === 0) return 0;
  return Number(v.toPrecision(digits));
}

/** Bring a finite number onto the parameter's grid (integer, significant digits, step). */
export function quantize(name: NumericParam, v: number): number {
  const s = numberSpec(name);
  if (s.kind === 'int') return Math.round(v);
  if (s.digits !== undefined) return roundSignificant(v, s.digits);
  if (s.step !== undefined) return Number((Math.round(v / s.step) * s.step).toFixed(10));
  return v;
}

export function clamp(name: NumericParam, v: number): number {
  const s = numberSpec(name);
  return Math.min(s.max, Math.max(s.min, v));
}

/** Slider positions run 0..SLIDER_STEPS; log parameters spread them evenly in log space. */
export const SLIDER_STEPS = 1000;

export function toSlider(name: NumericParam, v: number): number {
  const s = numberSpec(name);
  const t = s.scale === 'log' ? Math.log(v / s.min) / Math.log(s.max / s.min) : (v - s.min) / (s.max - s.min);
  return Math.round(Math.min(1, Math.max(0, t)) * SLIDER_STEPS);
}

export function fromSlider(name: NumericParam, pos: number): number {
  const s = numberSpec(name);
  const t = pos / SLIDER_STEPS;
  const v = s.scale === 'log' ? s.min * (s.max / s.min) ** t : s.min + t * (s.max - s.min);
  return clamp(name, quantize(name, v));
}

/** A URL-derived value is only ever shown as text, and never in full if it is long. */
function shorten(raw: string): string {
  return raw.length > 24 ? JSON.stringify(raw.slice(0, 24) + '…') : JSON.stringify(raw);
}

export interface ParseResult {
  params: Params;
  /** Human-readable reasons for every value that was ignored or changed. */
  notices: string[];
}

/** Read Params from a query string. Never throws; every correction is explained in `notices`. */
export function parseParams(search: string): ParseResult {
  const params = defaultParams();
  const notices: string[] = [];
  const query = new URLSearchParams(search);
  const seen = new Set<string>();
  for (const [key, raw] of query) {
    if (seen.has(key)) {
      notices.push(`${shorten(key)} was given more than once; the first value is used.`);
      continue;
    }
    seen.add(key);
    if (!(PARAM_NAMES as string[]).includes(key)) {
      notices.push(`Unknown parameter ${shorten(key)} was ignored.`);
      continue;
    }
    const name = key as ParamName;
    if (name === 'backend') {
      const options: readonly string[] = PARAM_SPECS.backend.options;
      if (options.includes(raw)) params.backend = raw as BackendName;
      else notices.push(`backend=${shorten(raw)} is not one of ${options.join(', ')}; using ${params.backend}.`);
      continue;
    }
    const s = numberSpec(name);
    const v = raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isFinite(v)) {
      notices.push(`${name}=${shorten(raw)} is not a number; using the default ${params[name]}.`);
      continue;
    }
    let out = clamp(name, v);
    if (out !== v) notices.push(`${name}=${shorten(raw)} is outside ${s.min}–${s.max}; using ${quantize(name, out)}.`);
    const q = clamp(name, quantize(name, out));
    if (s.kind === 'int' && out === v && q !== v)
      notices.push(`${name}=${shorten(raw)} must be a whole number; using ${q}.`);
    out = q;
    params[name] = out;
  }
  return { params, notices };
}

/** The query string for Params, listing only what differs from the defaults. */
export function toQuery(params: Params): string {
  const d = defaultParams();
  const q = new URLSearchParams();
  for (const name of PARAM_NAMES) if (params[name] !== d[name]) q.set(name, String(params[name]));
  const s = q.toString();
  return s ? `?${s}` : '';
}
