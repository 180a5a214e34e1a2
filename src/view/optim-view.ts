import type { ControllerState, RunController } from '../controller/controller';
import { trainSpecOf, type Run } from '../controller/run';
import { OPTIMIZER_PARAMS } from '../controls/controls';
import { paramControl, type ParamControl } from '../controls/param-control';
import { renderPresets } from '../controls/presets-view';
import { h } from '../notebook/dom';
import { adamParagraphs, batchParagraph, momentumParagraphs } from '../notebook/optim-text';
import { PRESETS } from '../presets';
import type { FiguresView } from './figures-view';
import { mountRaceView } from './race-view';
import { NearViewport } from '../plots/near-viewport';

type MathModule = typeof import('../notebook/math');
type PhasePlotT = InstanceType<(typeof import('../plots/phase-plot'))['PhasePlot']>;

/**
 * The chapter "Beyond plain gradient descent": its own copies of the optimizer controls, the
 * heavy-ball theory with this data's numbers and the reader's verdict, the phase diagram, Adam's
 * rates, its presets and the race. Everything is drawn from the controller's state.
 */
export function mountOptimView(
  ctl: RunController,
  out: HTMLElement,
  figures: FiguresView,
  math: Promise<MathModule>,
  lazy: boolean,
): (s: ControllerState) => void {
  const controls = OPTIMIZER_PARAMS.map((n) => paramControl(n, (change) => ctl.set(change), 'ch')).filter(
    (c): c is ParamControl => c !== null,
  );
  const theory = h('div', { class: 'optim-theory', id: 'optim-theory', 'aria-live': 'off' });
  const [phaseEl, caption] = phaseFigure();
  const presets = h('div', { class: 'optim-presets' });
  const race = h('div', { class: 'race' });
  out.append(
    h('div', { class: 'sliders optim-controls' }, ...controls.map((c) => c.row)),
    theory,
    phaseEl,
    caption,
    presets,
    race,
  );
  renderPresets(
    presets,
    PRESETS.filter((p) => p.chapter === 'optim'),
    (p) => ctl.set(p.apply(ctl.state.run.stability)),
  );
  const raceView = mountRaceView(ctl, race, figures);

  let typeset: MathModule | null = null;
  let phase: PhasePlotT | null = null;
  let shown = '';
  // Far from view, the theory is not typeset and the diagram not drawn on each lr move (the slider
  // would pay for a chapter nobody sees); they are drawn with the newest state when it comes near.
  const near = lazy ? new NearViewport([out], () => update(ctl.state)) : null;
  const isNear = (): boolean => near?.isNear(out) ?? true;
  void math.then((m) => {
    typeset = m;
    shown = '';
    update(ctl.state);
  });
  void import('../plots/phase-plot').then((m) => {
    phase = new m.PhasePlot(phaseEl);
    drawPhase(ctl.state.run);
  });
  const drawPhase = (run: Run): void => {
    if (isNear()) void phase?.show(run.stability, run.params.lr, run.params.momentum, figures.currentLook);
  };
  figures.onLook(() => drawPhase(ctl.state.run));
  window.addEventListener('beforeprint', () => {
    shown = '';
    update(ctl.state, true);
  });

  const update = (state: ControllerState, always = false): void => {
    const { run } = state;
    for (const c of controls) c.sync(run.params);
    raceView(state);
    if (!always && !isNear()) return;
    const key = theoryKey(state);
    if (key === shown) return;
    shown = key;
    theory.replaceChildren(...theoryParagraphs(state));
    typeset?.renderAllMath(theory);
    drawPhase(run);
  };
  return update;
}

/** The phase diagram's figure, described by its caption and by the theory beside it. */
function phaseFigure(): [HTMLElement, HTMLElement] {
  const fig = h('div', {
    class: 'figure fig-phase',
    role: 'img',
    'aria-label':
      'Phase diagram of heavy-ball momentum: the convergence rate over the learning rate and β, with the optimum and your choice marked',
    'aria-describedby': 'phase-caption optim-theory',
  });
  const caption = h(
    'p',
    { class: 'figure-caption', id: 'phase-caption' },
    'Brighter is faster: a smaller shrink factor per step. Blank: momentum diverges there. ',
    'The star is the best (\u03B7, \u03B2) for this data; the red dot is yours.',
  );
  return [fig, caption];
}

/** What the theory shows depends on: Adam's rates follow the step shown, at most every 10 steps while a run plays. */
function theoryKey(state: ControllerState): string {
  const { run, snapshot, cursor } = state;
  const p = run.params;
  const at = p.opt === 'adam' ? Math.floor(cursor / (state.status === 'running' ? 10 : 1)) : 0;
  return `${String(p.lr)}|${p.opt}|${String(p.momentum)}|${p.nesterov}|${String(p.batch)}|${String(at)}|${String(snapshot?.run)}|${String(run.stability.lrBound)}`;
}

/** The heavy-ball theory for SGD, or Adam's effective steps at the step shown; then the batch. */
function theoryParagraphs(state: ControllerState): HTMLElement[] {
  const { run, snapshot, cursor } = state;
  const p = run.params;
  const h0 = snapshot?.history;
  const opt = trainSpecOf(p).opt;
  const step = h0 && cursor > 0 ? h0.aAt(cursor - 1).map((v, i) => h0.aAt(cursor)[i]! - v) : [0, 0];
  return [
    ...(p.opt === 'adam' && h0
      ? adamParagraphs(opt, h0.optStateAt(cursor, false), step as [number, number])
      : momentumParagraphs(run.stability, p.lr, p.momentum, p.nesterov === '1')),
    batchParagraph(p.n, p.batch),
  ];
}
