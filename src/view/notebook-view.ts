import type { ControllerState, RunController } from '../controller/controller';
import type { Run } from '../controller/run';
import { hessian } from '../core/analysis';
import { renderPresets } from '../controls/presets-view';
import { LossAnnouncer } from '../controls/keyboard';
import { renderBound, showEquation } from '../notebook/explain';
import { FigureText } from '../notebook/figure-text';
import { renderNotebook, type Notebook } from '../notebook/render';
import { highlightLog, renderA, renderStaticText, TrainLog } from '../notebook/text-outputs';
import type { Panel } from '../params/table';
import { NearViewport } from '../plots/near-viewport';
import { PRESETS } from '../presets';

type MathModule = typeof import('../notebook/math');

export interface NotebookViewOptions {
  /** The embed view: outputs only, no prose and no code. */
  compact: boolean;
  hide: readonly Panel[];
  /** Typeset the stability bound only while it is near the view (the page; an embed shows all of itself). */
  lazy: boolean;
}

export interface NotebookView {
  notebook: Notebook;
  /** Reads out the loss every 10 steps; the page puts it where it likes. */
  announcer: LossAnnouncer;
  /** KaTeX, once loaded and every formula on the page typeset. */
  math: Promise<MathModule>;
  /** Draw the text outputs for `state`; `equation` is where the cursor's ŷ = a₁x + a₂ goes. */
  render(state: ControllerState, equation: HTMLElement): void;
}

/**
 * The notebook's outputs that are text: the code cells with the current values, the printed
 * tensors, the training log, a, the stability bound, the presets and the figures' summaries.
 * Each is a function of the controller's state.
 */
export function mountNotebookView(ctl: RunController, container: HTMLElement, opts: NotebookViewOptions): NotebookView {
  const notebook = renderNotebook(container, opts);
  const o = notebook.outputs;
  const log = new TrainLog(o['train-log']);
  const figureText = new FigureText(notebook.summaries);
  const announcer = new LossAnnouncer();
  let math: MathModule | null = null;
  const post = PRESETS.filter((p) => p.chapter === 'post');
  renderPresets(o.presets, post, (p) => ctl.set(p.apply(ctl.state.run.stability)));

  // Each new run's bound has new numbers, so KaTeX typesets most of it afresh: about 7 ms of each
  // move of a dragged point, for a cell usually screens away. Far from view, its TeX waits until
  // the cell comes within a screen.
  const boundNear = opts.lazy ? new NearViewport([o.bound], () => math?.renderAllMath(o.bound)) : null;
  // Paper shows every cell: a bound still waiting is typeset before the print layout is taken.
  if (boundNear) addEventListener('beforeprint', () => math?.renderAllMath(o.bound));
  const showRunText = (run: Run): void => {
    notebook.setCode(run.params);
    renderStaticText(o, run.data);
    renderBound(o.bound, run.params, run.stability, run.verdict, hessian(run.moments), run.aStar);
    if (!boundNear || boundNear.isNear(o.bound)) math?.renderAllMath(o.bound);
  };
  showRunText(ctl.state.run);
  ctl.on('run', showRunText);

  const mathReady = import('../notebook/math').then((m) => {
    math = m;
    m.renderAllMath(document);
    return m;
  });

  return {
    notebook,
    announcer,
    math: mathReady,
    render(state, equation) {
      const { snapshot, run, cursor: step } = state;
      if (!snapshot) return;
      const { history } = snapshot;
      log.update(history, run.stability.lrBound, run.params.lr);
      const printed = Math.floor((history.length - 1) / 10) * 10;
      if (history.length === 0) announcer.reset();
      else announcer.announce(printed, history.losses[printed]!, history.isDone());
      highlightLog(o['train-log'], step);
      renderA(o['a-final'], history, step);
      showEquation(equation, history.aAt(step), step, math);
      figureText.update(run, history, step, snapshot.status === 'running');
    },
  };
}
