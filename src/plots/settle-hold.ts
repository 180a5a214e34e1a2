/**
 * Whether the reader holds a dragged point: plots moved meanwhile settle only after the release
 * (plotly.ts). Plotly-free, so the page's pointer code can set it without loading Plotly.
 */
let held = false;

export function holdSettling(h: boolean): void {
  held = h;
}

export function settlingHeld(): boolean {
  return held;
}
