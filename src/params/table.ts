import type { OwnData } from '../core/own-data';

/**
 * One declarative table of every parameter: its type, default, range, what a change to it
 * affects, and which control edits it. Params, the defaults, URL parsing and writing, the
 * generated controls and the controller's "restart or not" decision all read it, so they can
 * never disagree. Adding a parameter is one entry here plus the code that uses its value.
 */
export type Scale = 'linear' | 'log';

/**
 * What a change reaches. 'data': the points are made again (and so is everything after them).
 * 'run': the same points, a new run from step 0. 'view': only how the run is shown or paced.
 */
export type Affects = 'data' | 'run' | 'view';

/** The control that edits a parameter; null: only the URL, an embed attribute or the host API. */
export type ControlKind = 'slider' | 'number' | 'select' | null;

export interface NumberSpec {
  kind: 'number' | 'int';
  label: string;
  affects: Affects;
  control: ControlKind;
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

export interface ChoiceSpec<T extends string = string> {
  kind: 'choice';
  label: string;
  affects: Affects;
  control: ControlKind;
  default: T;
  options: readonly T[];
  /** What a select shows for each option, where the option's name alone says too little. */
  labels?: Readonly<Record<T, string>>;
}

/**
 * Several of the options. 'set' (hide=log,data) is unordered: sorted on read, so equal sets
 * serialise equally. 'list' (view=loss,fit) keeps the order given, without repeats.
 */
export interface SetSpec<T extends string = string> {
  kind: 'set' | 'list';
  label: string;
  affects: Affects;
  control: null;
  options: readonly T[];
}

/** The reader's own points (core/own-data.ts), or null for the post's line. They set n; noise does not apply. */
export interface PointsSpec {
  kind: 'points';
  label: string;
  affects: 'data';
  control: null;
}

export type ParamSpec = NumberSpec | ChoiceSpec | SetSpec | PointsSpec;

export const BACKENDS = ['webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
/** How a step gets its gradient: autodiff (the lesson), or the closed form written out by hand. */
export const GRADIENTS = ['autodiff', 'closed'] as const;
export type Gradient = (typeof GRADIENTS)[number];
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const BACKGROUNDS = ['page', 'transparent'] as const;
export type Background = (typeof BACKGROUNDS)[number];
/** torch.optim.SGD (plain, momentum, Nesterov) or torch.optim.Adam. */
export const OPTIMIZERS = ['sgd', 'adam'] as const;
export type Optimizer = (typeof OPTIMIZERS)[number];
export const SWITCH = ['0', '1'] as const;
/** The batch when none is given: at least n, so every step sees every point. */
export const FULL_BATCH = 1_000_000;
/** Panels that hide flags can remove (mostly for embeds). */
export const PANELS = ['data', 'fit', 'loss', 'landscape', 'log', 'controls'] as const;
export type Panel = (typeof PANELS)[number];

export const PARAM_SPECS = {
  lr: {
    kind: 'number',
    label: 'learning rate',
    affects: 'run',
    control: 'slider',
    default: 0.1,
    min: 1e-3,
    max: 3,
    scale: 'log',
    digits: 3,
  },
  noise: {
    kind: 'number',
    label: 'noise',
    affects: 'data',
    control: 'slider',
    default: 0,
    min: 0,
    max: 2,
    scale: 'linear',
    step: 0.05,
  },
  n: {
    kind: 'int',
    label: 'n (points)',
    affects: 'data',
    control: 'slider',
    default: 100,
    min: 2,
    max: 1_000_000,
    scale: 'log',
  },
  steps: {
    kind: 'int',
    label: 'steps',
    affects: 'run',
    control: 'slider',
    default: 100,
    min: 1,
    max: 10000,
    scale: 'log',
  },
  seed: {
    kind: 'int',
    label: 'seed',
    affects: 'data',
    control: 'number',
    default: 42,
    min: 0,
    max: 4294967295,
    scale: 'linear',
    step: 1,
  },
  data: { kind: 'points', label: 'your data', affects: 'data', control: null },
  speed: {
    kind: 'number',
    label: 'speed',
    affects: 'view',
    control: 'slider',
    default: 50,
    min: 1,
    max: 2000,
    scale: 'log',
    digits: 2,
    unit: 'steps/s',
  },
  backend: { kind: 'choice', label: 'backend', affects: 'run', control: 'select', default: 'webgl', options: BACKENDS },
  grad: {
    kind: 'choice',
    label: 'gradient',
    affects: 'run',
    control: 'select',
    default: 'autodiff',
    options: GRADIENTS,
    labels: { autodiff: 'autodiff: loss.backward()', closed: 'closed form: (2/n)\u00B7X\u1D40(Xa \u2212 y)' },
  },
  opt: {
    kind: 'choice',
    label: 'optimizer',
    affects: 'run',
    control: 'select',
    default: 'sgd',
    options: OPTIMIZERS,
    labels: { sgd: 'SGD: torch.optim.SGD', adam: 'Adam: torch.optim.Adam' },
  },
  momentum: {
    kind: 'number',
    label: 'momentum \u03B2',
    affects: 'run',
    control: 'slider',
    default: 0,
    min: 0,
    max: 0.99,
    scale: 'linear',
    step: 0.01,
  },
  nesterov: {
    kind: 'choice',
    label: 'Nesterov',
    affects: 'run',
    control: 'select',
    default: '0',
    options: SWITCH,
    labels: { '0': 'off', '1': 'on (nesterov=True)' },
  },
  beta1: {
    kind: 'number',
    label: 'Adam \u03B2\u2081',
    affects: 'run',
    control: 'number',
    default: 0.9,
    min: 0,
    max: 0.999,
    scale: 'linear',
    step: 0.001,
  },
  beta2: {
    kind: 'number',
    label: 'Adam \u03B2\u2082',
    affects: 'run',
    control: 'number',
    default: 0.999,
    min: 0,
    max: 0.9999,
    scale: 'linear',
    step: 0.0001,
  },
  batch: {
    kind: 'int',
    label: 'batch',
    affects: 'run',
    control: 'number',
    default: FULL_BATCH,
    min: 1,
    max: FULL_BATCH,
    scale: 'log',
  },
  theme: { kind: 'choice', label: 'theme', affects: 'view', control: null, default: 'auto', options: THEMES },
  bg: { kind: 'choice', label: 'background', affects: 'view', control: null, default: 'page', options: BACKGROUNDS },
  hide: { kind: 'set', label: 'hidden panels', affects: 'view', control: null, options: PANELS },
  /** The embed's panels up front, in order (the rest sit behind its "more"); the page shows all. */
  view: { kind: 'list', label: 'panels shown', affects: 'view', control: null, options: PANELS },
} as const satisfies Record<string, ParamSpec>;

type Specs = typeof PARAM_SPECS;
export type ParamName = keyof Specs;

/** The value type of one entry: a number, one of its options, or a sorted list of its options. */
type ValueOf<S> = S extends { kind: 'number' | 'int' }
  ? number
  : S extends { kind: 'choice'; options: readonly (infer T)[] }
    ? T
    : S extends { kind: 'set' | 'list'; options: readonly (infer T)[] }
      ? readonly T[]
      : S extends { kind: 'points' }
        ? OwnData | null
        : never;

export type Params = { -readonly [K in ParamName]: ValueOf<Specs[K]> };

type NamesWhere<Cond> = { [K in ParamName]: Specs[K] extends Cond ? K : never }[ParamName];
export type NumericParam = NamesWhere<{ kind: 'number' | 'int' }>;
export type ChoiceParam = NamesWhere<{ kind: 'choice' }>;
export type SetParam = NamesWhere<{ kind: 'set' | 'list' }>;
/** The parameters the points are made from: a change to one makes new data. */
export type DataParam = NamesWhere<{ affects: 'data' }>;
export type DataParams = Pick<Params, DataParam>;

export const PARAM_NAMES = Object.keys(PARAM_SPECS) as ParamName[];

export function specOf(name: ParamName): ParamSpec {
  return PARAM_SPECS[name];
}

const namesOfKind = <K extends ParamName>(test: (s: ParamSpec) => boolean): K[] =>
  PARAM_NAMES.filter((k) => test(specOf(k))) as K[];

export const NUMERIC_PARAMS = namesOfKind<NumericParam>((s) => s.kind === 'number' || s.kind === 'int');
export const CHOICE_PARAMS = namesOfKind<ChoiceParam>((s) => s.kind === 'choice');
export const DATA_PARAMS = namesOfKind<DataParam>((s) => s.affects === 'data');

export function numberSpec(name: NumericParam): NumberSpec {
  return PARAM_SPECS[name];
}

export function choiceSpec(name: ChoiceParam): ChoiceSpec {
  return PARAM_SPECS[name];
}

export function defaultParams(): Params {
  const p = {} as Record<ParamName, unknown>;
  for (const name of PARAM_NAMES) {
    const s = specOf(name);
    p[name] = 'default' in s ? s.default : s.kind === 'points' ? null : [];
  }
  return p as Params;
}
