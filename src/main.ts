// KaTeX's CSS is part of the first paint: the prose's math is prerendered into index.html.
import 'katex/dist/katex.min.css';
import './style.css';
import { OPTIMIZER_PARAMS } from './controls/controls';
import { parseParams } from './params/query';
import { PAGE_HEIGHTS, PHONE_HEIGHTS, PHONE_QUERY } from './plots/style';
import { preparePrinting } from './print';
import { mountSharePanel } from './share/share-panel';
import { repairQueryEscapes, QueryWriter } from './url';
import { whenReleased } from './plots/point-hold';
import { startApp } from './view/app';
import { toQuery } from './params/query';

const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page lacks #${id}`);
  return el;
};

repairQueryEscapes();
const { params, notices } = parseParams(location.search);
const phone = matchMedia(PHONE_QUERY);
const heights = (): typeof PAGE_HEIGHTS => (phone.matches ? PHONE_HEIGHTS : PAGE_HEIGHTS);
const app = await startApp(
  { notebook: byId('notebook'), controls: byId('controls'), notices: byId('notices'), backend: byId('backend') },
  params,
  notices,
  {
    compact: false,
    lazyFigures: true,
    heights: heights(),
    strip: ['lr', 'noise'],
    folded: { label: 'More: optimizer and batch', names: OPTIMIZER_PARAMS },
  },
);
const { ctl, figures, renderer, theme } = app;
phone.addEventListener('change', () => figures.setHeights(heights()));

// The address bar holds the newest Params: opening the link reproduces the run.
const query = new QueryWriter();
// A held point changes them on every move: the address follows on release (replaceState, 3–8 ms).
ctl.on('change', (p) => whenReleased(query, () => query.write(toQuery(p))));

preparePrinting((printing) => {
  theme.setPrinting(printing);
  figures.refit(!printing);
});
mountSharePanel(byId('controls'), {
  params: () => ctl.state.params,
  history: () => ctl.state.snapshot?.history ?? null,
  backend: () => ctl.state.backend ?? '',
  palette: () => theme.palette,
  figures: app.view.notebook.figures,
  plotsDrawn: () => figures.flush(),
});
// Cells far from view skip rendering once everything is drawn (the embed shows all of itself).
void app.ready.then(() => byId('notebook').classList.add('lazy-cells'));

// A hidden tab gets no animation frames anyway; pausing makes it explicit and resumable. The same
// goes for a reader scrolled away from every live output: no frames are spent on what nobody sees.
const onScreen = new Set<Element>();
const update = (): void => {
  ctl.setVisible(!document.hidden && onScreen.size > 0);
  // Off-screen frames get no animation frames, so show the state change now, not at the next frame.
  renderer.renderNow();
};
document.addEventListener('visibilitychange', update);
const observer = new IntersectionObserver((entries) => {
  for (const e of entries) {
    if (e.isIntersecting) onScreen.add(e.target);
    else onScreen.delete(e.target);
  }
  update();
});
for (const el of app.liveOutputs) observer.observe(el);
