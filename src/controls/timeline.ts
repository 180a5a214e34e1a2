import { h, setText } from '../notebook/dom';

export interface Timeline {
  el: HTMLElement;
  /** Where the live equation ŷ = a₁x + a₂ of the cursor goes. */
  equation: HTMLElement;
  sync(length: number, cursor: number): void;
}

/** The replay slider: any step of the run, in every view. */
export function timeline(onSeek: (step: number) => void): Timeline {
  const replay = h('input', {
    type: 'range',
    id: 'ctl-replay',
    name: 'replay',
    min: '0',
    max: '0',
    step: '1',
    value: '0',
  });
  const out = h('output', { for: 'ctl-replay', id: 'ctl-replay-value' });
  replay.addEventListener('input', () => onSeek(Number(replay.value)));
  const equation = h('div', { class: 'equation', 'aria-live': 'off' });
  const el = h(
    'div',
    { class: 'control replay' },
    h('label', { for: 'ctl-replay' }, 'timeline', h('span', { class: 'hint' }, ' (replay)')),
    out,
    replay,
    equation,
  );
  return {
    el,
    equation,
    sync(length, cursor) {
      replay.max = String(length);
      if (document.activeElement !== replay || Number(replay.value) !== cursor) replay.value = String(cursor);
      replay.disabled = length === 0;
      setText(out, `step ${cursor}`);
      replay.setAttribute('aria-valuetext', `step ${cursor} of ${length}`);
    },
  };
}
