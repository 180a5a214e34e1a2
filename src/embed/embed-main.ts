import 'katex/dist/katex.min.css';
import '../style.css';
import './embed.css';
import { parseParams, toQuery } from '../params/query';
import { repairQueryEscapes } from '../url';
import { startApp } from '../view/app';
import { embedFigureHeights, mountEmbedLayout } from './embed-layout';
import { connectToHost } from './frame';
import { HOST_PARAM } from './protocol';

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`embed.html lacks #${id}`);
  return el as T;
};

repairQueryEscapes();
// The loader adds host=<origin of the blog>; it is not a parameter of the run.
const query = [...new URLSearchParams(location.search)];
const { params, notices } = parseParams(query.filter(([k]) => k !== HOST_PARAM));
byId<HTMLAnchorElement>('open-full').href = new URL(
  `index.html${toQuery({ ...params, hide: [], view: [] })}`,
  location.href,
).href;
const controls = byId('front-controls');
const started = startApp(
  {
    notebook: byId('staging'),
    controls,
    moreControls: byId('more-controls'),
    notices: byId('notices'),
    backend: byId('backend'),
  },
  params,
  notices,
  {
    compact: true,
    lazyFigures: false,
    heights: embedFigureHeights(document.documentElement.clientWidth),
    mainParams: ['lr', 'noise'],
    // A blog reader scrolls to the embed and plays: WebGL's first compile must not keep them waiting.
    startOnCpu: true,
  },
);
const laidOut = started.then((app) =>
  mountEmbedLayout(app, {
    front: byId('front'),
    controls,
    more: byId<HTMLDetailsElement>('more'),
    summary: byId('more-summary'),
    morePanels: byId('more-panels'),
    moreControls: byId('more-controls'),
    staging: byId('staging'),
  }),
);
connectToHost(started, query.find(([k]) => k === HOST_PARAM)?.[1] ?? null, laidOut);
