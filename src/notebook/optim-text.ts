import type { Stability } from '../core/analysis';
import { momentumRate, momentumVerdict, optimalMomentum } from '../core/momentum.ts';
import { adamEffectiveLr, type OptConfig, type OptState } from '../core/optim.ts';
import { h } from './dom.ts';

const f3 = (v: number): string => v.toPrecision(3);

/** The TeX of the optimizer chapter, with this data's numbers and the reader's choice. */
export function optimTex(s: Stability, eta: number, beta: number) {
  const best = optimalMomentum(s);
  const kappa = s.lambdaMax / s.lambdaMin;
  return {
    update:
      '\\mathrm{buf} \\leftarrow \\beta\\,\\mathrm{buf} + \\nabla L(a), \\quad a \\leftarrow a - \\eta\\,\\mathrm{buf}',
    error: 'e_{k+1} = (1 + \\beta - \\eta\\lambda)\\,e_k - \\beta\\,e_{k-1}',
    condition: `0 \\le \\beta < 1, \\quad 0 < \\eta\\lambda < 2(1+\\beta) \\text{ for } \\lambda = ${f3(s.lambdaMin)}, ${f3(s.lambdaMax)}`,
    largest: `\\eta < 2(1+\\beta)/\\lambda_{\\max} = ${f3((2 * (1 + beta)) / s.lambdaMax)}`,
    // Two formulas, not one line: side by side they are wider than a phone.
    optimumEta: `\\eta^* = \\left(\\frac{2}{\\sqrt{\\lambda_{\\max}} + \\sqrt{\\lambda_{\\min}}}\\right)^2 = ${f3(best.eta)}`,
    optimumBeta: `\\beta^* = \\left(\\frac{\\sqrt{\\kappa}-1}{\\sqrt{\\kappa}+1}\\right)^2 = ${f3(best.beta)}`,
    rate: `\\frac{\\sqrt{\\kappa}-1}{\\sqrt{\\kappa}+1} = ${f3(best.rate)} \\text{ per step, against } \\frac{\\kappa-1}{\\kappa+1} = ${f3((kappa - 1) / (kappa + 1))} \\text{ for plain gradient descent}`,
    choice: `\\eta = ${String(eta)}, \\ \\beta = ${String(beta)}`,
  };
}

/** Adam's per-coordinate rates, as TeX. */
export function adamTex(
  rates: readonly [number, number],
  step: readonly [number, number],
): { rates: string; step: string } {
  return {
    rates: `\\frac{\\eta}{\\sqrt{\\hat v_1}+\\epsilon} = ${f3(rates[0])}, \\quad \\frac{\\eta}{\\sqrt{\\hat v_2}+\\epsilon} = ${f3(rates[1])}`,
    step: `\\Delta a = (${f3(step[0])}, ${f3(step[1])})`,
  };
}

function tex(source: string, display = false): HTMLElement {
  return h(display ? 'div' : 'span', { class: display ? 'math display' : 'math', 'data-tex': source }, source);
}

/** The heavy-ball theory on this data, and what the reader's η and β do. Text and TeX only. */
export function momentumParagraphs(s: Stability, eta: number, beta: number, nesterov: boolean): HTMLElement[] {
  const t = optimTex(s, eta, beta);
  const verdict = momentumVerdict(eta, beta, s, nesterov);
  const rate = momentumRate(eta, beta, s, nesterov);
  return [
    h(
      'p',
      {},
      'Momentum keeps a running sum of the gradients (torch.optim.SGD with momentum \u03B2):',
      tex(t.update, true),
      'Along each eigenvector of H the error then follows ',
      tex(t.error),
      ', so the heavy ball converges exactly when ',
      tex(t.condition),
      '. Momentum buys a longer step: ',
      tex(t.largest),
      '. The best choice for this bowl is ',
      tex(t.optimumEta, true),
      tex(t.optimumBeta, true),
      'with rate ',
      tex(t.rate),
      '.',
    ),
    h(
      'p',
      { class: 'verdict optim-verdict', 'data-verdict': verdict },
      'With ',
      tex(t.choice),
      `${nesterov ? ' (Nesterov)' : ''}, this run `,
      h('strong', {}, verdict),
      verdict === 'will diverge' ? '.' : `: the error shrinks by ${f3(rate)} a step at worst.`,
    ),
  ];
}

/** Adam: no bound, and its rates at the step shown. */
export function adamParagraphs(cfg: OptConfig, state: OptState, step: readonly [number, number]): HTMLElement[] {
  const t = adamTex(adamEffectiveLr(cfg, state), step);
  return [
    h(
      'p',
      {},
      'Adam has no such bound: it divides each coordinate\u2019s step by the root of that coordinate\u2019s own running mean square gradient, so its step sizes adapt as it goes. No learning rate makes it converge or diverge on a quadratic the way plain or heavy-ball descent does.',
    ),
    h(
      'p',
      { class: 'verdict optim-verdict', 'data-verdict': 'adam' },
      `At step ${String(state.t)} its effective learning rates are `,
      tex(t.rates),
      ' and the step it took was ',
      tex(t.step),
      '.',
    ),
  ];
}

/** Mini-batches in a sentence, with this run's numbers. */
export function batchParagraph(n: number, batch: number): HTMLElement {
  const b = Math.min(batch, n);
  return h(
    'p',
    { class: 'optim-batch' },
    b >= n
      ? `Every step sees all ${String(n)} points (batch = n): the printed loss is the full loss.`
      : `Each step sees ${String(b)} of the ${String(n)} points, the next slice of this epoch\u2019s torch.randperm(n): its gradient is noisy, and the loss it prints (faint in the loss plot) is the batch\u2019s. An epoch is ${String(Math.ceil(n / b))} steps.`,
  );
}
