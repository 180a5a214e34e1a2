/**
 * Heavy-ball momentum on this quadratic, in float64. PyTorch's SGD with momentum β
 * (buf = β·buf + g; a −= η·buf) is the heavy ball a_{k+1} = a_k − η∇L(a_k) + β(a_k − a_{k−1}).
 * Along an eigenvector of H with eigenvalue λ the error follows e_{k+1} = (1 + β − ηλ)e_k − βe_{k−1},
 * whose roots z solve z² − (1 + β − ηλ)z + β = 0: it converges iff both |z| < 1 for both λ, which is
 * exactly 0 ≤ β < 1 and 0 < ηλ < 2(1 + β).
 */
import type { Stability } from './analysis';

/** The larger |z| of z² − (1 + β − ηλ)z + β = 0 (with Nesterov, of its own iteration). */
export function rootRadius(eta: number, beta: number, lambda: number, nesterov = false): number {
  // Nesterov as PyTorch has it (d = g + β·buf): e_{k+1} = (1 + β)(1 − ηλ)e_k − β(1 − ηλ)e_{k−1}.
  const p = nesterov ? (1 + beta) * (1 - eta * lambda) : 1 + beta - eta * lambda;
  const q = nesterov ? beta * (1 - eta * lambda) : beta;
  const disc = p * p - 4 * q;
  if (disc < 0) return Math.sqrt(q);
  const r = Math.sqrt(disc);
  return Math.max(Math.abs((p + r) / 2), Math.abs((p - r) / 2));
}

/** The worst-case contraction per step over both eigenvalues: < 1 converges, the smaller the faster. */
export function momentumRate(eta: number, beta: number, s: Stability, nesterov = false): number {
  return Math.max(rootRadius(eta, beta, s.lambdaMin, nesterov), rootRadius(eta, beta, s.lambdaMax, nesterov));
}

/** The closed-form condition for the heavy ball: 0 ≤ β < 1 and 0 < ηλ < 2(1 + β) for both λ. */
export function heavyBallConverges(eta: number, beta: number, s: Stability): boolean {
  return beta >= 0 && beta < 1 && eta > 0 && eta * s.lambdaMax < 2 * (1 + beta) && eta * s.lambdaMin > 0;
}

/** The best heavy ball for this H: η* = (2/(√λmax + √λmin))², β* = ((√κ − 1)/(√κ + 1))², and its rate. */
export function optimalMomentum(s: Stability): { eta: number; beta: number; rate: number } {
  const kappa = s.lambdaMax / s.lambdaMin;
  const q = (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1);
  return { eta: (2 / (Math.sqrt(s.lambdaMax) + Math.sqrt(s.lambdaMin))) ** 2, beta: q * q, rate: q };
}

export type MomentumVerdict = 'converges smoothly' | 'oscillates but converges' | 'will diverge';

/** What momentum β with step η does: a negative or complex root makes the error swing. */
export function momentumVerdict(eta: number, beta: number, s: Stability, nesterov = false): MomentumVerdict {
  if (!(momentumRate(eta, beta, s, nesterov) < 1)) return 'will diverge';
  for (const lambda of [s.lambdaMin, s.lambdaMax]) {
    const p = nesterov ? (1 + beta) * (1 - eta * lambda) : 1 + beta - eta * lambda;
    const q = nesterov ? beta * (1 - eta * lambda) : beta;
    if (p * p - 4 * q < 0 || p < 0) return 'oscillates but converges';
  }
  return 'converges smoothly';
}

export interface PhaseGrid {
  /** log10 η, evenly spaced. */
  logEta: number[];
  beta: number[];
  /** rate[i][j] at (beta[i], eta[j]), capped at `cap` where it diverges. */
  rate: number[][];
}

/** The rate over an (η, β) grid for the phase diagram: η from etaMin to etaMax (log), β from 0 to 0.99. */
export function phaseGrid(s: Stability, etaMin: number, etaMax: number, size = 60, cap = 1.05): PhaseGrid {
  const logEta = Array.from(
    { length: size },
    (_, j) => Math.log10(etaMin) + (j / (size - 1)) * Math.log10(etaMax / etaMin),
  );
  const beta = Array.from({ length: size }, (_, i) => (0.99 * i) / (size - 1));
  const rate = beta.map((b) => logEta.map((le) => Math.min(cap, momentumRate(10 ** le, b, s))));
  return { logEta, beta, rate };
}
