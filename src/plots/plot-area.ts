import type { Layout } from './plotly-types';

// Plotly-free, like point-hold.ts: the page's pointer code imports it statically, and an import of
// plotly.ts there would evaluate Plotly (about 650 ms here) before the page could start tfjs.

/**
 * Where a drawn plot's axes are on screen, for pointer work on its points: Plotly's drag layer
 * covers exactly the plot area. Falls back to the element less the layout's margins.
 */
export function plotArea(el: HTMLElement): DOMRect {
  const cover = el.querySelector('.nsewdrag');
  if (cover) return cover.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const m = (el as HTMLElement & { layout?: Partial<Layout> }).layout?.margin ?? {};
  const [l, t, rr, b] = [m.l ?? 48, m.t ?? 12, m.r ?? 12, m.b ?? 40];
  return new DOMRect(r.left + l, r.top + t, r.width - l - rr, r.height - t - b);
}
