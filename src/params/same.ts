import type { OwnData } from '../core/own-data';
import { DATA_PARAMS, PARAM_NAMES, specOf, type Affects, type DataParams, type Params } from './table';

/**
 * Comparing Params: equal values, the reach of a change, and the key of the data.
 */

/** Own points: the one object value among Params, compared by its key. */
export const isPoints = (v: unknown): v is OwnData => typeof v === 'object' && v !== null && 'key' in v;

/** Equal values: numbers and words by value, sets item by item, points by their key. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  if (isPoints(a) && isPoints(b)) return a.key === b.key;
  return a === b;
}

/** The widest reach of a change from `from` to `to`: 'data' beats 'run' beats 'view'; null if equal. */
export function reachOf(from: Params, to: Params): Affects | null {
  let reach: Affects | null = null;
  for (const name of PARAM_NAMES) {
    if (sameValue(from[name], to[name])) continue;
    const a = specOf(name).affects;
    if (a === 'data') return 'data';
    if (a === 'run' || reach === null) reach = a;
  }
  return reach;
}

/** A key that changes exactly when the data does: the data parameters' values, in table order. */
export function dataKey(p: DataParams): string {
  // Own points: the seed still draws a_init, and noise does not apply.
  if (p.data) return `own/${p.data.key}/${String(p.seed)}`;
  return DATA_PARAMS.map((k) => JSON.stringify(p[k])).join('/');
}
