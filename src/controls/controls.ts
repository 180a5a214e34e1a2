import type { ControllerState } from '../controller/controller';
import { h } from '../notebook/dom';
import { specOf, type NumericParam, type ParamName, type Params } from '../params/table';
import { addBackendExtras, type Diagnostics } from './backend-row';
import { addLrMarks } from './lr-marks';
import { paramControls, stripSlider } from './param-control';
import { runButtons, type Action } from './run-buttons';
import { timeline } from './timeline';

export type { Action, Diagnostics };

export interface ControlEvents {
  onParam(change: Partial<Params>): void;
  onAction(action: Action): void;
  /** The replay cursor moved to `step`. */
  onSeek(step: number): void;
  onCompareBackends(): void;
}

export interface Controls {
  /** Show the state; the controls keep none of their own. */
  sync(state: ControllerState, diagnostics: Diagnostics): void;
  /** Where the live equation ŷ = a₁x + a₂ goes. */
  equation: HTMLElement;
}

/** Sliders first, then number fields, then selects: each group in table order. */
const ORDER = ['slider', 'number', 'select'] as const;

/** Where the controls go: `main` holds the run buttons and `mainParams`, `more` the rest. */
export interface ControlPlaces {
  main: HTMLElement;
  more: HTMLElement;
  /** The parameters up front; all of them if absent (the page, where main and more are one). */
  mainParams?: readonly ParamName[];
  /** Sliders also in the run bar (the page on a phone, where the sidebar scrolls away). */
  strip?: readonly NumericParam[];
  /** On the page: these parameters' controls behind a disclosure of their own at the end. */
  folded?: { label: string; names: readonly ParamName[] };
}

/** The optimizer chapter's parameters: behind "More" in the sidebar, up front in the chapter. */
export const OPTIMIZER_PARAMS: readonly ParamName[] = ['opt', 'momentum', 'nesterov', 'beta1', 'beta2', 'batch'];

/** The run buttons, the timeline, and every control the parameter table names. */
export function mountControls(places: ControlPlaces, events: ControlEvents): Controls {
  const params = paramControls((change) => events.onParam(change));
  const get = (name: ParamName) => {
    const c = params.get(name);
    if (!c) throw new Error(`the parameter table has no control for ${name}`);
    return c;
  };
  const marks = addLrMarks(get('lr'));
  const backend = addBackendExtras(get('backend'), get('grad'), () => events.onCompareBackends());
  const buttons = runButtons((a) => events.onAction(a));
  const replay = timeline((step) => events.onSeek(step));
  const rows = ORDER.flatMap((kind) => [...params.values()].filter((c) => specOf(c.name).control === kind));
  const up = (name: ParamName): boolean => !places.mainParams || places.mainParams.includes(name);
  const upFront = rows.filter((c) => up(c.name)).map((c) => c.row);
  const rest = rows.filter((c) => !up(c.name)).map((c) => c.row);
  const strip = (places.strip ?? []).map((name) => stripSlider(name, (change) => events.onParam(change)));
  if (strip.length) buttons.el.append(h('div', { class: 'strip' }, ...strip.map((c) => c.row)));
  if (places.main === places.more) {
    const folded = places.folded;
    const inFold = rows.filter((c) => folded?.names.includes(c.name)).map((c) => c.row);
    const open = [...upFront, ...rest].filter((r) => !inFold.includes(r));
    places.main.append(buttons.el, replay.el, h('div', { class: 'sliders' }, ...open));
    if (folded)
      places.main.append(
        h(
          'details',
          { class: 'more-controls' },
          h('summary', {}, folded.label),
          h('div', { class: 'sliders' }, ...inFold),
        ),
      );
  } else {
    places.main.append(buttons.el, h('div', { class: 'sliders' }, ...upFront));
    places.more.append(replay.el, h('div', { class: 'sliders' }, ...rest));
  }

  return {
    equation: replay.equation,
    sync(state, diagnostics) {
      const { run } = state;
      // The trained run's Params: a newer request shows once its run is made.
      for (const c of params.values()) c.sync(run.params);
      for (const c of strip) c.sync(run.params);
      marks.sync(run.params.lr, run.stability, run.verdict);
      backend.sync(state, diagnostics);
      buttons.sync(state);
      replay.sync(state.snapshot?.history.length ?? 0, state.cursor);
    },
  };
}
