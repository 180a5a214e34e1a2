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

interface SetSpec<T extends string> {
  kind: 'set';
  label: string;
  options: readonly T[];
}

export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
/** How a step gets its gradient: autodiff (the lesson), or the closed form written out by hand. */
export const GRADIENTS = ['autodiff', 'closed'] as const;
export type Gradient = (typeof GRADIENTS)[number];
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const BACKGROUNDS = ['page', 'transparent'] as const;
export type Background = (typeof BACKGROUNDS)[number];
/** Panels that hide flags can remove (mostly for embeds). */
export const PANELS = ['data', 'fit', 'loss', 'landscape', 'log', 'controls'] as const;
export type Panel = (typeof PANELS)[number];

export const PARAM_SPECS = {
  lr: { kind: 'number', label: 'learning rate', default: 0.1, min: 1e-3, max: 3, scale: 'log', digits: 3 },
  noise: { kind: 'number', label: 'noise', default: 0, min: 0, max: 2, scale: 'linear', step: 0.05 },
  n: { kind: 'int', label: 'n (points)', default: 100, min: 2, max: 1_000_000, scale: 'log' },
  steps: { kind: 'int', label: 'steps', default: 100, min: 1, max: 10000, scale: 'log' },
  seed: { kind: 'int', label: 'seed', default: 42, min: 0, max: 4294967295, scale: 'linear', step: 1 },
  speed: { kind: 'number', label: 'speed', default: 50, min: 1, max: 2000, scale: 'log', digits: 2, unit: 'steps/s' },
  backend: { kind: 'choice', label: 'backend', default: 'webgl', options: BACKENDS },
  grad: { kind: 'choice', label: 'gradient', default: 'autodiff', options: GRADIENTS },
  theme: { kind: 'choice', label: 'theme', default: 'auto', options: THEMES },
  bg: { kind: 'choice', label: 'background', default: 'page', options: BACKGROUNDS },
  hide: { kind: 'set', label: 'hidden panels', options: PANELS },
} as const satisfies Record<string, NumberSpec | ChoiceSpec<string> | SetSpec<string>>;

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
  grad: Gradient;
  theme: Theme;
  bg: Background;
  /** Sorted, without duplicates, so that equal sets serialise equally. */
  hide: readonly Panel[];
}

export type ChoiceParam = 'backend' | 'grad' | 'theme' | 'bg';

export const PARAM_NAMES = Object.keys(PARAM_SPECS) as ParamName[];
export const NUMERIC_PARAMS = PARAM_NAMES.filter(
  (k): k is NumericParam => PARAM_SPECS[k].kind === 'number' || PARAM_SPECS[k].kind === 'int',
);

export function defaultParams(): Params {
  return {
    lr: PARAM_SPECS.lr.default,
    noise: PARAM_SPECS.noise.default,
    n: PARAM_SPECS.n.default,
    steps: PARAM_SPECS.steps.default,
    seed: PARAM_SPECS.seed.default,
    speed: PARAM_SPECS.speed.default,
    backend: PARAM_SPECS.backend.default,
    grad: PARAM_SPECS.grad.default,
    theme: PARAM_SPECS.theme.default,
    bg: PARAM_SPECS.bg.default,
    hide: [],
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

function parseChoice(name: ChoiceParam, raw: string, params: Params, notices: string[]): void {
  const options: readonly string[] = PARAM_SPECS[name].options;
  if (!options.includes(raw)) {
    notices.push(`${name}=${shorten(raw)} is not one of ${options.join(', ')}; using ${params[name]}.`);
    return;
  }
  if (name === 'backend') params.backend = raw as BackendName;
  else if (name === 'grad') params.grad = raw as Gradient;
  else if (name === 'theme') params.theme = raw as Theme;
  else params.bg = raw as Background;
}

function parseHide(raw: string, params: Params, notices: string[]): void {
  const options: readonly string[] = PANELS;
  const wanted = raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const bad = wanted.filter((p) => !options.includes(p));
  if (bad.length) notices.push(`hide: ${bad.map(shorten).join(', ')} ignored; panels are ${PANELS.join(', ')}.`);
  params.hide = PANELS.filter((p) => wanted.includes(p));
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseNumber(name: NumericParam, raw: string, params: Params, notices: string[]): void {
  const s = numberSpec(name);
  // Plain decimal notation only: Number() would also take "0x10", "0b11" and "1e" → NaN, and a
  // link that quietly means 16 is a silent wrong answer.
  const v = DECIMAL.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(v)) {
    notices.push(`${name}=${shorten(raw)} is not a number; using the default ${params[name]}.`);
    return;
  }
  const inRange = clamp(name, v);
  if (inRange !== v)
    notices.push(`${name}=${shorten(raw)} is outside ${s.min}–${s.max}; using ${quantize(name, inRange)}.`);
  const q = clamp(name, quantize(name, inRange));
  if (s.kind === 'int' && inRange === v && q !== v)
    notices.push(`${name}=${shorten(raw)} must be a whole number; using ${q}.`);
  params[name] = q;
}

/** Read Params from a query string (or any name/value pairs). Never throws; every correction is explained. */
export function parseParams(search: string | Iterable<[string, string]>): ParseResult {
  const params = defaultParams();
  const notices: string[] = [];
  const pairs = typeof search === 'string' ? new URLSearchParams(search) : search;
  const seen = new Set<string>();
  for (const [key, raw] of pairs) {
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
    if (name === 'backend' || name === 'grad' || name === 'theme' || name === 'bg')
      parseChoice(name, raw, params, notices);
    else if (name === 'hide') parseHide(raw, params, notices);
    else parseNumber(name, raw, params, notices);
  }
  return { params, notices };
}

/** Name/value pairs for Params, listing only what differs from the defaults. */
export function toPairs(params: Params): [string, string][] {
  const d = defaultParams();
  const out: [string, string][] = [];
  for (const name of PARAM_NAMES) {
    if (name === 'hide') {
      if (params.hide.length) out.push(['hide', params.hide.join(',')]);
    } else if (params[name] !== d[name]) out.push([name, String(params[name])]);
  }
  return out;
}

/** The query string for Params, listing only what differs from the defaults. */
export function toQuery(params: Params): string {
  const s = new URLSearchParams(toPairs(params)).toString();
  return s ? `?${s}` : '';
}
