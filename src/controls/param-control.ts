import { h, setText } from '../notebook/dom';
import { formatValue, fromSlider, SLIDER_STEPS, toSlider } from '../params/scale';
import {
  choiceSpec,
  numberSpec,
  PARAM_NAMES,
  specOf,
  type ChoiceParam,
  type NumericParam,
  type ParamName,
  type Params,
} from '../params/table';

/** One generated control: its row, the element the reader edits, and how it shows Params. */
export interface ParamControl {
  name: ParamName;
  row: HTMLElement;
  input: HTMLInputElement | HTMLSelectElement;
  sync(params: Params): void;
}

export type OnParam = (change: Partial<Params>) => void;

const FIXED_BY_OWN_DATA: readonly NumericParam[] = ['n', 'noise'];

function slider(name: NumericParam, onParam: OnParam, prefix = 'ctl'): ParamControl {
  const spec = numberSpec(name);
  const id = `${prefix}-${name}`;
  const input = h('input', { type: 'range', id, name, min: '0', max: String(SLIDER_STEPS), step: '1' });
  const out = h('output', { for: id, id: `${id}-value` });
  input.addEventListener('input', () => onParam({ [name]: fromSlider(name, Number(input.value)) }));
  const hint = spec.scale === 'log' ? ' (log scale)' : '';
  const label = h('label', { for: id }, spec.label, h('span', { class: 'hint' }, hint));
  const row = h('div', { class: 'control', 'data-param': name }, label, out, h('div', { class: 'track' }, input));
  return {
    name,
    row,
    input,
    sync(params) {
      const v = params[name];
      // Do not fight the reader's finger: a slider being dragged already shows its value.
      if (document.activeElement !== input || fromSlider(name, Number(input.value)) !== v) {
        input.value = String(toSlider(name, v));
      }
      setText(out, formatValue(name, v));
      input.setAttribute('aria-valuetext', formatValue(name, v));
      // Own points set n, and noise does not apply to them: those sliders wait for the post's data.
      const fixed = params.data !== null && FIXED_BY_OWN_DATA.includes(name);
      if (input.disabled !== fixed) {
        input.disabled = fixed;
        input.title = fixed ? 'Set by your own data (Back to the post\u2019s data frees it)' : '';
      }
    },
  };
}

/** What a number field shows where it is not the stored value: the batch as its size, at most n. */
const SHOWN: Partial<Record<NumericParam, (p: Params) => number>> = { batch: (p) => Math.min(p.batch, p.n) };

function numberField(name: NumericParam, onParam: OnParam, prefix = 'ctl'): ParamControl {
  const spec = numberSpec(name);
  const id = `${prefix}-${name}`;
  const input = h('input', {
    type: 'number',
    id,
    name,
    min: String(spec.min),
    max: String(spec.max),
    step: String(spec.step ?? 'any'),
    inputmode: spec.kind === 'int' ? 'numeric' : 'decimal',
  });
  input.addEventListener('change', () => {
    const v = Number(input.value);
    const whole = spec.kind !== 'int' || Number.isInteger(v);
    if (input.value.trim() !== '' && whole && v >= spec.min && v <= spec.max) onParam({ [name]: v });
    else
      input.setCustomValidity(
        `The ${spec.label} is ${spec.kind === 'int' ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}.`,
      );
    input.reportValidity();
  });
  input.addEventListener('input', () => input.setCustomValidity(''));
  const row = h('div', { class: 'control', 'data-param': name }, h('label', { for: id }, spec.label), input);
  return {
    name,
    row,
    input,
    sync(params) {
      if (document.activeElement !== input) input.value = String(SHOWN[name]?.(params) ?? params[name]);
    },
  };
}

function select(name: ChoiceParam, onParam: OnParam, prefix = 'ctl'): ParamControl {
  const spec = choiceSpec(name);
  const id = `${prefix}-${name}`;
  const labels: Partial<Record<string, string>> = spec.labels ?? {};
  const input = h('select', { id, name }, ...spec.options.map((o) => h('option', { value: o }, labels[o] ?? o)));
  input.addEventListener('change', () => onParam({ [name]: input.value }));
  const row = h(
    'div',
    { class: 'control backend-row', 'data-param': name },
    h('label', { for: id }, spec.label),
    input,
  );
  return {
    name,
    row,
    input,
    sync(params) {
      input.value = params[name];
    },
  };
}

/**
 * A second slider for `name` with its own ids (`strip-lr`): the phone's bottom bar holds lr and noise
 * beside the figures. Like every control it shows the state and keeps none of its own.
 */
export function stripSlider(name: NumericParam, onParam: OnParam): ParamControl {
  return slider(name, onParam, 'strip');
}

/**
 * The control the table names for `name`, or null for a parameter without one. `prefix` makes the
 * ids of a second copy (the optimizer chapter has its own).
 */
export function paramControl(name: ParamName, onParam: OnParam, prefix = 'ctl'): ParamControl | null {
  const spec = specOf(name);
  if (spec.control === 'slider') return slider(name as NumericParam, onParam, prefix);
  if (spec.control === 'number') return numberField(name as NumericParam, onParam, prefix);
  if (spec.control === 'select') return select(name as ChoiceParam, onParam, prefix);
  return null;
}

/** Every control the table names, in table order. */
export function paramControls(onParam: OnParam, only?: readonly ParamName[]): Map<ParamName, ParamControl> {
  const out = new Map<ParamName, ParamControl>();
  for (const name of PARAM_NAMES) {
    if (only && !only.includes(name)) continue;
    const c = paramControl(name, onParam);
    if (c) out.set(name, c);
  }
  return out;
}
