import type { ControllerState, RunController } from '../controller/controller';
import type { RaceView } from '../controller/types';
import { RACERS, type Racer } from '../controller/race';
import { loss } from '../core/analysis';
import { h, setText } from '../notebook/dom';
import type { FiguresView } from './figures-view';

type RacePlotT = InstanceType<(typeof import('../plots/race-plot'))['RacePlot']>;

const NOT_STARTED =
  'The race has not started: \u201CRace them\u201D runs plain GD, momentum and Adam from the same a_init.';

const NAMES: Record<Racer, string> = { gd: 'plain GD', momentum: 'momentum', adam: 'Adam' };

/**
 * The race: a button that starts plain GD, momentum and Adam from the run's a_init, a switch per
 * racer, and their paths and loss curves (race-plot.ts). One readback a frame for all three.
 */
export function mountRaceView(ctl: RunController, el: HTMLElement, figures: FiguresView): (s: ControllerState) => void {
  const on: Record<Racer, boolean> = { gd: true, momentum: true, adam: true };
  const start = h('button', { type: 'button', class: 'btn btn-run', 'data-race': 'start' }, 'Race them \u25B6');
  start.addEventListener('click', () => ctl.race());
  const status = h('span', { class: 'race-status', role: 'status' });
  const toggles = RACERS.map((r) => {
    const box = h('input', { type: 'checkbox', checked: true, 'data-racer': r });
    box.addEventListener('change', () => {
      on[r] = box.checked;
      drawn = '';
      redraw(ctl.state);
    });
    return h('label', { class: `racer racer-${r}` }, box, ` ${NAMES[r]}`);
  });
  const landscape = h('div', {
    class: 'figure fig-race-landscape',
    role: 'img',
    'aria-label': 'The three racers\u2019 paths on the loss landscape',
    'aria-describedby': 'summary-race',
  });
  const lossEl = h('div', {
    class: 'figure fig-race-loss',
    role: 'img',
    'aria-label': 'The three racers\u2019 loss curves',
    'aria-describedby': 'summary-race',
  });
  const summary = h('p', { id: 'summary-race', class: 'figure-summary visually-hidden' }, NOT_STARTED);
  el.append(
    h(
      'p',
      { class: 'race-intro' },
      'Plain gradient descent, momentum and Adam, from the same a_init on this data, at your learning rate:',
    ),
    h('div', { class: 'race-controls' }, start, ...toggles, status),
    landscape,
    lossEl,
    summary,
  );

  let plot: RacePlotT | null = null;
  let forRun: unknown = null;
  /** The race's figures are being drawn: no frame moves them until they are. */
  let drawing = false;
  let drawn = '';
  void import('../plots/race-plot').then((m) => (plot = new m.RacePlot(landscape, lossEl)));

  const redraw = (state: ControllerState): void => {
    const race = state.race;
    if (!plot || !race || drawing) return;
    const { run } = state;
    // A new race (its histories are new): draw its figures first, then move them frame by frame.
    if (forRun !== race.histories) {
      forRun = race.histories;
      drawing = true;
      drawn = '';
      const m = run.moments;
      const l0 = loss(m, run.data.aInit);
      const floor = Math.max(run.aStar ? loss(m, run.aStar) : 0, l0 * 1e-10);
      const range: [number, number] = [Math.log10(floor) - 0.5, Math.log10(l0) + 0.5];
      void plot.setRun(run.figure.landscape, run.params.steps, range, figures.currentLook).then(() => {
        drawing = false;
        redraw(ctl.state);
      });
      return;
    }
    const key = `${String(race.run)}|${String(race.step)}|${JSON.stringify(on)}`;
    if (key === drawn) return;
    drawn = key;
    void plot.update(race.histories, on, run.figure.landscape);
  };

  return (state) => {
    const race = state.race;
    start.disabled = state.status === 'loading' || race?.status === 'running';
    showStatus(status, race, state.run.params.steps);
    el.toggleAttribute('data-raced', race !== null);
    setText(summary, race ? raceSummary(race) : NOT_STARTED);
    if (race) redraw(state);
  };
}

/** The figures' text: where each racer is, as the loss curves show it. */
function raceSummary(race: RaceView): string {
  const parts = RACERS.map((r) => {
    const hist = race.histories[r];
    const k = hist.length;
    if (k === 0) return `${NAMES[r]}: no steps yet`;
    const end = hist.divergedStep >= 0 ? ', diverged' : '';
    return `${NAMES[r]}: loss ${hist.losses[k - 1]!.toPrecision(4)} at step ${String(k - 1)}${end}`;
  });
  return `The race after ${String(race.step)} steps. ${parts.join('; ')}.`;
}

/** "step k / steps, status", and the status as data for the tests and the CSS. */
function showStatus(el: HTMLElement, race: RaceView | null, steps: number): void {
  setText(el, race ? `step ${String(race.step)} / ${String(steps)}, ${race.status}` : '');
  el.dataset.status = race?.status ?? '';
}
