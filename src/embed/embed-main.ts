import 'katex/dist/katex.min.css';
import '../style.css';
import './embed.css';
import { parseParams, toQuery } from '../params/query';
import { repairQueryEscapes } from '../url';
import { startApp } from '../view/app';
import { connectToHost, HOST_PARAM } from './frame';

const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`embed.html lacks #${id}`);
  return el;
};

repairQueryEscapes();
// The loader adds host=<origin of the blog>; it is not a parameter of the run.
const query = [...new URLSearchParams(location.search)];
const { params, notices } = parseParams(query.filter(([k]) => k !== HOST_PARAM));
const full = byId('open-full') as HTMLAnchorElement;
full.href = new URL(`index.html${toQuery({ ...params, hide: [] })}`, location.href).href;
const app = startApp(
  { notebook: byId('notebook'), controls: byId('controls'), notices: byId('notices'), backend: byId('backend') },
  params,
  notices,
  { compact: true, lazyFigures: false },
);
connectToHost(app, query.find(([k]) => k === HOST_PARAM)?.[1] ?? null);
