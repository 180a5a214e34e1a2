import { runCsv, runJson } from '../core/export';
import { MAX_URL_POINTS, writeCsv, writeLinkPoints } from '../core/own-data';
import type { RunHistory } from '../core/history';
import { h } from '../notebook/dom';
import { toIpynb } from '../notebook/ipynb';
import { DATA_CSV, inline } from '../notebook/own-data-code';
import { plainParams } from '../params/plain';
import { toQuery } from '../params/query';
import type { Params } from '../params/table';
import type { FigureEls } from '../plots/figures';
import type { Palette } from '../theme';
import { copyText, download } from './download';
import { embedCode } from './embed-code';
import { embedSnippets } from './snippets';

export interface ShareSources {
  params(): Params;
  history(): RunHistory | null;
  backend(): string;
  /** The colours a PNG is drawn on. */
  palette(): Palette;
  /** The plot divs, and a promise that settles once Plotly has drawn the newest state into them. */
  figures: FigureEls;
  plotsDrawn(): Promise<unknown>;
}

export type FigureName = 'data' | 'original' | 'calculated' | 'loss' | 'landscape';

/** The plot divs that make up each exported figure, bottom layer first. */
function figureLayers(f: FigureEls): Record<FigureName, HTMLElement[]> {
  return {
    data: [f.data],
    original: [f.original],
    calculated: [f.calculated],
    loss: [f.loss],
    landscape: [f.landscape, f.landscapeLive],
  };
}
const FIGURES: FigureName[] = ['data', 'original', 'calculated', 'loss', 'landscape'];

/** The site's base URL (the folder of index.html), wherever it is hosted. */
function siteBase(): string {
  return new URL('.', location.href).href;
}

/** The link to this page with the current Params (the address bar's query is written a frame later). */
function pageLink(p: Params): string {
  return new URL(`${location.pathname}${toQuery(p)}${location.hash}`, location.href).href;
}

function fileStem(p: Params): string {
  return `simplest-nn-seed${p.seed}-lr${p.lr}-noise${p.noise}-n${p.n}`;
}

/** Own points too many for a link: what Copy link adds to its message; '' when they fit. */
function pointsLeftOut(p: Params): string {
  if (!p.data || writeLinkPoints(p.data) !== null) return '';
  return `Your ${String(p.n)} points are not in it: a link carries at most ${String(MAX_URL_POINTS)}. Export the notebook to keep them.`;
}

function exportNotebook(p: Params, stem: string, say: (text: string) => void): void {
  download(`${stem}.ipynb`, toIpynb(p, pageLink(p)), 'application/x-ipynb+json');
  // Past 200 points the notebook reads the points from a CSV: it goes with it, under the name it reads.
  if (p.data && !inline(p.data)) {
    download(DATA_CSV, writeCsv(p.data), 'text/csv');
    say(`The notebook reads your ${String(p.n)} points from ${DATA_CSV}, downloaded with it: keep the two together.`);
  }
}

/** Share link, embed code and exports. Every button reads the current Params and run when pressed. */
export function mountSharePanel(el: HTMLElement, src: ShareSources): void {
  const layers = figureLayers(src.figures);
  const png = async (f: FigureName): Promise<Blob> => {
    await src.plotsDrawn();
    if (layers[f][0]!.closest('[hidden]')) throw new Error(`the ${f} figure is hidden`);
    return (await import('../plots/png')).figurePng(layers[f], src.palette());
  };
  const status = h('p', { class: 'share-status', role: 'status' });
  const fallback = h('input', { class: 'copy-fallback', readonly: true, 'aria-label': 'Text to copy' });
  fallback.hidden = true;
  const say = (text: string): void => {
    status.textContent = text;
  };
  const copy = async (text: string, what: string): Promise<void> => {
    say((await copyText(text, fallback)) ? `${what} copied.` : `Copy the ${what.toLowerCase()} from the box below.`);
  };

  const share = h('button', { type: 'button', class: 'btn', 'data-share': 'link' }, 'Copy link');
  share.addEventListener('click', () => {
    const p = src.params();
    void copy(pageLink(p), 'Link').then(() => {
      const left = pointsLeftOut(p);
      if (left) say(`${status.textContent} ${left}`);
    });
  });

  const embed = embedCode(() => embedSnippets(src.params(), siteBase()), copy);

  const needRun = (): RunHistory | null => {
    const hist = src.history();
    if (!hist || hist.length === 0) say('Run or step first: there is nothing to export yet.');
    return hist && hist.length > 0 ? hist : null;
  };
  const exportButton = (kind: string, label: string, act: () => void | Promise<void>): HTMLButtonElement => {
    const b = h('button', { type: 'button', class: 'btn btn-small', 'data-export': kind }, label);
    b.addEventListener('click', () => {
      void Promise.resolve(act()).catch((e: unknown) =>
        say(`Export failed: ${e instanceof Error ? e.message : String(e)}`),
      );
    });
    return b;
  };
  const stem = (): string => fileStem(src.params());
  const exports = h(
    'div',
    { class: 'exports' },
    exportButton('csv', 'CSV', () => {
      const hist = needRun();
      if (hist) download(`${stem()}.csv`, runCsv(hist), 'text/csv');
    }),
    exportButton('json', 'JSON', () => {
      const hist = needRun();
      if (hist) download(`${stem()}.json`, runJson(plainParams(src.params()), hist, src.backend()), 'application/json');
    }),
    exportButton('ipynb', 'Notebook', () => exportNotebook(src.params(), stem(), say)),
    ...FIGURES.map((f) =>
      exportButton(`png-${f}`, `PNG ${f}`, async () => download(`${stem()}-${f}.png`, await png(f))),
    ),
  );

  el.append(
    h(
      'div',
      { class: 'share' },
      h('div', { class: 'share-row' }, share),
      embed,
      h('p', { class: 'hint' }, 'Export the run:'),
      exports,
      status,
      fallback,
    ),
  );
}
