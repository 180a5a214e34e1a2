import type { StepXray } from '../core/xray-text';
import { formatScalar } from '../core/torch-format';
import { h, setText } from '../notebook/dom';

const SVG = 'http://www.w3.org/2000/svg';
const W = 600;
const ROW = 70;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/**
 * Each point's share of a.grad, one bar a point, a row per component of a; the picked point's bar
 * stands out. Redrawn whole: at most CHART_POINTS bars, a few hundred elements.
 */
export function drawShares(box: HTMLElement, x: StepXray, picked: number): void {
  const pts = x.points;
  const chart = svg('svg', { viewBox: `0 0 ${String(W)} ${String(2 * ROW + 10)}`, class: 'xray-share-chart' });
  const caption = h('p', { class: 'xray-share-caption' });
  const shown =
    pts.length < x.size
      ? `the first ${String(pts.length)} of the ${String(x.size)} points`
      : `all ${String(x.size)} points`;
  const text = `Each bar is one point's share of a.grad (${shown}); their sums are a.grad: ${formatScalar(x.grad[0])} and ${formatScalar(x.grad[1])}.`;
  setText(caption, text);
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', text);
  const bw = W / Math.max(1, pts.length);
  for (let c = 0; c < 2; c++) {
    const mid = c * ROW + ROW / 2 + 5;
    const max = Math.max(1e-30, ...pts.map((p) => Math.abs(p.share[c]!)));
    chart.append(svg('line', { x1: '0', x2: String(W), y1: String(mid), y2: String(mid), class: 'xray-axis' }));
    const label = svg('text', { x: '2', y: String(c * ROW + 14), class: 'xray-row-label' });
    label.textContent = c === 0 ? '∂L/∂a₁' : '∂L/∂a₂';
    chart.append(label);
    pts.forEach((p, j) => {
      const v = p.share[c]!;
      const len = (Math.abs(v) / max) * (ROW / 2 - 4);
      chart.append(
        svg('rect', {
          x: String(j * bw + bw * 0.15),
          width: String(Math.max(0.5, bw * 0.7)),
          y: String(v > 0 ? mid - len : mid),
          height: String(Math.max(0.5, len)),
          class: p.index === picked ? 'xray-bar xray-bar-picked' : 'xray-bar',
        }),
      );
    });
  }
  box.replaceChildren(chart, caption);
}
