/**
 * The compact embed's layout as numbers: which panels stand up front, in which order, and how tall
 * each is at a width. The frame sets these heights on its panels, and the loader (embed.js) reserves
 * the same total before the frame loads, so a host page does not shift when it does. Dependency-free:
 * the loader bundles it.
 */
export const EMBED_PANELS = ['controls', 'data', 'fit', 'loss', 'landscape', 'log'] as const;
export type EmbedPanel = (typeof EMBED_PANELS)[number];

/** Up front unless `view` says otherwise: what a reader of a blog post plays with. */
export const DEFAULT_VIEW: readonly EmbedPanel[] = ['controls', 'fit', 'loss'];

/** Below this width the controls and the two fit figures stack. */
export const NARROW = 480;
/** The body's padding, top and bottom. */
export const PAD = 8;
/** Between two panels, and between the last panel and "more". */
export const GAP = 8;
/** The closed "more" disclosure. */
export const MORE = 32;
/** A line of the training log. */
export const LOG_LINE = 19;
/** The log shows at most this many lines up front, and scrolls past them. */
export const LOG_LINES = 10;

/** Panels named in a comma list, in its order, without repeats or unknown names (as the URL parser reads it). */
export function readPanels(raw: string | null | undefined): EmbedPanel[] {
  const known: readonly string[] = EMBED_PANELS;
  const out: EmbedPanel[] = [];
  for (const part of (raw ?? '').split(',')) {
    const p = part.trim();
    if (known.includes(p) && !out.includes(p as EmbedPanel)) out.push(p as EmbedPanel);
  }
  return out;
}

/** The panels up front: `view` (or the default), less the hidden ones. */
export function frontPanels(view: readonly EmbedPanel[], hide: readonly EmbedPanel[]): EmbedPanel[] {
  return (view.length ? view : DEFAULT_VIEW).filter((p) => !hide.includes(p));
}

/** A panel's height in px at `width` (the frame's width); `steps` sizes the log. */
export function panelHeight(panel: EmbedPanel, width: number, steps: number): number {
  const narrow = width < NARROW;
  switch (panel) {
    case 'controls':
      return narrow ? 248 : 160;
    case 'fit':
      return narrow ? 2 * 200 + GAP : 240;
    case 'loss':
    case 'data':
      return 240;
    case 'landscape':
      return 340;
    case 'log':
      return 2 * PAD + LOG_LINE * Math.min(LOG_LINES, Math.max(1, Math.ceil(steps / 10)));
  }
}

/** The figure heights inside a panel (the fit panel holds two). */
export function figureHeight(panel: 'fit' | 'loss' | 'data' | 'landscape', width: number): number {
  return panel === 'fit' && width < NARROW ? 200 : panelHeight(panel, width, 0);
}

/** The embed's height with "more" closed: what the frame measures and reports, and what the loader reserves. */
export function embedHeight(front: readonly EmbedPanel[], width: number, steps: number): number {
  const panels = front.reduce((sum, p) => sum + panelHeight(p, width, steps) + GAP, 0);
  return 2 * PAD + panels + MORE;
}
