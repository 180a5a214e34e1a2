// KaTeX's CSS is part of the first paint: the prose's math is prerendered into index.html.
import 'katex/dist/katex.min.css';
import './style.css';
import { startApp } from './app';
import { parseParams } from './params';
import { repairQueryEscapes } from './url';
import { applyTheme } from './theme';

const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page lacks #${id}`);
  return el;
};

repairQueryEscapes();
const { params, notices } = parseParams(location.search);
applyTheme(params);
const app = startApp(
  { notebook: byId('notebook'), controls: byId('controls'), notices: byId('notices'), backend: byId('backend') },
  params,
  notices,
  { mode: 'page' },
);
// A hidden tab gets no animation frames anyway; pausing makes it explicit and resumable. The same
// goes for a reader scrolled away from every live output: no frames are spent on what nobody sees.
const onScreen = new Set<Element>();
const update = (): void => app.setVisible(!document.hidden && onScreen.size > 0);
document.addEventListener('visibilitychange', update);
void app.liveOutputs.then((outputs) => {
  const observer = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) onScreen.add(e.target);
      else onScreen.delete(e.target);
    }
    update();
  });
  for (const el of outputs) observer.observe(el);
});
