import { checkPoints, describeProblem, readPoints, writeLinkPoints } from '../core/own-data';
import { isPoints, sameValue } from './same';
import { clamp, quantize } from './scale';
import {
  defaultParams,
  FULL_BATCH,
  numberSpec,
  PARAM_NAMES,
  PARAM_SPECS,
  specOf,
  type ChoiceSpec,
  type NumericParam,
  type ParamName,
  type Params,
  type SetSpec,
} from './table';

/** A URL-derived value is only ever shown as text, and never in full if it is long. */
export function shorten(raw: string): string {
  return raw.length > 24 ? JSON.stringify(raw.slice(0, 24) + '…') : JSON.stringify(raw);
}

export interface ParseResult {
  params: Params;
  /** Human-readable reasons for every value that was ignored or changed. */
  notices: string[];
}

/** Params as a plain record, for the parsers that write by name after checking the value's kind. */
type Writable = Record<ParamName, unknown>;

function parseChoice(name: ParamName, spec: ChoiceSpec, raw: string, params: Params, notices: string[]): void {
  if (!spec.options.includes(raw)) {
    notices.push(`${name}=${shorten(raw)} is not one of ${spec.options.join(', ')}; using ${params[name] as string}.`);
    return;
  }
  (params as Writable)[name] = raw;
}

function parseSet(name: ParamName, spec: SetSpec, raw: string, params: Params, notices: string[]): void {
  const wanted = raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const bad = wanted.filter((p) => !spec.options.includes(p));
  if (bad.length)
    notices.push(`${name}: ${bad.map(shorten).join(', ')} ignored; panels are ${spec.options.join(', ')}.`);
  (params as Writable)[name] =
    spec.kind === 'list'
      ? wanted.filter((p, i) => spec.options.includes(p) && wanted.indexOf(p) === i)
      : spec.options.filter((p) => wanted.includes(p));
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseNumber(name: NumericParam, raw: string, params: Params, notices: string[]): void {
  const s = numberSpec(name);
  // Plain decimal notation only: Number() would also take "0x10", "0b11" and "1e" → NaN, and a
  // link that quietly means 16 is a silent wrong answer.
  const v = DECIMAL.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isFinite(v)) {
    const kept = params[name] === s.default ? `the default ${s.default}` : String(params[name]);
    notices.push(`${name}=${shorten(raw)} is not a number; using ${kept}.`);
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

function parsePoints(raw: string, params: Params, notices: string[]): void {
  const read = readPoints(raw, 'link');
  if (read.ok) params.data = read.data;
  else
    notices.push(
      `data: ${describeProblem(read.problem, 'link')}; ${params.data ? 'your previous points are kept' : 'using the post\u2019s data'}.`,
    );
}

/** Read one value into `params` by its entry's kind; every correction is explained in `notices`. */
export function parseValue(name: ParamName, raw: string, params: Params, notices: string[]): void {
  const spec = specOf(name);
  if (spec.kind === 'points') parsePoints(raw, params, notices);
  else if (spec.kind === 'choice') parseChoice(name, spec, raw, params, notices);
  else if (spec.kind === 'set' || spec.kind === 'list') parseSet(name, spec, raw, params, notices);
  else parseNumber(name as NumericParam, raw, params, notices);
}

export function isParamName(key: string): key is ParamName {
  return Object.hasOwn(PARAM_SPECS, key);
}

/**
 * Checks across parameters, for the names just given: a batch of n or more is the full batch
 * (stored as FULL_BATCH, so a later change of n keeps it full), and more than n says so.
 */
function crossCheck(given: ReadonlySet<string>, params: Params, notices: string[]): void {
  // Own points set n; noise does not apply to them. Back to the post's data, n is the post's.
  if (params.data) {
    const count = params.data.x.length;
    if (given.has('n') && params.n !== count)
      notices.push(`n=${String(params.n)} does not apply: your data has ${String(count)} points.`);
    params.n = count;
  } else if (given.has('data') && !given.has('n')) params.n = defaultParams().n;
  if (given.has('batch') && params.batch >= params.n && params.batch !== FULL_BATCH) {
    if (params.batch > params.n)
      notices.push(`batch=${String(params.batch)} is more than n = ${String(params.n)}; using the full batch.`);
    params.batch = FULL_BATCH;
  }
}

/** Read Params from a query string (or any name/value pairs). Never throws; every correction is explained. */
export function parseParams(search: string | Iterable<[string, string]>, base = defaultParams()): ParseResult {
  const params = { ...base };
  const notices: string[] = [];
  const pairs = typeof search === 'string' ? new URLSearchParams(search) : search;
  const seen = new Set<string>();
  for (const [key, raw] of pairs) {
    if (seen.has(key)) {
      notices.push(`${shorten(key)} was given more than once; the first value is used.`);
      continue;
    }
    seen.add(key);
    if (!isParamName(key)) {
      notices.push(`Unknown parameter ${shorten(key)} was ignored.`);
      continue;
    }
    parseValue(key, raw, params, notices);
  }
  crossCheck(seen, params, notices);
  return { params, notices };
}

/** One value as the URL writes it; null when it does not fit in a link (more than 500 points). */
export function writeValue(value: Params[ParamName]): string | null {
  if (value === null || isPoints(value)) return value ? writeLinkPoints(value) : '';
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** Name/value pairs for Params, listing only what differs from the defaults. */
export function toPairs(params: Params): [string, string][] {
  const d = defaultParams();
  const out: [string, string][] = [];
  for (const name of PARAM_NAMES) {
    if (sameValue(params[name], d[name])) continue;
    const raw = writeValue(params[name]);
    if (raw !== null) out.push([name, raw]);
  }
  return out;
}

/** The query string for Params, listing only what differs from the defaults. */
export function toQuery(params: Params): string {
  const s = new URLSearchParams(toPairs(params)).toString();
  return s ? `?${s}` : '';
}

/** How a value from code or a host page reads as the URL would write it; null if it is no value at all. */
function asRaw(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(',');
  // Points from a host page: [[x, y], …], written as a link writes them.
  if (Array.isArray(value) && value.every((v) => Array.isArray(v)))
    return value
      .map((v: unknown[]) => v.map((c) => (typeof c === 'number' || typeof c === 'string' ? String(c) : '?')).join(','))
      .join(';');
  return null;
}

/**
 * `base` with `change` applied, every value checked as a URL value is (the same notices), so a
 * host page's `set({ lr: 'abc' })` and `?lr=abc` are answered alike; null sets a parameter back to
 * its default. Unknown names are ignored with a notice; nothing else is taken from the object.
 */
export function applyChange(base: Params, change: Partial<Record<string, unknown>>): ParseResult {
  const params = { ...base };
  const notices: string[] = [];
  for (const key of Object.keys(change)) {
    if (!isParamName(key)) {
      notices.push(`Unknown parameter ${shorten(key)} was ignored.`);
      continue;
    }
    const value = change[key];
    // Typed callers (the controls) pass valid values: keep them exactly, without a round trip.
    if (sameValue(value, base[key])) continue;
    // Points the page's own views made (the table, a drag): already checked as a CSV is.
    if (key === 'data' && isPoints(value)) {
      const checked = checkPoints(value);
      if (typeof checked === 'string') notices.push(`data: ${checked}; the points given were ignored.`);
      else params.data = checked;
      continue;
    }
    // null: back to the default (a host page removed the attribute).
    if (value === null) {
      (params as Writable)[key] = defaultParams()[key];
      continue;
    }
    const raw = asRaw(value);
    if (raw === null) notices.push(`${key} must be a number, a word or a list; the value given was ignored.`);
    else parseValue(key, raw, params, notices);
  }
  crossCheck(new Set(Object.keys(change)), params, notices);
  return { params, notices };
}
