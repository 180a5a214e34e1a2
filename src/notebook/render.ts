import type { SummaryKey } from '../core/figure-summary';
import type { Panel, Params } from '../params/table';
import type { FigureEls } from '../plots/figures';
import { CELLS, type CodeCell, type LiveCell, type OutputKind, type Part } from './cells';
import { codeTabs } from './code-tabs';
import { h } from './dom';

export interface Notebook {
  root: HTMLElement;
  outputs: Record<OutputKind, HTMLElement>;
  /** The plot divs inside the outputs. */
  figures: FigureEls;
  /** The text summary of each figure, by figure. */
  summaries: Record<SummaryKey, HTMLElement>;
  /** The element that holds each panel (a section of its own in compact mode). */
  panels: Partial<Record<Panel, HTMLElement>>;
  /** Refill every code cell with the values of params. */
  setCode(params: Params): void;
}

function mathSpan(tex: string, display: boolean): HTMLElement {
  // The TeX source stays visible until KaTeX has loaded and replaced it.
  return h(display ? 'div' : 'span', { class: display ? 'math display' : 'math', 'data-tex': tex }, tex);
}

function part(p: Part): Node {
  if (typeof p === 'string') return document.createTextNode(p);
  if ('tex' in p) return mathSpan(p.tex, false);
  if ('code' in p) return h('code', {}, p.code);
  return h(
    'span',
    {},
    h('span', { class: 'for-post-data' }, ...p.post.map(part)),
    h('span', { class: 'for-own-data' }, ...p.own.map(part)),
  );
}

const OUTPUT_LABELS: Record<OutputKind, string> = {
  'x-head': 'x[:5]',
  'a-true': 'the true a',
  'data-plot': 'scatter plot of the data',
  'a-init': 'the initial parameter a',
  'train-log': 'training log',
  'a-final': 'a after training',
  'fit-plot': 'Original and Calculated scatter plots',
  'loss-plot': 'loss curve',
  landscape: 'loss landscape',
  bound: 'the stability bound',
  optim: 'optimizers on this data',
  xray: 'one step, slowly',
  'own-data': 'your own data',
  presets: 'presets',
};

/**
 * A Plotly figure is one image to assistive technology (its SVG's tick labels would be noise),
 * named by aria-label and described by a text summary that the app keeps current.
 */
function figure(cls: string, label: string, key: SummaryKey): HTMLElement {
  return h('div', { class: `figure ${cls}`, role: 'img', 'aria-label': label, 'aria-describedby': summaryId(key) });
}

const summaryId = (key: SummaryKey): string => `summary-${key}`;

function summary(key: SummaryKey): HTMLElement {
  return h('p', { class: 'figure-summary visually-hidden', id: summaryId(key) });
}

function codeCell(
  cell: CodeCell,
  index: number,
  refill: ((p: Params) => void)[],
): { el: HTMLElement; out: HTMLElement } {
  const { tabs, panels } = codeTabs(cell, index, refill);
  const out = h('div', {
    class: `output output-${cell.output}`,
    'data-output': cell.output,
    role: 'region',
    'aria-label': `Out [${index}]: ${OUTPUT_LABELS[cell.output]}`,
  });
  if (cell.output === 'fit-plot') {
    out.append(
      figure('fig-original', 'Original: x against y, in blue', 'fit'),
      figure('fig-calculated', 'Calculated: x against x @ a, in red', 'fit'),
      summary('fit'),
    );
  } else if (cell.output === 'data-plot') {
    out.append(figure('fig-data', 'Scatter plot of the data, x against y', 'data'), summary('data'));
  } else if (cell.output === 'loss-plot') {
    out.append(figure('fig-loss', 'Loss against step, log scale', 'loss'), summary('loss'));
  }
  const el = h(
    'section',
    { class: 'cell code-cell' },
    h(
      'div',
      { class: 'in' },
      h('span', { class: 'prompt', 'aria-hidden': 'true' }, `In [${index}]:`),
      h('div', { class: 'source' }, tabs, ...panels),
    ),
    h('div', { class: 'out' }, h('span', { class: 'prompt', 'aria-hidden': 'true' }, `Out [${index}]:`), out),
  );
  return { el, out };
}

function liveCell(cell: LiveCell): { el: HTMLElement; out: HTMLElement } {
  const out = h('div', {
    class: `output output-${cell.output}`,
    'data-output': cell.output,
    role: 'region',
    'aria-label': cell.label,
  });
  if (cell.output === 'landscape') {
    out.append(
      h(
        'div',
        { class: 'stack' },
        figure('fig-landscape', 'Loss landscape with the path of gradient descent', 'landscape'),
        h('div', { class: 'figure fig-landscape-live', 'aria-hidden': 'true' }),
      ),
      summary('landscape'),
    );
  }
  const el = h('section', { class: `cell live-cell live-${cell.output}` }, out);
  if (cell.caption) el.append(h('p', { class: 'caption' }, ...cell.caption.map(part)));
  return { el, out };
}

/** The outputs that hide flags can remove, by panel name. */
export const PANEL_OF: Partial<Record<OutputKind, Panel>> = {
  'data-plot': 'data',
  'fit-plot': 'fit',
  'loss-plot': 'loss',
  landscape: 'landscape',
  'train-log': 'log',
};

export interface NotebookOptions {
  /** The embed view: outputs only, no prose and no code. */
  compact: boolean;
  hide: readonly Panel[];
}

export function renderNotebook(container: HTMLElement, opts: NotebookOptions): Notebook {
  const refill: ((p: Params) => void)[] = [];
  const outputs = {} as Record<OutputKind, HTMLElement>;
  const panels: Partial<Record<Panel, HTMLElement>> = {};
  let index = 0;
  CELLS.forEach((cell, i) => {
    // The page's HTML holds the prose, prerendered at build time, and a slot for every other cell.
    const slot = container.querySelector<HTMLElement>(`[data-cell="${i}"]`);
    if (cell.kind === 'prose') return;
    const { el, out } = cell.kind === 'live' ? liveCell(cell) : codeCell(cell, ++index, refill);
    outputs[cell.output] = out;
    const panel = PANEL_OF[cell.output];
    // Outputs without a panel still exist in compact mode, detached, so every view can write to them.
    if (opts.compact && !panel) return;
    const section = opts.compact ? h('section', { class: 'panel' }, out) : el;
    if (panel) {
      panels[panel] = section;
      section.dataset.panel = panel;
      section.hidden = opts.hide.includes(panel);
    }
    if (slot) slot.replaceWith(section);
    else container.append(section);
  });
  const inside = (out: HTMLElement, selector: string): HTMLElement => out.querySelector<HTMLElement>(selector)!;
  return {
    root: container,
    outputs,
    figures: {
      data: inside(outputs['data-plot'], '.fig-data'),
      original: inside(outputs['fit-plot'], '.fig-original'),
      calculated: inside(outputs['fit-plot'], '.fig-calculated'),
      loss: inside(outputs['loss-plot'], '.fig-loss'),
      landscape: inside(outputs.landscape, '.fig-landscape'),
      landscapeLive: inside(outputs.landscape, '.fig-landscape-live'),
    },
    summaries: {
      data: inside(outputs['data-plot'], '.figure-summary'),
      fit: inside(outputs['fit-plot'], '.figure-summary'),
      loss: inside(outputs['loss-plot'], '.figure-summary'),
      landscape: inside(outputs.landscape, '.figure-summary'),
    },
    panels,
    setCode: (p) => refill.forEach((f) => f(p)),
  };
}
