/**
 * Whether the reader holds a dragged point. Each move makes a new run, so what only the last one
 * needs waits for the release: moved plots settle then (plotly.ts), and work queued here runs then.
 * Plotly-free, so the page's pointer code can set it without loading Plotly.
 */
let held = false;
/** Work for the release, one per owner: a newer call from the same owner replaces the older. */
const onRelease = new Map<object, () => void>();

export function holdPoint(h: boolean): void {
  held = h;
  if (h) return;
  const work = [...onRelease.values()];
  onRelease.clear();
  for (const w of work) w();
}

export function pointHeld(): boolean {
  return held;
}

/** Run `work` now, or at the release while a point is held; null drops what `owner` queued. */
export function whenReleased(owner: object, work: (() => void) | null): void {
  onRelease.delete(owner);
  if (!work) return;
  if (held) onRelease.set(owner, work);
  else work();
}
