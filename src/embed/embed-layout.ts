import type { Panel } from '../params/table';
import type { FigureHeights } from '../plots/style';
import type { App } from '../view/app';
import { EMBED_PANELS, figureHeight, frontPanels, panelHeight, type EmbedPanel } from './layout';

export interface EmbedLayoutEls {
  front: HTMLElement;
  /** The section of the controls up front (run buttons, lr, noise). */
  controls: HTMLElement;
  more: HTMLDetailsElement;
  summary: HTMLElement;
  morePanels: HTMLElement;
  moreControls: HTMLElement;
  /** Where hidden panels wait (hide=…), out of the layout. */
  staging: HTMLElement;
}

const NAMES: Record<EmbedPanel, string> = {
  controls: 'controls',
  data: 'data',
  fit: 'fit',
  loss: 'loss curve',
  landscape: 'landscape',
  log: 'log',
};

/** The figure heights at this width: the same numbers as the panels' (layout.ts). */
export function embedFigureHeights(width: number): FigureHeights {
  return {
    data: figureHeight('data', width),
    fit: figureHeight('fit', width),
    loss: figureHeight('loss', width),
    landscape: figureHeight('landscape', width),
  };
}

/**
 * Puts the embed's panels where `view` and `hide` say, each up-front panel at its height from
 * layout.ts, and the rest behind "more"; again whenever they, steps or the width change.
 */
export function mountEmbedLayout(app: App, els: EmbedLayoutEls): void {
  const { ctl, figures } = app;
  const panels: Record<EmbedPanel, HTMLElement> = {
    ...(app.view.notebook.panels as Record<Panel, HTMLElement>),
    controls: els.controls,
  };
  let shown = '';
  const apply = (): void => {
    const { view, hide, steps } = ctl.state.params;
    const width = document.documentElement.clientWidth;
    const front = frontPanels(view, hide);
    const key = `${front.join()}|${hide.join()}|${String(steps)}|${String(width)}`;
    if (key === shown) return;
    shown = key;
    const behind = EMBED_PANELS.filter((p) => !front.includes(p) && !hide.includes(p));
    for (const p of EMBED_PANELS) {
      const el = panels[p];
      el.hidden = hide.includes(p);
      el.style.height = front.includes(p) ? `${String(panelHeight(p, width, steps))}px` : '';
    }
    els.front.replaceChildren(...front.map((p) => panels[p]));
    els.morePanels.replaceChildren(...behind.map((p) => panels[p]));
    els.staging.replaceChildren(...hide.map((p) => panels[p]));
    els.moreControls.hidden = hide.includes('controls');
    els.summary.textContent = `More: ${[...behind.map((p) => NAMES[p]), 'settings', 'the full notebook'].join(', ')}`;
    figures.setHeights(embedFigureHeights(width));
    figures.redrawAll();
  };
  apply();
  ctl.on('change', apply);
  new ResizeObserver(apply).observe(document.documentElement);
  // Figures behind "more" are drawn when it opens (a closed disclosure has no width to draw at).
  els.more.addEventListener('toggle', () => {
    if (els.more.open) figures.redrawAll();
  });
}
