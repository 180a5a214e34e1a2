/**
 * Python's `'{:.4f}'` and `'{:.4e}'` round the exact binary value half-to-even; JavaScript's
 * toFixed/toExponential round ties up. The two differ on values such as 0.03125, so we round
 * exactly with BigInt, which keeps PyTorch's printed digits identical, not just close.
 */

/** |x| as an exact fraction num / 2^shift. */
function exactFraction(x: number): { num: bigint; shift: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let e2 = exp - 1075;
  if (exp === 0) e2 = -1074;
  else mant |= 1n << 52n;
  return e2 >= 0 ? { num: mant << BigInt(e2), shift: 0n } : { num: mant, shift: BigInt(-e2) };
}

/**
 * round(|x| · 10^digits) to an integer, ties to even. Most values are nowhere near a tie: there the
 * float product (within 2.4e-7 of the exact one below 2^30) rounds the same way, and the exact
 * BigInt path, a tenth of the X-ray cell's cost per frame, is left for values near a tie.
 */
export function roundScaled(x: number, digits: number): bigint {
  const v = digits >= 0 ? Math.abs(x) * 10 ** digits : Math.abs(x) / 10 ** -digits;
  if (v < 2 ** 30 && Math.abs(v - Math.floor(v) - 0.5) > 1e-6) return BigInt(Math.round(v));
  return roundScaledExactly(x, digits);
}

/** round(|x| · 10^digits), ties to even, from x's exact binary value. */
export function roundScaledExactly(x: number, digits: number): bigint {
  const { num, shift } = exactFraction(x);
  const scaled = digits >= 0 ? num * 10n ** BigInt(digits) : num;
  const denom = (digits >= 0 ? 1n : 10n ** BigInt(-digits)) << shift;
  const q = scaled / denom;
  const r2 = (scaled % denom) * 2n;
  if (r2 > denom || (r2 === denom && q % 2n === 1n)) return q + 1n;
  return q;
}

function sign(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

/** Python's `'{:.{digits}f}'.format(x)` for finite x. */
export function pyFixed(x: number, digits: number): string {
  const q = roundScaled(x, digits)
    .toString()
    .padStart(digits + 1, '0');
  const int = q.slice(0, q.length - digits);
  const frac = q.slice(q.length - digits);
  return sign(x) + (digits > 0 ? `${int}.${frac}` : int);
}

/** Python's `'{:.{digits}e}'.format(x)` for finite x. */
export function pyExp(x: number, digits: number): string {
  if (x === 0) return `${sign(x)}${pyFixed(0, digits)}e+00`;
  let e = Math.floor(Math.log10(Math.abs(x)));
  let q = roundScaled(x, digits - e);
  // log10 can be off by one near powers of ten, and rounding can carry into a new digit.
  const limit = 10n ** BigInt(digits + 1);
  if (q >= limit) {
    e += 1;
    q = roundScaled(x, digits - e);
  } else if (q < limit / 10n) {
    e -= 1;
    q = roundScaled(x, digits - e);
  }
  const s = q.toString();
  const mantissa = digits > 0 ? `${s[0]}.${s.slice(1)}` : s;
  const expSign = e < 0 ? '-' : '+';
  return `${sign(x)}${mantissa}e${expSign}${String(Math.abs(e)).padStart(2, '0')}`;
}
