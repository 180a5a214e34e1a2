/** Python literals for values filled into the code cells. */

/** repr() of a Python float: the shortest round-trip digits, always with a point or exponent. */
export function pyFloat(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  const abs = Math.abs(v);
  if (abs >= 1e-4 && abs < 1e16) return String(v);
  // Python switches to exponent form below 1e-4 and writes at least two exponent digits.
  const [m, e] = v.toExponential().split('e') as [string, string];
  const sign = e.startsWith('-') ? '-' : '+';
  return `${m}e${sign}${e.replace(/^[-+]/, '').padStart(2, '0')}`;
}
