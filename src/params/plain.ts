import type { Params } from './table';

/** Params as plain JSON: own points as [[x, y], …] (what a host page and a JSON export read). */
export type PlainParams = Omit<Params, 'data'> & { data: [number, number][] | null };

export function plainParams(p: Params): PlainParams {
  const d = p.data;
  return { ...p, data: d ? Array.from(d.x, (x, i): [number, number] => [x, d.y[i]!]) : null };
}
