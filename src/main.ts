// KaTeX's CSS is part of the first paint: the prose's math is prerendered into index.html.
import 'katex/dist/katex.min.css';
import './style.css';
import { startApp } from './app';
import { parseParams } from './params';
import { applyTheme } from './theme';

const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page lacks #${id}`);
  return el;
};

const { params, notices } = parseParams(location.search);
applyTheme(params);
const app = startApp(
  { notebook: byId('notebook'), controls: byId('controls'), notices: byId('notices'), backend: byId('backend') },
  params,
  notices,
  { mode: 'page' },
);
// A hidden tab gets no animation frames anyway; pausing makes it explicit and resumable.
document.addEventListener('visibilitychange', () => app.setVisible(!document.hidden));
