import { hessian } from './core/analysis';
import { mountControls, type Action } from './controls/controls';
import { bindShortcuts, LossAnnouncer, shortcutHelp } from './controls/keyboard';
import { renderPresets } from './controls/presets-view';
import { renderBound, showEquation } from './notebook/explain';
import { FigureText } from './notebook/figure-text';
import { renderNotebook } from './notebook/render';
import { highlightLog, renderA, renderStaticText, TrainLog } from './notebook/text-outputs';
import { showNotices } from './notices';
import { preparePrinting } from './print';
import { toQuery, type BackendName, type Params } from './params';
import type { Figures } from './plots/figures';
import { PRESETS } from './presets';
import { mountSharePanel } from './share/share-panel';
import { BackendControl } from './backend-control';
import { deriveRunAsync, type Run } from './run';
import { Loop, type Snapshot } from './train/loop';
import { QueryWriter } from './url';

type Session = typeof import('./train/session');
type TrainerT = InstanceType<Session['Trainer']>;
type MathModule = typeof import('./notebook/math');

export interface AppEls {
  notebook: HTMLElement;
  controls: HTMLElement;
  notices: HTMLElement;
  backend: HTMLElement;
}

/**
 * The one-way flow: Params → Run (dataset, analysis) → Trainer → Loop → Snapshot → views.
 * The app holds Params, the newest Snapshot and the replay cursor (null: follow the newest step);
 * every view is a function of those three.
 */
export interface AppOptions {
  /** 'embed': the compact view for blogs (outputs only, a one-line caption). */
  mode: 'page' | 'embed';
}

/** What the page around the app may ask of it. */
export interface AppHandle {
  /** Off-screen or hidden: pause a running run, and resume it where it was when visible again. */
  setVisible(visible: boolean): void;
  /** The outputs that change while training (figures, log), once the notebook is rendered. */
  readonly liveOutputs: Promise<HTMLElement[]>;
}

export function startApp(els: AppEls, initial: Params, parseNotices: string[], opts: AppOptions): AppHandle {
  let inner: AppHandle | null = null;
  let visible = true;
  // The prose and its math are already in the HTML: let them paint first, then fetch and parse
  // tfjs, Plotly and KaTeX (in parallel). A million points are made in chunks meanwhile.
  const firstPaint = new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const started = Promise.all([deriveRunAsync(initial), firstPaint]).then(([run]) => {
    inner = startWithRun(els, run, parseNotices, opts);
    if (!visible) inner.setVisible(false);
    return inner;
  });
  return {
    setVisible(v) {
      visible = v;
      inner?.setVisible(v);
    },
    liveOutputs: started.then((app) => app.liveOutputs),
  };
}

function startWithRun(els: AppEls, first: Run, parseNotices: string[], opts: AppOptions): AppHandle {
  let run = first;
  /** The newest requested Params; `run` catches up with it when its data is ready. */
  let target = first.params;
  let runToken = 0;
  let snapshot: Snapshot | null = null;
  let cursor: number | null = null;
  let trainer: TrainerT | null = null;
  let loop: Loop | null = null;
  let figures: Figures | null = null;
  let math: MathModule | null = null;
  let pending: Partial<Params> | null = null;
  let renderQueued = false;
  let autoPaused = false;
  const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)');
  /** Animate the run, or with reduced motion jump to its result (Step still goes one at a time). */
  const play = (l: Loop): void => {
    if (reduceMotion.matches) void l.jump();
    else l.play();
  };
  const query = new QueryWriter();
  const notices = [...parseNotices];
  const notify = (text: string): void => {
    if (notices.includes(text)) return;
    notices.push(text);
    showNotices(els.notices, notices);
  };

  const notebook = renderNotebook(els.notebook, { compact: opts.mode === 'embed', hide: first.params.hide });
  els.controls.hidden = first.params.hide.includes('controls');
  const log = new TrainLog(notebook.outputs['train-log']);
  const figureText = new FigureText(notebook.summaries);
  const controls = mountControls(els.controls, {
    onParam: (name, value) => changeParams({ [name]: value }),
    onAction: (a) => act(a),
    onScrub: (step) => {
      // Dragging to the newest step means: follow the run again.
      cursor = snapshot && step >= snapshot.history.length ? null : step;
      queueRender();
    },
    onBackend: (name) => changeParams({ backend: name }),
    onGradient: (grad) => changeParams({ grad }),
    onCompareBackends: () => void compareBackends(),
  });
  const backends = new BackendControl({
    onActive: (name) => {
      els.backend.textContent = name;
      els.backend.dataset.backend = name;
    },
    onNotice: notify,
  });
  let comparing: Promise<void> | null = null;
  const compareBackends = (names?: readonly BackendName[]): Promise<void> => {
    if (comparing || !loop || snapshot?.status === 'running') return comparing ?? Promise.resolve();
    controls.setReady(false);
    comparing = backends
      .compare(run.data, run.params.grad, names)
      .then(() => undefined)
      .finally(() => {
        comparing = null;
        controls.setReady(true);
        queueRender();
      });
    return comparing;
  };
  renderPresets(notebook.outputs.presets, PRESETS, (p) => changeParams(p.apply(run.stability)));
  const announcer = new LossAnnouncer();
  els.controls.append(shortcutHelp(), announcer.el);
  bindShortcuts(
    () => snapshot?.status === 'running',
    (a) => act(a),
  );
  showNotices(els.notices, notices);

  const typeset = (root: ParentNode): void => math?.renderAllMath(root);

  const showRunText = (): void => {
    notebook.setCode(run.params);
    renderStaticText(notebook.outputs, run.data);
    renderBound(notebook.outputs.bound, run.params, run.stability, run.verdict, hessian(run.moments), run.aStar);
    typeset(notebook.outputs.bound);
  };

  const viewStep = (): number => Math.min(cursor ?? Infinity, snapshot?.history.length ?? 0);

  // Rendering is coalesced: however many snapshots arrive, each frame draws only the newest.
  const render = (): void => {
    renderQueued = false;
    const step = viewStep();
    controls.sync({
      params: run.params,
      snap: snapshot,
      cursor: step,
      stability: run.stability,
      verdict: run.verdict,
      backend: backends.active,
      advice: backends.advice,
      tensors: backends.session?.tensorCount() ?? null,
      programs: backends.session?.compiledPrograms() ?? null,
      fused: backends.session?.fusedKernelRuns() ?? false,
    });
    if (!snapshot) return;
    const { history } = snapshot;
    if (snapshot.error) notify(snapshot.error);
    log.update(history, run.stability.lrBound, run.params.lr);
    const printed = Math.floor((history.length - 1) / 10) * 10;
    if (history.length === 0) announcer.reset();
    else announcer.announce(printed, history.losses[printed]!, history.isDone());
    highlightLog(notebook.outputs['train-log'], step);
    renderA(notebook.outputs['a-final'], history, step);
    showEquation(controls.equation, history.aAt(step), step, math);
    figureText.update(run, history, step, snapshot.status === 'running');
    // Reduced motion: the figures show where a run starts and where it ends, never the way there.
    if (reduceMotion.matches && snapshot.status === 'running') void figures?.showStart(history);
    else void figures?.update(history, step);
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

  const restart = (autoplay: boolean): void => {
    const session = backends.session;
    if (!session) return;
    trainer?.dispose();
    trainer = new session.Trainer(run.data, run.params.lr, run.data.aInit, run.params.grad);
    if (!loop) {
      loop = new Loop(trainer, run.params.steps, run.data.aInit, run.params.speed, onSnapshot);
      loop.setRecovery(moveToCpu);
    } else loop.reset(trainer, run.params.steps, run.data.aInit);
    cursor = null;
    snapshot = loop.snapshot();
    if (autoplay) play(loop);
    queueRender();
  };

  /**
   * A batch failed on webgl or wasm (most often the browser took back the WebGL context): go on
   * from the same step and the same a on the CPU backend. Nothing is restarted and nothing is lost.
   */
  const moveToCpu = async (a: [number, number], step: number, error: unknown): Promise<TrainerT | null> => {
    const session = backends.session;
    if (!session || !backends.active || backends.active === 'cpu') return null;
    const failed = trainer;
    await backends.abandonActive(step, error);
    // A restart while the backend changed made its own trainer, and the loop has dropped this run.
    if (trainer !== failed) return null;
    failed?.dispose();
    trainer = new session.Trainer(run.data, run.params.lr, a, run.params.grad);
    return trainer;
  };

  const applyParams = (): void => {
    if (!pending) return;
    const next = { ...target, ...pending };
    pending = null;
    target = next;
    query.write(toQuery(next));
    const keys = Object.keys(next) as (keyof Params)[];
    const token = ++runToken;
    if (keys.every((k) => k === 'speed' || next[k] === run.params[k])) {
      // Speed does not change the run the code cells describe, so it applies without a restart.
      run = { ...run, params: next };
      loop?.setSpeed(next.speed);
      queueRender();
      return;
    }
    void deriveRunAsync(next, run).then(async (r) => {
      // A newer change arrived while this data was being made: it wins.
      if (token !== runToken) return;
      if (r.params.backend !== run.params.backend) {
        loop?.pause();
        trainer?.dispose();
        trainer = null;
        await backends.use(r.params.backend, r.data, r.params.grad);
        if (token !== runToken) return;
      }
      run = r;
      // The first step goes to the backend first; the text and figures are drawn while it runs.
      restart(true);
      showRunText();
      void figures?.setRun(run.figure).then(queueRender);
    });
  };

  function changeParams(change: Partial<Params>): void {
    const first = pending === null;
    pending = { ...pending, ...change };
    // Changes made together (a preset sets several) restart the run once. Not at the next frame:
    // Chromium already sends a dragged slider's input once a frame, and waiting for a frame only
    // added 0–16 ms before the new run's first step.
    if (first) queueMicrotask(applyParams);
  }

  function act(action: Action): void {
    // A press during a backend comparison is kept and carried out right after it.
    if (comparing) {
      void comparing.then(() => act(action));
      return;
    }
    if (!loop) return;
    if (action === 'run') {
      cursor = null;
      play(loop);
    } else if (action === 'pause') loop.pause();
    else if (action === 'step') {
      cursor = null;
      void loop.stepOnce();
    } else restart(false);
  }

  showRunText();
  queueRender();

  const mathReady = import('./notebook/math').then((m) => {
    math = m;
    m.renderAllMath(document);
    queueRender();
  });
  const plots = import('./plots/figures').then((m) => {
    figures = new m.Figures(notebook.figures, { lazy: opts.mode === 'page' });
    return figures.setRun(run.figure).then(queueRender);
  });
  if (opts.mode === 'page') {
    preparePrinting((follow) => figures?.refit(follow));
    mountSharePanel(els.controls, {
      params: () => target,
      history: () => snapshot?.history ?? null,
      backend: () => els.backend.textContent,
      figures: notebook.figures,
      plotsDrawn: () => plots.then(() => figures?.flush()),
    });
  }
  const training = backends.use(run.params.backend, run.data, run.params.grad).then(() => {
    restart(false);
    controls.setReady(true);
    // Is WebGL worth it at this n? Compare with the cpu backend, already loaded, before any Run.
    if (backends.active === 'webgl' && run.params.n <= 20_000) void compareBackends(['webgl', 'cpu']);
  });
  const parts = [mathReady, plots, training];
  void Promise.all(parts).then(() => {
    // The embed is sized by its content, so all of it counts as in view; the page skips what is not.
    if (opts.mode === 'page') els.notebook.classList.add('lazy-cells');
    document.documentElement.setAttribute('data-ready', 'true');
  });
  for (const p of parts) {
    p.catch((e: unknown) => notify(`Part of the page failed to load: ${e instanceof Error ? e.message : String(e)}`));
  }
  // In auto theme the figures follow the reader's colour scheme when it changes.
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (run.params.theme === 'auto') void figures?.setRun(run.figure, true).then(queueRender);
  });

  const o = notebook.outputs;
  return {
    liveOutputs: Promise.resolve([o['fit-plot'], o['loss-plot'], o.landscape, o['train-log']]),
    setVisible(visible) {
      if (!loop) return;
      if (!visible && snapshot?.status === 'running') {
        loop.pause();
        autoPaused = true;
      } else if (visible && autoPaused) {
        autoPaused = false;
        play(loop);
      }
      // Off-screen frames get no animation frames, so show the state change now, not at the next frame.
      render();
    },
  };
}
