import { numberSpec, type NumericParam } from './table';

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

/** "50 steps/s", or the bare number for a parameter without a unit. */
export function formatValue(name: NumericParam, v: number): string {
  const { unit } = numberSpec(name);
  return unit ? `${v} ${unit}` : String(v);
}
