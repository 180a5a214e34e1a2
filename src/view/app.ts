import { RunController } from '../controller/controller';
import { mountControls, type Action, type ControlPlaces } from '../controls/controls';
import { bindShortcuts, shortcutHelp } from '../controls/keyboard';
import { showNotices } from '../notices';
import type { NumericParam, ParamName, Params } from '../params/table';
import type { FigureHeights } from '../plots/style';
import { ThemeState } from '../theme';
import { FiguresView } from './figures-view';
import { FrameRenderer } from './frame-renderer';
import { mountNotebookView, type NotebookView } from './notebook-view';
import { mountOptimView } from './optim-view';
import { markWhosePoints, mountOwnDataView } from './own-data-view';
import { bindPointDrag } from './point-drag';
import { mountStepArrow } from './step-arrow';
import { mountXrayView } from './xray-view';

export interface AppEls {
  notebook: HTMLElement;
  controls: HTMLElement;
  /** Where the controls not up front go (an embed's "more"); the same place as `controls` if absent. */
  moreControls?: HTMLElement;
  notices: HTMLElement;
  /** The badge that names the backend the run trains on. */
  backend: HTMLElement;
}

export interface AppOptions {
  /** Outputs only, no prose and no code (the embed). */
  compact: boolean;
  /** Skip frames of live figures, and the bound's typesetting, far from view (the page; an embed shows all of itself). */
  lazyFigures: boolean;
  heights: FigureHeights;
  /** The parameters whose controls stand up front; all of them if absent. */
  mainParams?: readonly ParamName[];
  /** Sliders also in the run bar (the page's phone layout). */
  strip?: readonly NumericParam[];
  /** Controls behind a disclosure of their own (the page's optimizer settings). */
  folded?: ControlPlaces['folded'];
  /** Train on cpu until WebGL is warm (the embed: see ControllerOptions.startOnCpu). */
  startOnCpu?: boolean;
}

/** A mounted notebook: the controller and the views that show it. */
export interface App {
  ctl: RunController;
  theme: ThemeState;
  renderer: FrameRenderer;
  figures: FiguresView;
  view: NotebookView;
  /** The outputs that change while training (figures, log). */
  liveOutputs: HTMLElement[];
  /** KaTeX, Plotly and tfjs loaded, the first run drawn: html[data-ready] is set. */
  ready: Promise<void>;
}

const firstPaint = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Make the controller for `initial` and mount the views on it. The prose and its math are already
 * in the HTML: they paint first, then tfjs, Plotly and KaTeX are fetched and parsed in parallel.
 */
export async function startApp(
  els: AppEls,
  initial: Params,
  notices: readonly string[],
  opts: AppOptions,
): Promise<App> {
  const theme = new ThemeState(initial);
  const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)');
  // A million points are made in chunks meanwhile.
  const [ctl] = await Promise.all([
    RunController.create(initial, { notices, jump: () => reduceMotion.matches, startOnCpu: opts.startOnCpu }),
    firstPaint(),
  ]);
  return mountApp(ctl, els, theme, opts, () => reduceMotion.matches);
}

function mountApp(ctl: RunController, els: AppEls, theme: ThemeState, opts: AppOptions, still: () => boolean): App {
  const hide = ctl.state.params.hide;
  const view = mountNotebookView(ctl, els.notebook, { compact: opts.compact, hide, lazy: opts.lazyFigures });
  els.controls.hidden = hide.includes('controls');
  const renderer = new FrameRenderer(ctl);
  const act = (a: Action): void => {
    if (a === 'run') ctl.play();
    else if (a === 'pause') ctl.pause();
    else if (a === 'step') void ctl.step();
    else ctl.reset();
  };
  const places = {
    main: els.controls,
    more: els.moreControls ?? els.controls,
    mainParams: opts.mainParams,
    strip: opts.strip,
    folded: opts.folded,
  };
  const controls = mountControls(places, {
    onParam: (change) => ctl.set(change),
    onAction: act,
    onSeek: (step) => ctl.seek(step),
    onCompareBackends: () => void ctl.compareBackends(),
  });
  places.more.append(shortcutHelp(), view.announcer.el);
  bindShortcuts(() => ctl.state.status === 'running', act);
  const figures = new FiguresView(ctl, view.notebook.figures, theme, {
    lazy: opts.lazyFigures,
    still,
    redraw: () => renderer.queue(),
    heights: opts.heights,
  });
  renderer.add((s) => controls.sync(s, { ...ctl.diagnostics(), ...figures.moveStats() }));
  renderer.add((s) => view.render(s, controls.equation));
  renderer.add(markWhosePoints(els.notebook));
  renderer.add((s) => figures.render(s));
  // The optimizer chapter is the page's: the compact embed shows outputs only.
  if (!opts.compact) {
    const live = view.notebook.figures.landscapeLive;
    renderer.add(mountStepArrow(live.parentElement ?? live, live));
    const xray = mountXrayView(view.notebook.outputs.xray, opts.lazyFigures);
    renderer.add(xray.render);
    const own = mountOwnDataView(view.notebook.outputs['own-data'], ctl);
    renderer.add(own.render);
    bindPointDrag(view.notebook.figures.data, {
      state: () => ctl.state,
      use: own.use,
      pick: xray.pick,
      refuse: own.refuse,
      hold: (held) => ctl.holdPlay(held),
    });
    renderer.add(mountOptimView(ctl, view.notebook.outputs.optim, figures, view.math, opts.lazyFigures));
  }

  showNotices(els.notices, ctl.state.notices);
  ctl.on('notice', () => showNotices(els.notices, ctl.state.notices));
  ctl.on('backend', (name) => {
    els.backend.textContent = name;
    els.backend.dataset.backend = name;
  });
  ctl.on('change', (p) => theme.set(p));

  const parts = [view.math.then(() => renderer.queue()), figures.ready, ctl.start()];
  for (const p of parts) {
    p.catch((e: unknown) =>
      ctl.notify(`Part of the page failed to load: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
  const ready = Promise.all(parts).then(() => document.documentElement.setAttribute('data-ready', 'true'));
  const o = view.notebook.outputs;
  return {
    ctl,
    theme,
    renderer,
    figures,
    view,
    liveOutputs: [o['fit-plot'], o['loss-plot'], o.landscape, o['train-log']],
    ready,
  };
}
