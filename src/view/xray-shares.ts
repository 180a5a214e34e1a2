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

/** Set an attribute only when it changes: the chart follows the run every frame. */
function set(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** The centres of the bars of `count` points across the chart, and their width (SVG numbers). */
function columns(count: number): { xs: string[]; width: string } {
  const bw = W / Math.max(1, count);
  return {
    xs: Array.from({ length: count }, (_, j) => ((j + 0.5) * bw).toFixed(1)),
    width: Math.max(0.5, bw * 0.7).toFixed(1),
  };
}

/**
 * Each point's share of a.grad, one bar a point, a row per component of a; the picked point's bar
 * is drawn again on top, in red. A row's bars are one path of vertical strokes as wide as a bar,
 * written once a frame as the run plays: a rect per bar was 5 attributes read and written per point
 * per frame, over half the cell's cost.
 */
export function mountShares(box: HTMLElement): (x: StepXray, picked: number) => void {
  // Named from the start: the cell far from view is not drawn until it comes near.
  const chart = svg('svg', {
    viewBox: `0 0 ${String(W)} ${String(2 * ROW + 10)}`,
    class: 'xray-share-chart',
    role: 'img',
    'aria-label': 'Each point\u2019s share of a.grad, drawn when this cell comes into view.',
  });
  const caption = h('p', { class: 'xray-share-caption' });
  const rows = [0, 1].map((c) => {
    const mid = c * ROW + ROW / 2 + 5;
    const label = svg('text', { x: '2', y: String(c * ROW + 14), class: 'xray-row-label' });
    label.textContent = c === 0 ? '∂L/∂a₁' : '∂L/∂a₂';
    const bars = svg('path', { class: 'xray-bar' });
    const pickedBar = svg('path', { class: 'xray-bar xray-bar-picked' });
    chart.append(
      svg('line', { x1: '0', x2: String(W), y1: String(mid), y2: String(mid), class: 'xray-axis' }),
      label,
      bars,
      pickedBar,
    );
    return { mid, bars, pickedBar };
  });
  box.append(chart, caption);
  let cols = columns(0);
  return (x, picked) => {
    const pts = x.points;
    const shown =
      pts.length < x.size
        ? `the first ${String(pts.length)} of the ${String(x.size)} points`
        : `all ${String(x.size)} points`;
    const text = `Each bar is one point's share of a.grad (${shown}); their sums are a.grad: ${formatScalar(x.grad[0])} and ${formatScalar(x.grad[1])}.`;
    setText(caption, text);
    set(chart, 'aria-label', text);
    if (cols.xs.length !== pts.length) {
      cols = columns(pts.length);
      for (const { bars, pickedBar } of rows) for (const el of [bars, pickedBar]) set(el, 'stroke-width', cols.width);
    }
    const { xs } = cols;
    for (const [c, { mid, bars, pickedBar }] of rows.entries()) {
      let max = 1e-30;
      for (const p of pts) max = Math.max(max, Math.abs(p.share[c]!));
      let d = '';
      let pickedD = '';
      for (let j = 0; j < pts.length; j++) {
        const v = pts[j]!.share[c]!;
        const len = Math.max(0.5, (Math.abs(v) / max) * (ROW / 2 - 4));
        const bar = `M${xs[j]!} ${String(mid)}v${v > 0 ? '-' : ''}${len.toFixed(1)}`;
        d += bar;
        if (pts[j]!.index === picked) pickedD = bar;
      }
      set(bars, 'd', d);
      set(pickedBar, 'd', pickedD);
      set(pickedBar, 'data-point', pickedD ? String(picked) : '');
    }
  };
}
