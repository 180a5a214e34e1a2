import { gdPath, moments, stability, type Stability } from './core/analysis';
import { makeLine, type Dataset } from './core/dataset';
import { fitYRange, lossLogRange } from './core/ranges';
import { mountControls, type Action } from './controls/controls';
import { renderNotebook } from './notebook/render';
import { renderA, renderStaticText, TrainLog } from './notebook/text-outputs';
import { showNotices } from './notices';
import { toQuery, type NumericParam, type Params } from './params';
import type { FigureRun, Figures } from './plots/figures';
import { Loop, type Snapshot } from './train/loop';

type Session = typeof import('./train/session');
type TrainerT = InstanceType<Session['Trainer']>;

/** Everything derived from Params for one run; recomputed only when Params change. */
interface Run {
  params: Params;
  data: Dataset;
  stability: Stability;
  figure: FigureRun;
}

function deriveRun(params: Params): Run {
  const data = makeLine(params);
  const m = moments(data.x0, data.y);
  const path = gdPath(m, data.aInit, params.lr, params.steps);
  return {
    params,
    data,
    stability: stability(m),
    figure: { data, steps: params.steps, yRange: fitYRange(data.y, path), lossLogRange: lossLogRange(path) },
  };
}

export interface AppEls {
  notebook: HTMLElement;
  controls: HTMLElement;
  notices: HTMLElement;
  backend: HTMLElement;
}

/**
 * The one-way flow: Params → Run (dataset, analysis) → Trainer → Loop → Snapshot → views.
 * The app holds Params and the current Snapshot; every view is a function of those two.
 */
export function startApp(els: AppEls, initial: Params, parseNotices: string[]): void {
  let run = deriveRun(initial);
  let snapshot: Snapshot | null = null;
  let session: Session | null = null;
  let trainer: TrainerT | null = null;
  let loop: Loop | null = null;
  let figures: Figures | null = null;
  let pending: Partial<Params> | null = null;
  let renderQueued = false;
  const notices = [...parseNotices];

  const notebook = renderNotebook(els.notebook);
  const log = new TrainLog(notebook.outputs['train-log']);
  const controls = mountControls(els.controls, {
    onParam: (name, value) => changeParam(name, value),
    onAction: (a) => act(a),
  });
  showNotices(els.notices, notices);

  const showRunText = (): void => {
    notebook.setCode(run.params);
    renderStaticText(notebook.outputs, run.data);
  };

  // Rendering is coalesced: however many snapshots arrive, each frame draws only the newest.
  const render = (): void => {
    renderQueued = false;
    controls.sync(run.params, snapshot);
    if (!snapshot) return;
    const { history, step } = snapshot;
    if (snapshot.error && !notices.includes(snapshot.error)) {
      notices.push(snapshot.error);
      showNotices(els.notices, notices);
    }
    log.update(history, run.stability.lrBound, run.params.lr);
    renderA(notebook.outputs['a-final'], history, step);
    void figures?.update(history, step);
  };
  const queueRender = (): void => {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(render);
  };
  const onSnapshot = (s: Snapshot): void => {
    snapshot = s;
    queueRender();
  };

  const newTrainer = (): TrainerT | null => {
    if (!session) return null;
    trainer?.dispose();
    trainer = new session.Trainer(run.data, run.params.lr);
    return trainer;
  };

  const restart = (autoplay: boolean): void => {
    const t = newTrainer();
    if (!t) return;
    if (!loop) loop = new Loop(t, run.params.steps, run.data.aInit, run.params.speed, onSnapshot);
    else loop.reset(t, run.params.steps, run.data.aInit);
    snapshot = loop.snapshot();
    if (autoplay) loop.play();
    queueRender();
  };

  const applyParams = (): void => {
    if (!pending) return;
    const next = { ...run.params, ...pending };
    pending = null;
    history.replaceState(null, '', `${location.pathname}${toQuery(next)}${location.hash}`);
    const onlySpeed = Object.keys(next).every(
      (k) => k === 'speed' || next[k as keyof Params] === run.params[k as keyof Params],
    );
    if (onlySpeed) {
      // Speed does not change the run the code cells describe, so it applies without a restart.
      run = { ...run, params: next };
      loop?.setSpeed(next.speed);
      queueRender();
      return;
    }
    run = deriveRun(next);
    showRunText();
    void figures?.setRun(run.figure).then(queueRender);
    restart(true);
  };

  function changeParam(name: NumericParam, value: number): void {
    pending = { ...pending, [name]: value };
    // Slider input can fire many times a frame; the run restarts at most once per frame.
    requestAnimationFrame(applyParams);
  }

  function act(action: Action): void {
    if (!loop) return;
    if (action === 'run') loop.play();
    else if (action === 'pause') loop.pause();
    else if (action === 'step') void loop.stepOnce();
    else restart(false);
  }

  showRunText();
  controls.sync(run.params, null);

  const math = import('./notebook/math').then((m) => m.renderAllMath(document));
  const plots = import('./plots/figures').then((m) => {
    figures = new m.Figures({
      data: notebook.outputs['data-plot'],
      original: notebook.outputs['fit-plot'].querySelector<HTMLElement>('.fig-original')!,
      calculated: notebook.outputs['fit-plot'].querySelector<HTMLElement>('.fig-calculated')!,
      loss: notebook.outputs['loss-plot'],
    });
    return figures.setRun(run.figure).then(queueRender);
  });
  const training = import('./train/session').then(async (s) => {
    const choice = await s.chooseBackend(run.params.backend);
    els.backend.textContent = choice.name;
    els.backend.dataset.backend = choice.name;
    if (choice.fallbackReason) {
      notices.push(choice.fallbackReason);
      showNotices(els.notices, notices);
    }
    await s.warmUp(run.data);
    session = s;
    restart(false);
    controls.setReady(true);
  });
  void Promise.all([math, plots, training]).then(() => document.documentElement.setAttribute('data-ready', 'true'));
  for (const p of [math, plots, training]) {
    p.catch((e: unknown) => {
      notices.push(`Part of the page failed to load: ${e instanceof Error ? e.message : String(e)}`);
      showNotices(els.notices, notices);
    });
  }
}
