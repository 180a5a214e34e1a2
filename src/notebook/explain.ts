import type { Stability, Verdict } from '../core/analysis';
import type { Params } from '../params/table';
import { h } from './dom.ts';

const f3 = (v: number): string => v.toPrecision(3);
const f4 = (v: number): string => v.toFixed(4);

function tex(source: string, display = false): HTMLElement {
  return h(display ? 'div' : 'span', { class: display ? 'math display' : 'math', 'data-tex': source }, source);
}

/** The TeX of the stability explanation, with this run's numbers. */
export function boundTex(lr: number, s: Stability, h12: readonly [number, number, number]) {
  const [a, b, d] = h12;
  return {
    hessian: `H = \\tfrac{2}{n} X^\\top X = \\begin{pmatrix} ${f3(a)} & ${f3(b)} \\\\ ${f3(b)} & ${f3(d)} \\end{pmatrix}`,
    lambdaMin: `\\lambda_{\\min} = ${f3(s.lambdaMin)}`,
    lambdaMax: `\\lambda_{\\max} = ${f3(s.lambdaMax)}`,
    factor: '(1 - \\eta\\lambda)',
    range: `0 < \\eta < 2/\\lambda_{\\max} = ${f3(s.lrBound)}`,
    zigzag: `1/\\lambda_{\\max} = ${f3(1 / s.lambdaMax)}`,
    fastest: `\\eta = 2/(\\lambda_{\\min} + \\lambda_{\\max}) = ${f3(s.lrFastest)}`,
    eta: `\\eta = ${lr}`,
  };
}

/**
 * The stability bound in four sentences, with this run's numbers. Built from text nodes and TeX
 * sources only; KaTeX typesets the [data-tex] elements afterwards.
 */
export function renderBound(
  el: HTMLElement,
  p: Params,
  s: Stability,
  v: Verdict,
  h12: [number, number, number],
  aStar: [number, number] | null,
): void {
  const kappa = s.lambdaMax / s.lambdaMin;
  const t = boundTex(p.lr, s, h12);
  el.replaceChildren(
    h(
      'p',
      {},
      'The loss is a quadratic bowl. Its curvature is the Hessian, the same in every point:',
      tex(t.hessian, true),
      'Its eigenvalues ',
      tex(t.lambdaMin),
      ' and ',
      tex(t.lambdaMax),
      ` are the curvatures along the bowl\u2019s flattest and steepest directions (condition number ${f3(kappa)}). Each step multiplies the error along a direction by `,
      tex(t.factor),
      ', so gradient descent converges exactly when ',
      tex(t.range),
      '. Past ',
      tex(t.zigzag),
      ' that factor turns negative and the steps zig-zag; the fastest worst-case rate is at ',
      tex(t.fastest),
      '.',
    ),
    h(
      'p',
      // a* unrounded, for tools and tests (the text rounds it to 4 digits).
      { class: 'verdict', 'data-verdict': v, 'data-a-star': aStar ? aStar.join(',') : '' },
      'With your learning rate ',
      tex(t.eta),
      ', this run ',
      h('strong', {}, v),
      '. ',
      aStar
        ? `Least squares puts the bottom of the bowl at a* = (${f4(aStar[0])}, ${f4(aStar[1])}); ` +
            (p.data
              ? 'your points set it. Moving a point up or down moves a* but not the bound; moving it sideways moves both.'
              : 'the data were made with a = (3, 2). Noise changes y but not X, so it moves a* and lifts the floor of the loss, but leaves the bound where it is; n and the seed move it.')
        : 'With these points every line through them fits equally well, so there is no single a*.',
    ),
  );
}

/** ŷ = a₁x + a₂ with the numbers of one step, for the replay. */
export function equationTex(a: readonly [number, number]): string {
  const [a1, a2] = a;
  const sign = a2 < 0 || Object.is(a2, -0) ? '-' : '+';
  return `\\hat{y} = ${f4(a1)}\\,x ${sign} ${f4(Math.abs(a2))}`;
}

/**
 * The live equation of the replay cursor. The numbers also sit in data attributes, unrounded, for
 * tools and tests. Without KaTeX loaded yet the TeX source shows as text.
 */
export function showEquation(
  el: HTMLElement,
  a: readonly [number, number],
  step: number,
  math: { renderMath(el: HTMLElement, tex: string, display: boolean): void } | null,
): void {
  const source = equationTex(a);
  if (el.dataset.tex === source) return;
  el.dataset.tex = source;
  el.dataset.step = String(step);
  el.dataset.a1 = String(a[0]);
  el.dataset.a2 = String(a[1]);
  if (math) math.renderMath(el, source, false);
  else el.textContent = source;
}
